"""Writes for venue closures: a time the venue takes no bookings.

The staff API and the admin both come through here, so a closure is never laid over a booking
that still holds its slot, whichever door staff use.
"""

import zoneinfo

from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import APIException

from bookings.models import Closure, Venue
from bookings.selectors import bookings_holding_their_slot


class ClosureConflict(APIException):
    """409 `closure_conflict`, listing the active bookings in the way (staff see their ids)."""

    status_code = 409
    default_code = "closure_conflict"

    def __init__(self, conflicts):
        self.conflicts = conflicts
        count = len(conflicts)
        super().__init__(f"{count} active booking(s) overlap this closure: move or cancel them first.")
        # Set after DRF's init, which would turn the ids and times into strings.
        self.detail = {"detail": str(self.detail), "code": self.default_code, "conflicts": conflicts}


def create_closure(*, venue, start, end, reason=""):
    return save_closure(Closure(venue=venue, start=start, end=end, reason=reason))


def save_closure(closure):
    """Insert or update `closure`, refusing (409) one that overlaps an active booking of its venue."""
    with transaction.atomic():
        refuse_conflicting_bookings(closure.venue, closure.start, closure.end)
        closure.save()
    return closure


def delete_closure(closure):
    closure.delete()


def refuse_conflicting_bookings(venue, start, end, now=None):
    """Raise ClosureConflict when an active booking of the venue overlaps [start, end).

    Takes the venue lock first, as create_booking does, so no booking can slip in between this
    check and the closure's insert: call it inside the transaction that saves the closure.
    """
    Venue.objects.select_for_update().only("id").get(pk=venue.pk)
    zone = zoneinfo.ZoneInfo(venue.timezone)
    conflicts = [
        {
            "booking": pk,
            "start": booking_start.astimezone(zone).isoformat(),
            "end": booking_end.astimezone(zone).isoformat(),
        }
        for pk, booking_start, booking_end in active_bookings_overlapping(venue.pk, start, end, now).values_list(
            "pk", "start_datetime", "end_datetime"
        )
    ]
    if conflicts:
        raise ClosureConflict(conflicts)


def active_bookings_overlapping(venue_id, start, end, now=None):
    """Bookings of the venue that hold part of [start, end): a lapsed hold holds nothing."""
    now = now or timezone.now()
    return (
        bookings_holding_their_slot(now)
        .filter(venue_id=venue_id, start_datetime__lt=end, end_datetime__gt=start)
        .order_by("start_datetime", "pk")
    )
