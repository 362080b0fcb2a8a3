"""Cached public answers served without authenticating against the database or running the view.

Availability of an active venue and search are the same for every caller, and the catalogue is
the same for every anonymous one (bookings/caching.py keys each answer by its audience). For a
GET of one of those routes this middleware does what DRF's dispatch does, the view's handler
replaced by the entry the view stored: the view's content negotiation, permissions and
throttles (`general`, and `search` where the view sets that scope) run as DRF runs them (a
throttled caller gets DRF's 429 from here), then the stored bytes and ETag are the answer (304
for a matching If-None-Match). The caller is found without a query: anonymous, or the user a
bearer token names once its signature and expiry verify (simplejwt's stateless authentication),
which is all the throttles key on.

Anything it cannot answer exactly as the view would goes on to the view: another method or
route, no entry or a stale one, a session cookie (only the session says who that is), a token
that does not verify (the view answers 401), the catalogue for a caller with a token (staff may
see inactive rows), a client asking for anything but JSON. A token whose user was deactivated
since it was issued still gets public answers here until it expires: anonymous callers get them.
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import Resolver404, resolve
from django.utils import timezone
from rest_framework.exceptions import APIException
from rest_framework.request import ForcedAuthentication
from rest_framework_simplejwt.authentication import JWTStatelessUserAuthentication

from bookings import caching
from lebrq.cache import cache_get_many


class CachedAnswerMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return cached_answer(request) or self.get_response(request)


def cached_answer(request):
    """The cached answer to `request`, or None to let the view answer."""
    if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    match = _route_keeping_answers(request)
    credentials = _credentials(request) if match else None
    if credentials is None:
        return None
    try:
        url = request.build_absolute_uri()
    except DisallowedHost:
        return None
    audiences = [caching.EVERYONE] if credentials else [caching.EVERYONE, caching.PUBLIC]
    entry = next(iter(cache_get_many([caching.answer_key(audience, url) for audience in audiences]).values()), None)
    if entry is None or not _is_current(entry):
        return None
    return _dispatch(match, request, credentials, entry)


def _route_keeping_answers(request):
    """The URL match of a DRF viewset action that keeps cached answers (`cached_answer_actions`)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    actions = getattr(match.func, "actions", None) or {}
    keeping = getattr(getattr(match.func, "cls", None), "cached_answer_actions", ())
    return match if actions.get("get") in keeping else None


def _credentials(request):
    """() for an anonymous caller, the authenticator of a bearer token that verifies, None for
    a token that does not."""
    try:
        authenticated = JWTStatelessUserAuthentication().authenticate(request)
    except APIException:
        return None
    return (ForcedAuthentication(*authenticated),) if authenticated else ()


def _is_current(entry):
    keys = {scope: caching.version_key(scope) for scope in entry["versions"]}
    stored = cache_get_many(list(keys.values()))
    return caching.is_current(entry, {scope: stored.get(key) for scope, key in keys.items()}, timezone.now())


def _dispatch(match, request, credentials, entry):
    """DRF's APIView.dispatch for this route with the entry as the handler's answer; None when
    the client negotiates another renderer than JSON."""
    view = match.func.cls(**match.func.initkwargs)
    view.action_map = {"head": match.func.actions["get"], **match.func.actions}
    for method, action in view.action_map.items():
        setattr(view, method, getattr(view, action))  # as ViewSetMixin.as_view does: Allow lists them
    view.args, view.kwargs = match.args, match.kwargs
    view.request = drf_request = view.initialize_request(request)
    drf_request.authenticators = credentials
    view.headers, view.format_kwarg = view.default_response_headers, view.get_format_suffix(**match.kwargs)
    try:
        renderer, _ = view.perform_content_negotiation(drf_request)
    except APIException:
        return None
    if renderer.format != "json":
        return None
    try:
        view.initial(drf_request, *match.args, **match.kwargs)
        response = caching.response_of(request, entry)
    except Exception as error:  # what dispatch hands to the exception handler: a throttle's 429
        response = view.handle_exception(error)
    response = view.finalize_response(drf_request, response, *match.args, **match.kwargs)
    return response.render() if hasattr(response, "render") else response
