from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from bookings.models import Booking, Refund
from bookings.services import (
    BookingStateConflict,
    cancel_booking,
    complete_past_bookings,
    confirm_booking,
    refund_percent,
)
from bookings.signals import booking_cancelled, booking_confirmed
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

    assert refund_percent(booking, alice, now=booking.start_datetime - notice) == percent


def test_staff_cancellation_refunds_in_full_and_pending_bookings_owe_nothing(alice, charlie, hall):
    booking = book(alice, hall, days=1)
    assert refund_percent(booking, charlie, now=timezone.now()) == 100

    booking.status = Booking.Status.PENDING
    assert refund_percent(booking, charlie, now=timezone.now()) == 0


def test_owner_cancels_with_half_refund(alice, alice_client, hall):
    booking = book(alice, hall, days=3, items=[])

    response = alice_client.post(f"/api/bookings/{booking.pk}/cancel/", {"reason": "Monsoon"}, format="json")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "cancelled"
    assert body["refund"]["percent"] == 50
    assert body["refund"]["amount"] == str((booking.total / 2).quantize(Decimal("0.01")))
    assert body["refund"]["reason"] == "Monsoon"
    assert body["refund"]["status"] == "pending"
    assert Refund.objects.get(booking=booking).amount == Decimal("1180.00")


def test_late_cancellation_refunds_nothing_and_is_settled(alice, alice_client, hall):
    booking = book(alice, hall, days=1)

    refund = alice_client.post(f"/api/bookings/{booking.pk}/cancel/", format="json").json()["refund"]

    assert (refund["percent"], refund["amount"], refund["status"]) == (0, "0.00", "processed")


def test_cancelling_twice_is_409_and_keeps_one_refund(alice, alice_client, hall):
    booking = book(alice, hall, days=9)
    assert alice_client.post(f"/api/bookings/{booking.pk}/cancel/", format="json").status_code == 200

    response = alice_client.post(f"/api/bookings/{booking.pk}/cancel/", format="json")

    assert response.status_code == 409
    assert response.json() == {"detail": "A cancelled booking cannot be cancelled."}
    assert Refund.objects.count() == 1


def test_a_started_booking_cannot_be_cancelled(alice, alice_client, hall):
    booking = book(alice, hall, days=9)
    Booking.objects.filter(pk=booking.pk).update(
        start_datetime=timezone.now() - timedelta(hours=1), end_datetime=timezone.now() + timedelta(hours=1)
    )

    response = alice_client.post(f"/api/bookings/{booking.pk}/cancel/", format="json")

    assert response.status_code == 409
    assert not Refund.objects.exists()


def test_another_customer_cannot_cancel(alice, bob_client, hall):
    booking = book(alice, hall)

    assert bob_client.post(f"/api/bookings/{booking.pk}/cancel/", format="json").status_code == 404
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED


def test_staff_cancel_any_booking_with_full_refund(alice, staff_client, hall):
    booking = book(alice, hall, days=1)

    refund = staff_client.post(f"/api/bookings/{booking.pk}/cancel/", format="json").json()["refund"]

    assert (refund["percent"], refund["amount"]) == (100, str(booking.total))


def test_booking_cancelled_signal_carries_the_refund(alice, hall, django_capture_on_commit_callbacks):
    received = []
    booking_cancelled.connect(
        lambda sender, booking, refund, **kwargs: received.append((booking.pk, refund.percent)),
        weak=False,
        dispatch_uid="t",
    )
    try:
        booking = book(alice, hall, days=10)
        with django_capture_on_commit_callbacks(execute=True):
            cancel_booking(booking, by_user=alice, reason="")
        assert received == [(booking.pk, 100)]
    finally:
        booking_cancelled.disconnect(dispatch_uid="t")


def test_confirm_moves_pending_to_confirmed_and_signals(alice, hall, django_capture_on_commit_callbacks):
    booking = book(alice, hall)
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.PENDING)
    received = []
    booking_confirmed.connect(
        lambda sender, booking, **kwargs: received.append(booking.pk), weak=False, dispatch_uid="t"
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            confirm_booking(booking)
        assert received == [booking.pk]
        assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED
        with pytest.raises(BookingStateConflict, match="Only a pending booking"):
            confirm_booking(booking)
    finally:
        booking_confirmed.disconnect(dispatch_uid="t")


def test_complete_past_bookings_marks_only_ended_confirmed_ones(alice, hall):
    ended, running, future, cancelled = (book(alice, hall, hour=hour) for hour in (6, 9, 12, 15))
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
