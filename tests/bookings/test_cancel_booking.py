"""The booking states: hold, confirm, cancel, expire, complete (money: tests/payments)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from bookings.models import Booking
from bookings.services import (
    BookingStateConflict,
    SlotUnavailable,
    cancel_booking,
    complete_past_bookings,
    confirm_booking,
    expire_lapsed_holds,
    refund_percent,
)
from bookings.signals import booking_confirmed, booking_expired
from tests.bookings.conftest import book

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "notice, percent",
    [
        (timedelta(days=30), 100),
        (timedelta(days=7), 100),
        (timedelta(days=7) - timedelta(seconds=1), 50),
        (timedelta(days=2), 50),
        (timedelta(days=2) - timedelta(seconds=1), 0),
        (timedelta(hours=1), 0),
    ],
    ids=["30d", "exactly-7d", "just-under-7d", "exactly-2d", "just-under-2d", "1h"],
)
def test_refund_policy_boundaries(alice, hall, notice, percent):
    booking = book(alice, hall, days=40)

    assert refund_percent(booking, now=booking.start_datetime - notice) == percent


def test_a_new_booking_is_held_for_the_venues_hold_minutes_with_its_deposit(alice, hall):
    before = timezone.now()
    booking = book(alice, hall, days=30, hours=2)

    assert booking.status == Booking.Status.PENDING
    assert before + timedelta(minutes=15) <= booking.hold_expires_at <= timezone.now() + timedelta(minutes=15)
    assert booking.deposit_amount == booking.total * 25 / 100  # DESIGN default deposit_percent
    assert booking.balance_due_at == booking.start_datetime - timedelta(days=7)
    assert booking.amount_due == booking.deposit_amount


def test_a_booking_whose_balance_is_due_already_takes_the_whole_total_as_deposit(alice, hall):
    booking = book(alice, hall, days=3)

    assert booking.deposit_amount == booking.total


def test_cancelling_a_hold_is_allowed_and_twice_is_409(alice, hall):
    booking = book(alice, hall, days=9)
    cancel_booking(booking, by_user=alice)

    with pytest.raises(BookingStateConflict, match="A cancelled booking cannot be cancelled"):
        cancel_booking(booking, by_user=alice)


def test_a_started_booking_cannot_be_cancelled(alice, hall):
    booking = book(alice, hall, days=9)
    Booking.objects.filter(pk=booking.pk).update(
        start_datetime=timezone.now() - timedelta(hours=1), end_datetime=timezone.now() + timedelta(hours=1)
    )

    with pytest.raises(BookingStateConflict, match="already started"):
        cancel_booking(booking, by_user=alice)


def test_staff_confirm_a_hold_and_listeners_hear_it_once(alice, hall, django_capture_on_commit_callbacks):
    booking = book(alice, hall)
    received = []
    booking_confirmed.connect(
        lambda sender, booking, **kwargs: received.append(booking.pk), weak=False, dispatch_uid="t"
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            confirm_booking(booking)
        assert received == [booking.pk]
        assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED
        with pytest.raises(BookingStateConflict, match="Only a held booking"):
            confirm_booking(booking)
    finally:
        booking_confirmed.disconnect(dispatch_uid="t")


@pytest.mark.parametrize("status", ["cancelled", "completed", "rejected"])
def test_a_closed_booking_cannot_be_confirmed(alice, hall, status):
    booking = book(alice, hall)
    Booking.objects.filter(pk=booking.pk).update(status=status)

    with pytest.raises(BookingStateConflict):
        confirm_booking(booking)


def test_a_lapsed_hold_frees_its_slot_at_once_and_housekeeping_marks_it_expired(
    alice, bob, hall, django_capture_on_commit_callbacks
):
    booking = book(alice, hall, days=10)
    expired = []
    booking_expired.connect(lambda sender, booking, **kwargs: expired.append(booking.pk), weak=False, dispatch_uid="t")
    try:
        with time_machine.travel(booking.hold_expires_at + timedelta(seconds=1), tick=False):
            # Before any job runs, the slot is free for someone else.
            other = book(bob, hall, days=10)
            with django_capture_on_commit_callbacks(execute=True):
                assert expire_lapsed_holds() == 1
        assert Booking.objects.get(pk=booking.pk).status == Booking.Status.EXPIRED
        assert Booking.objects.get(pk=other.pk).status == Booking.Status.PENDING
        assert expired == [booking.pk]
        assert expire_lapsed_holds() == 0
    finally:
        booking_expired.disconnect(dispatch_uid="t")


def test_a_lapsed_hold_is_confirmed_only_while_its_slot_is_still_free(alice, bob, hall):
    free = book(alice, hall, days=10, hour=8)
    taken = book(alice, hall, days=10, hour=14)
    with time_machine.travel(taken.hold_expires_at + timedelta(seconds=1), tick=False):
        book(bob, hall, days=10, hour=14)
        confirm_booking(free)
        with pytest.raises(SlotUnavailable):
            confirm_booking(taken)

    assert Booking.objects.get(pk=free.pk).status == Booking.Status.CONFIRMED
    assert Booking.objects.get(pk=taken.pk).status == Booking.Status.PENDING


def test_complete_past_bookings_marks_only_ended_confirmed_ones(alice, hall):
    ended, running, future, cancelled = (book(alice, hall, hour=hour) for hour in (6, 9, 12, 15))
    for booking in (ended, running, future):
        confirm_booking(booking)
    now = timezone.now()
    Booking.objects.filter(pk=ended.pk).update(
        start_datetime=now - timedelta(hours=3), end_datetime=now - timedelta(hours=1)
    )
    Booking.objects.filter(pk=running.pk).update(
        start_datetime=now - timedelta(hours=1), end_datetime=now + timedelta(hours=1)
    )
    Booking.objects.filter(pk=cancelled.pk).update(
        status=Booking.Status.CANCELLED, start_datetime=now - timedelta(hours=9), end_datetime=now - timedelta(hours=8)
    )

    assert complete_past_bookings() == 1
    assert dict(Booking.objects.values_list("pk", "status")) == {
        ended.pk: "completed",
        running.pk: "confirmed",
        future.pk: "confirmed",
        cancelled.pk: "cancelled",
    }
