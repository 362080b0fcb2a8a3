"""Rules a booking must satisfy before it is stored, and the 400 a request gets when it breaks one.

The bounds are named defaults today (DESIGN Part 2's venue rules); a later change makes them
per venue. Each bound also keeps every stored row loadable: a slot of years or a quantity of
millions would price a total that overflows its DECIMAL(12, 2) column.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from rest_framework.exceptions import APIException

from bookings.models import MONEY

MAX_DURATION_MINUTES = 960
MAX_ADVANCE_DAYS = 365  # bounds the start, counted from now
MAX_ITEM_QUANTITY = 10_000  # per line; a banquet of 1,000 guests needs 1,000 chairs
MAX_ITEM_LINES = 50
LARGEST_AMOUNT = Decimal(10 ** (MONEY["max_digits"] - MONEY["decimal_places"])) - Decimal("0.01")
# Availability answers for days between a year ago and three years ahead (DESIGN Part 2).
AVAILABILITY_DAYS_BACK = 366
AVAILABILITY_YEARS_AHEAD = 3


class RuleViolation(APIException):
    """A 400 with DRF's `detail` and a stable `code` beside it."""

    status_code = 400
    default_code = "invalid"

    def __init__(self, detail, code):
        super().__init__({"detail": detail, "code": code}, code)


def check_duration(start, end):
    if end - start > timedelta(minutes=MAX_DURATION_MINUTES):
        raise RuleViolation(f"A booking lasts at most {MAX_DURATION_MINUTES} minutes.", "too_long")


def check_advance(start, now=None):
    now = now or timezone.now()
    if start - now > timedelta(days=MAX_ADVANCE_DAYS):
        raise RuleViolation(f"A booking starts at most {MAX_ADVANCE_DAYS} days from now.", "too_far_ahead")


def check_amount_fits(total):
    if total > LARGEST_AMOUNT:
        raise RuleViolation(
            f"The total of {total} INR is more than one booking can hold ({LARGEST_AMOUNT}); book less.",
            "amount_too_large",
        )


def availability_date_range(today=None):
    """(first, last) local day that availability answers for."""
    today = today or timezone.localdate()
    last = _years_after(today, AVAILABILITY_YEARS_AHEAD)
    return today - timedelta(days=AVAILABILITY_DAYS_BACK), last


def check_availability_date(day, today=None):
    first, last = availability_date_range(today)
    if not first <= day <= last:
        raise RuleViolation(f"Ask for a date between {first} and {last}.", "date_out_of_range")


def _years_after(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return date(day.year + years, 2, 28)
