"""The notification job sends outside any database transaction and still sends once."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from model_bakery import baker

from jobs.models import BookingNotification
from notifications.mail import NotificationInFlight, send_booking_notification_once
from tests.concurrency import race
from tests.jobs.email_backends import TransactionRecordingBackend
from tests.server import free_port

# Transactions are what these tests look at: no test-wide transaction around them.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def recording_backend(settings):
    settings.EMAIL_BACKEND = "tests.jobs.email_backends.TransactionRecordingBackend"
    TransactionRecordingBackend.in_transaction = []
    TransactionRecordingBackend.during_send = None
    yield TransactionRecordingBackend
    TransactionRecordingBackend.during_send = None


def notification(booking):
    return BookingNotification.objects.get(booking=booking, event="confirmed")


def test_the_mail_goes_out_outside_any_database_transaction(booking, recording_backend):
    assert send_booking_notification_once(booking.pk, "confirmed") is True

    assert recording_backend.in_transaction == [False]
    assert [message.subject for message in mail.outbox] == [f"Booking #{booking.pk} confirmed: Annual day"]
    assert mail.outbox[0].to == ["alice@example.com"]
    assert notification(booking).sent_at is not None


def test_a_second_run_during_the_send_is_neither_blocked_nor_sends(booking, recording_backend):
    """With a transaction held across the send, the second worker would wait on the row lock
    (SQLite: the database's write lock) while the first waits for it: here it answers at once."""
    outcomes = []

    def second_worker():
        def attempt():
            try:
                outcomes.append(send_booking_notification_once(booking.pk, "confirmed"))
            except Exception as error:  # noqa: BLE001 - the outcome is what the test looks at
                outcomes.append(error)

        thread = threading.Thread(target=attempt)
        thread.start()
        thread.join()

    recording_backend.during_send = second_worker

    assert send_booking_notification_once(booking.pk, "confirmed") is True

    assert len(outcomes) == 1 and isinstance(outcomes[0], NotificationInFlight), outcomes
    assert len(mail.outbox) == 1
    assert send_booking_notification_once(booking.pk, "confirmed") is False  # the retry finds it sent
    assert len(mail.outbox) == 1


def test_two_concurrent_runs_send_one_email(booking, requires_mysql):
    outcomes = race(2, lambda _: send_booking_notification_once(booking.pk, "confirmed"))

    assert outcomes.count(True) == 1, outcomes
    expected = (bool, NotificationInFlight)  # sent, found sent, or found being sent
    assert all(isinstance(outcome, expected) for outcome in outcomes), outcomes
    assert len(mail.outbox) == 1
    assert notification(booking).sent_at is not None


def test_a_failed_send_releases_its_claim_for_the_retry(booking, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens: refused

    with pytest.raises(ConnectionRefusedError):
        send_booking_notification_once(booking.pk, "confirmed")

    assert (notification(booking).claimed_at, notification(booking).sent_at) == (None, None)
    settings.EMAIL_BACKEND = "tests.jobs.email_backends.TransactionRecordingBackend"
    assert send_booking_notification_once(booking.pk, "confirmed") is True
    assert len(mail.outbox) == 1


def test_a_claim_left_by_a_run_that_died_is_taken_over_once_it_lapses(booking):
    died_at = timezone.now()
    baker.make(
        BookingNotification, booking=booking, event="confirmed", recipient="alice@example.com", claimed_at=died_at
    )

    with time_machine.travel(died_at + timedelta(minutes=4)):
        with pytest.raises(NotificationInFlight):
            send_booking_notification_once(booking.pk, "confirmed")
    assert mail.outbox == []

    with time_machine.travel(died_at + timedelta(minutes=6)):
        assert send_booking_notification_once(booking.pk, "confirmed") is True
    assert len(mail.outbox) == 1


def test_a_sent_notification_is_never_sent_again(booking):
    assert send_booking_notification_once(booking.pk, "confirmed") is True

    assert send_booking_notification_once(booking.pk, "confirmed") is False
    assert len(mail.outbox) == 1
