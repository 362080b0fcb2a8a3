"""Booking services -> signals -> a notification job queued only once the transaction commits."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from model_bakery import baker

from bookings.services import confirm_booking
from payments.services import cancel_with_refund

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending_booking(alice):
    start = timezone.now() + timedelta(days=30)
    return baker.make(
        "bookings.Booking", user=alice, status="pending", start_datetime=start, end_datetime=start + timedelta(hours=2)
    )


def queued_events():
    return sorted(result.args_kwargs["args"][1] for result in DBTaskResult.objects.all())


def test_confirming_queues_the_confirmation_email_on_commit(pending_booking, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        confirm_booking(pending_booking)
        assert queued_events() == []  # nothing before the commit

    assert queued_events() == ["confirmed"]


def test_cancelling_queues_the_cancellation_email(pending_booking, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cancel_with_refund(pending_booking, by_user=alice, reason="change of plans")

    assert "cancelled" in queued_events()


def test_a_lapsed_hold_queues_the_expiry_email_and_it_tells_the_customer(
    pending_booking, django_capture_on_commit_callbacks, mailoutbox
):
    from bookings.services import expire_lapsed_holds
    from notifications.mail import send_booking_notification_once

    pending_booking.hold_expires_at = timezone.now() - timedelta(minutes=1)
    pending_booking.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert expire_lapsed_holds() == 1

    assert queued_events() == ["expired"]
    assert send_booking_notification_once(pending_booking.pk, "expired") is True
    assert "hold" in mailoutbox[-1].subject and "slot is free again" in mailoutbox[-1].body
