"""A booking's history: every change kept as who, when, what (DESIGN Part 2, changes and series).

The services write an entry in the transaction of the change itself. A change of time or status
also raises the booking's `sequence`, which calendars (iCal SEQUENCE) order updates by.
"""

from datetime import datetime
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from bookings.models import Booking, BookingChange

Action = BookingChange.Action
# Fields whose change a calendar must hear about.
SEQUENCED_FIELDS = frozenset({"status", "start_datetime", "end_datetime"})


def record_change(booking, actor, action, changes=None, at=None):
    """Keep one history entry for `booking`; `changes` is {field: (before, after)}.

    Raises the sequence in the database (never from a stale copy) when time or status changed
    (a new booking starts at 0).
    `actor` is the user who acted, or None for the system (a job, a provider's webhook).
    """
    changes = {field: [_json(before), _json(after)] for field, (before, after) in (changes or {}).items()}
    entry = BookingChange.objects.create(
        booking_id=booking.pk,
        at=at or timezone.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        changes=changes,
    )
    if action != Action.CREATED and SEQUENCED_FIELDS.intersection(changes):
        bump_sequence([booking.pk])
        booking.sequence = Booking.objects.filter(pk=booking.pk).values_list("sequence", flat=True).get()
    return entry


def record_bulk_status_change(booking_ids, before, after, action, at):
    """The history of a job that moved many bookings from one status to another at once."""
    BookingChange.objects.bulk_create(
        BookingChange(booking_id=pk, at=at, actor=None, action=action, changes={"status": [before, after]})
        for pk in booking_ids
    )
    bump_sequence(booking_ids)


def bump_sequence(booking_ids):
    Booking.objects.filter(pk__in=booking_ids).update(sequence=F("sequence") + 1)


def status_change(booking, after):
    """{"status": (before, after)} for `booking`, and set it (the caller saves)."""
    before, booking.status = booking.status, after
    return {"status": (before, after)}


def _json(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()  # one offset for before and after
    if isinstance(value, Decimal):
        return str(value)
    return value
