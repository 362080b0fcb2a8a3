"""Outbound webhooks: signed deliveries to a real local receiver, retries with backoff for 24 h,
every attempt logged, redirects refused, and the events the booking lifecycle sends."""

import json
from datetime import datetime, timedelta
from itertools import pairwise

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from model_bakery import baker

from bookings.services import announce_on_commit, confirm_booking
from bookings.signals import booking_held, booking_rescheduled
from notifications.models import WebhookDelivery, WebhookEndpoint
from notifications.webhooks import queue_event, redeliver, send_test_event, sign, verify_signature
from payments.services import cancel_with_refund
from tests.notifications.conftest import run_ready_jobs

pytestmark = pytest.mark.django_db
SECRET = "whsec_test_secret"


@pytest.fixture
def endpoint(webhook_receiver):
    return WebhookEndpoint.objects.create(
        url=webhook_receiver.url, secret=SECRET, events=["booking.created", "booking.confirmed",
        "booking.cancelled", "booking.rescheduled", "payment.received", "invoice.issued", "refund.processed"],
    )  # fmt: skip


@pytest.fixture
def pending_booking(alice):
    start = timezone.now() + timedelta(days=30)
    return baker.make(
        "bookings.Booking", user=alice, status="pending", title="Annual day",
        start_datetime=start, end_datetime=start + timedelta(hours=2),
    )  # fmt: skip


