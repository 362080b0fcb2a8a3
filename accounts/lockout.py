"""Login lockout per account and address together (django-axes, database handler).

The admin login reaches axes through Django's authenticate() and AxesMiddleware. The API token
route calls authenticate() with DRF's request, on which axes flags the lockout; the token
serializer turns that flag into LoginLockedOut (429 with Retry-After).
"""

import math

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import admin
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone
from rest_framework.exceptions import APIException


class LoginLockedOut(APIException):
    """429 `{"detail", "code": "login_locked_out"}`; DRF's handler turns `wait` into Retry-After."""

    status_code = 429
    default_code = "login_locked_out"

    def __init__(self, wait):
        self.wait = wait
        minutes = math.ceil(wait / 60)
        detail = (
            "Too many failed sign-ins for this account from your address. "
            f"Try again in {minutes} minute{'s' if minutes != 1 else ''}."
        )
        super().__init__({"detail": detail, "code": self.default_code})


def login_username(request, credentials):
    """The account a login attempt names, as axes keys it (AXES_USERNAME_CALLABLE).

    The admin form sends `username`, the API `email`; emails are stored lower-cased, so
    "Alice@Example.com" must count against the same lockout as alice@example.com.
    """
    credentials = credentials or {}
    name = credentials.get("email") or credentials.get("username")
    if name is None:
        data = getattr(request, "data", None) or request.POST
        if hasattr(data, "get"):
            name = data.get("email") or data.get("username")
    return str(name).strip().lower() if name else None


def seconds_until_unlocked(request, credentials):
    last_failure = AccessAttempt.objects.filter(
        username=login_username(request, credentials), ip_address=request.axes_ip_address
    ).aggregate(last=Max("attempt_time"))["last"]
    if last_failure is None:
        return math.ceil(settings.AXES_COOLOFF_TIME.total_seconds())
    remaining = (last_failure + settings.AXES_COOLOFF_TIME - timezone.now()).total_seconds()
    return max(1, math.ceil(remaining))


def forget_failed_logins(request, credentials):
    """A successful API login clears its account's failures from that address, as
    AXES_RESET_ON_SUCCESS does for the admin (which sends user_logged_in; the API does not)."""
    username = login_username(request, credentials)
    address = getattr(request, "axes_ip_address", None)
    if username and address:  # reset() with either one missing would clear more than this pair
        reset(ip=address, username=username)


def lockout_response(request, original_response, credentials):
    """The admin's lockout page (AXES_LOCKOUT_CALLABLE), 429 with Retry-After."""
    wait = seconds_until_unlocked(request, credentials)
    context = {"minutes": math.ceil(wait / 60), "site_header": admin.site.site_header}
    response = render(request, "admin/login_locked_out.html", context, status=429)
    response["Retry-After"] = str(wait)
    return response
