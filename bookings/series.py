"""Series: a recurring programme booked as one (DESIGN Part 2, changes and series).

Every occurrence is a booking of its own, checked by the same rules and locks as any booking
and held (or requested) together until one payment covers all their deposits. With
`on_conflict="fail"` one taken date refuses the whole series and nothing is written; with
"skip" the dates that cannot be booked are reported and the rest are booked.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bookings.counts import invalidate_booking_counts
from bookings.history import Action, record_change
from bookings.models import Booking, BookingItem, BookingSeries, Venue
from bookings.recurrence import horizon_of, occurrences
from bookings.rules import RuleViolation, VenueRules
from bookings.services import (
    Conflict,
    _check_rules,
    _merge_quantities,
    _refuse_conflicts,
    _refuse_short_stock,
    _start_hold_or_request,
    _validate_request,
    announce_on_commit,
    build_booking,
    open_hold_count,
)
from bookings.signals import booking_held, booking_requested, series_created

# Refusals that hold for every date alike (the request's own shape, the guests): the whole series is a 400.
SHAPE_CODES = frozenset({"off_grid", "too_short", "too_long", "over_capacity"})


class SeriesConflict(Conflict):
    default_detail = (
        "Some dates of the series cannot be booked; nothing was booked. Send on_conflict=skip to book the rest."
    )
    default_code = "series_conflict"


def create_series(
    *, user, venue, start, end, rrule, title, kind=Booking.Kind.PROGRAM, items=(), guests=1, is_public=False,
    on_conflict="fail",
):  # fmt: skip
    """Book every date `rrule` gives from [start, end); returns (series, bookings, skipped).

    `skipped` is [{"start", "code"}] of the dates left out (on_conflict="skip").
    """
    quantities = _merge_quantities(items)
    _validate_request(venue, start, end, quantities)
    duration = end - start
    rules = VenueRules.of(venue.rules)
    # Expanded before the venue's lock: however costly a rule, no other booking waits on it.
    starts = occurrences(rrule, start, venue.timezone, horizon_of(rules, timezone.now()))
    with transaction.atomic():
        Venue.objects.select_for_update().only("id").get(pk=venue.pk)
        now = timezone.now()
        open_holds = open_hold_count(user, now)
        if open_holds >= settings.MAX_OPEN_HOLDS:  # the whole series is one more hold
            raise RuleViolation(
                f"You already hold {open_holds} unpaid bookings; pay or cancel one first "
                f"(at most {settings.MAX_OPEN_HOLDS}).",
                "too_many_holds",
            )
        series = BookingSeries.objects.create(
            user=user, venue=venue, kind=kind, title=title, rrule=rrule, is_public=is_public, guests=guests
        )
        booked, skipped = [], []
        for occurrence in starts:
            refusal = _book_occurrence(series, occurrence, occurrence + duration, quantities, rules, now, booked)
            if refusal:
                skipped.append({"start": occurrence.astimezone(ZoneInfo(venue.timezone)).isoformat(), "code": refusal})
        if skipped and (on_conflict == "fail" or not booked):
            transaction.set_rollback(True)
            raise SeriesConflict(conflicts=skipped)
        for booking in booked:
            signal = booking_requested if booking.status == Booking.Status.REQUESTED else booking_held
            announce_on_commit(signal, booking=booking, at=None)
        announce_on_commit(series_created, series=series, at=None)
    invalidate_booking_counts()
    return series, booked, skipped


def _book_occurrence(series, start, end, quantities, rules, now, booked):
    """Book one date of the series, or return the code that refuses it."""
    try:
        with transaction.atomic():
            _check_rules(series.user, series.venue, start, end, series.guests, now, count_holds=False)
            _refuse_conflicts(series.venue, rules, start, end, now)
            _refuse_short_stock(quantities, start, end, now, lock=True)
            booking, lines = build_booking(
                user=series.user, venue=series.venue, start=start, end=end, kind=series.kind, title=series.title,
                quantities=quantities, is_public=series.is_public, guests=series.guests, now=now,
            )  # fmt: skip
            _start_hold_or_request(booking, rules, now, requested=rules.requires_approval)
            booking.series = series
            booking.save()
            BookingItem.objects.bulk_create(lines)
            record_change(booking, series.user, Action.CREATED, {"status": (None, booking.status)}, at=now)
    except RuleViolation as refusal:
        if refusal.detail["code"] in SHAPE_CODES:
            raise
        return str(refusal.detail["code"])
    except Conflict as refusal:
        return str(refusal.detail["code"])
    booked.append(booking)
    return None


def series_bookings(series):
    return series.bookings.select_related("venue").order_by("start_datetime", "id")