def test_a_delivery_is_signed_and_the_receiver_verifies_it(
    endpoint, webhook_receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_event("booking.confirmed", {"booking": {"id": 7}})
    assert run_ready_jobs() == 1

    [arrived] = webhook_receiver.received
    header = arrived["headers"]["LeBrq-Signature"]
    assert verify_signature(SECRET, arrived["body"], header)
    assert not verify_signature("another secret", arrived["body"], header)
    assert not verify_signature(SECRET, arrived["body"] + b" ", header)
    event = json.loads(arrived["body"])
    assert set(event) == {"id", "type", "created", "data"}
    assert event["type"] == "booking.confirmed" and event["data"] == {"booking": {"id": 7}}
    assert arrived["headers"]["Content-Type"] == "application/json"
    assert WebhookDelivery.objects.get().status == "delivered"


def test_the_signature_is_hmac_sha256_of_timestamp_dot_body():
    import hashlib
    import hmac

    body = b'{"id":"evt_1"}'
    expected = hmac.new(b"k", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert sign("k", body, 1700000000) == f"t=1700000000,v1={expected}"
    assert not verify_signature("k", body, sign("k", body, 1700000000), now=1700000000 + 301)  # a replay
    assert verify_signature("k", body, sign("k", body, 1700000000), now=1700000000 + 10)
    assert not verify_signature("k", body, "garbage")


def test_two_failed_attempts_are_retried_with_backoff_and_the_third_arrives(
    endpoint, webhook_receiver, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 60
    webhook_receiver.answers = [500, 503]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            [delivery] = queue_event("booking.created", {"booking": {"id": 1}})
        assert run_ready_jobs() == 1  # attempt 1: 500
        assert run_ready_jobs() == 0  # the retry is not due yet
        clock.shift(timedelta(seconds=59))
        assert run_ready_jobs() == 0
        clock.shift(timedelta(seconds=1))
        assert run_ready_jobs() == 1  # attempt 2 after 60 s: 503
        clock.shift(timedelta(seconds=119))
        assert run_ready_jobs() == 0
        clock.shift(timedelta(seconds=1))
        assert run_ready_jobs() == 1  # attempt 3 after 120 s more: 200

    assert [attempt.status_code for attempt in delivery.attempts.all()] == [500, 503, 200]
    bodies = {each["body"] for each in webhook_receiver.received}
    assert len(webhook_receiver.received) == 3 and len(bodies) == 1  # the same event each time
    assert all(
        verify_signature(SECRET, each["body"], each["headers"]["LeBrq-Signature"]) for each in webhook_receiver.received
    )
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.next_attempt_at is None
    assert DBTaskResult.objects.count() == 0


def test_a_delivery_gives_up_after_24_hours_of_failures(endpoint, webhook_receiver, django_capture_on_commit_callbacks):
    webhook_receiver.answers = [500] * 100
    with time_machine.travel(timezone.now(), tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            [delivery] = queue_event("booking.created", {"booking": {"id": 1}})
        start = timezone.now()
        while run_ready_jobs() or DBTaskResult.objects.exists():
            clock.shift(timedelta(minutes=30))
            assert timezone.now() - start < timedelta(hours=30)

    delivery.refresh_from_db()
    attempts = list(delivery.attempts.all())
    assert delivery.status == "failed"
    assert all(attempt.status_code == 500 for attempt in attempts)
    assert attempts[-1].at - start <= timedelta(hours=24)
    assert 10 <= len(attempts) <= 20  # backoff, not once a minute
    gaps = [later.at - earlier.at for earlier, later in pairwise(attempts)]
    assert gaps == sorted(gaps)


def test_a_redirect_is_never_followed_and_counts_as_a_failure(
    endpoint, webhook_receiver, django_capture_on_commit_callbacks
):
    webhook_receiver.answers = [302]
    with django_capture_on_commit_callbacks(execute=True):
        [delivery] = queue_event("booking.created", {"booking": {"id": 1}})
    run_ready_jobs()

    assert [each["path"] for each in webhook_receiver.received] == ["/hooks/lebrq"]
    assert delivery.attempts.get().status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == "pending" and delivery.next_attempt_at > timezone.now()


def test_an_endpoint_that_does_not_answer_is_a_logged_timeout(endpoint, settings, django_capture_on_commit_callbacks):
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never answers
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.2
    endpoint.url = f"http://127.0.0.1:{silent.getsockname()[1]}/"
    endpoint.save()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            [delivery] = queue_event("booking.created", {"booking": {"id": 1}})
        run_ready_jobs()
    finally:
        silent.close()
    attempt = delivery.attempts.get()
    assert attempt.status_code is None and "Timeout" in attempt.error


def test_only_active_endpoints_that_want_the_event_get_it(
    endpoint, webhook_receiver, django_capture_on_commit_callbacks
):
    WebhookEndpoint.objects.create(url=webhook_receiver.url, events=["booking.created"], active=False)
    WebhookEndpoint.objects.create(url=webhook_receiver.url, events=["payment.received"])
    with django_capture_on_commit_callbacks(execute=True):
        queue_event("booking.created", {})
    assert list(WebhookDelivery.objects.values_list("endpoint", flat=True)) == [endpoint.pk]


def test_nothing_is_delivered_when_the_transaction_rolls_back(endpoint, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            queue_event("booking.created", {})
            raise RuntimeError
    assert DBTaskResult.objects.count() == 0 and WebhookDelivery.objects.count() == 0


def test_send_test_event_and_redeliver_post_again(endpoint, webhook_receiver, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = send_test_event(endpoint)
    run_ready_jobs()
    with django_capture_on_commit_callbacks(execute=True):
        again = redeliver(first)
    run_ready_jobs()

    assert again.pk != first.pk and again.event_id == first.event_id
    [test_event, redelivered] = webhook_receiver.events()
    assert test_event == redelivered and test_event["data"]["test"] is True


# --- The booking lifecycle's events --------------------------------------------------------
def delivered_types(webhook_receiver):
    run_ready_jobs()
    return [event["type"] for event in webhook_receiver.events()]


def test_a_held_booking_sends_booking_created(
    endpoint, webhook_receiver, pending_booking, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        announce_on_commit(booking_held, booking=pending_booking, at=None)
    assert delivered_types(webhook_receiver) == ["booking.created"]
    data = webhook_receiver.events()[0]["data"]["booking"]
    assert data["id"] == pending_booking.pk and data["customer_email"] == "alice@example.com"


def test_confirming_sends_booking_confirmed_and_invoice_issued(
    endpoint, webhook_receiver, pending_booking, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        confirm_booking(pending_booking)
    types = delivered_types(webhook_receiver)
    assert "booking.confirmed" in types
    assert "invoice.issued" in types
    document = next(e for e in webhook_receiver.events() if e["type"] == "invoice.issued")["data"]["document"]
    assert document["kind"] == "invoice" and document["number"].startswith("LB/")


def test_cancelling_sends_booking_cancelled(
    endpoint, webhook_receiver, pending_booking, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cancel_with_refund(pending_booking, by_user=alice, reason="change of plans")
    assert "booking.cancelled" in delivered_types(webhook_receiver)


def test_a_reschedule_sends_booking_rescheduled_with_the_times_before(
    endpoint, webhook_receiver, pending_booking, django_capture_on_commit_callbacks
):
    before = {
        "start_datetime": pending_booking.start_datetime,
        "end_datetime": pending_booking.end_datetime,
        "total": "0.00",
    }
    with django_capture_on_commit_callbacks(execute=True):
        announce_on_commit(booking_rescheduled, booking=pending_booking, before=before, refunds=[], at=None)
    assert delivered_types(webhook_receiver) == ["booking.rescheduled"]
    sent_before = datetime.fromisoformat(webhook_receiver.events()[0]["data"]["before"]["start_datetime"])
    assert abs(sent_before - pending_booking.start_datetime) < timedelta(milliseconds=1)


def test_seeded_history_is_not_announced(endpoint, pending_booking, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        announce_on_commit(booking_held, booking=pending_booking, at=timezone.now() - timedelta(days=3))
    assert WebhookDelivery.objects.count() == 0
