"""X-Request-ID: accepted when safe, generated otherwise, on every response, in log lines and jobs."""

import logging
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from hypothesis import given
from hypothesis import strategies as st
from model_bakery import baker

from health import middleware as memory_guard
from health.memory import MemoryReading
from lebrq.log_formats import PLAIN_FORMAT
from lebrq.request_id import RequestIdLogFilter, accepted_request_id, bound_request_id, current_request_id
from notifications.tasks import send_booking_notification

pytestmark = pytest.mark.django_db

GENERATED = re.compile(r"[0-9a-f]{32}")


class LineCollector(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []
        self.addFilter(RequestIdLogFilter())
        self.setFormatter(logging.Formatter(PLAIN_FORMAT))

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def log_lines():
    """Lines formatted as the console handler formats them (the same filter and format)."""
    collector = LineCollector()
    root = logging.getLogger()
    root.addHandler(collector)
    previous_level = root.level
    root.setLevel(logging.INFO)
    yield collector.lines
    root.setLevel(previous_level)
    root.removeHandler(collector)


@pytest.mark.parametrize("incoming", ["abc123", "5f0c6e2a-8d8e-4b47-9d43-0e6b6f7f2a11", "req.01:edge_a-b"])
def test_a_safe_client_id_is_kept(anon_client, incoming):
    response = anon_client.get("/api/health", headers={"X-Request-ID": incoming})

    assert response["X-Request-ID"] == incoming


@pytest.mark.parametrize("incoming", ["", "has space", "new\nline", "x" * 65, "é", "a;b", "<script>"])
def test_an_unsafe_or_missing_client_id_is_replaced_by_a_new_one(anon_client, incoming):
    response = anon_client.get("/api/health", headers={"X-Request-ID": incoming})

    assert GENERATED.fullmatch(response["X-Request-ID"])


def test_each_request_without_an_id_gets_its_own(anon_client):
    first = anon_client.get("/api/health")["X-Request-ID"]
    second = anon_client.get("/api/health")["X-Request-ID"]

    assert GENERATED.fullmatch(first) and GENERATED.fullmatch(second) and first != second


@given(st.text(max_size=100))
def test_whatever_a_client_sends_the_id_is_a_bounded_safe_token(candidate):
    request_id = accepted_request_id(candidate)

    assert re.fullmatch(r"[A-Za-z0-9._:-]{1,64}", request_id)
    assert request_id == candidate or GENERATED.fullmatch(request_id)


def test_errors_carry_the_id(anon_client, alice_client):
    not_found = anon_client.get("/api/no-such-route", headers={"X-Request-ID": "nf1"})
    unauthorised = anon_client.get("/api/bookings/", headers={"X-Request-ID": "un1"})
    bad_json = alice_client.post(
        "/api/bookings/", "{", content_type="application/json", headers={"X-Request-ID": "bj1"}
    )

    assert (not_found.status_code, not_found["X-Request-ID"]) == (404, "nf1")
    assert (unauthorised.status_code, unauthorised["X-Request-ID"]) == (401, "un1")
    assert (bad_json.status_code, bad_json["X-Request-ID"]) == (400, "bj1")


def test_a_memory_guard_503_carries_the_id(anon_client, monkeypatch, settings):
    reading = MemoryReading(total_bytes=1000, available_bytes=10, source="host")  # 99% used
    monkeypatch.setattr(memory_guard, "current_memory_reading", lambda: reading)

    response = anon_client.get("/api/venues/", headers={"X-Request-ID": "mem503"})

    assert (response.status_code, response["X-Request-ID"]) == (503, "mem503")


def test_a_304_carries_the_id(anon_client):
    baker.make("bookings.Venue", name="Rangoli Hall")
    etag = anon_client.get("/api/venues/")["ETag"]

    repeat = anon_client.get("/api/venues/", headers={"If-None-Match": etag, "X-Request-ID": "nm304"})

    assert (repeat.status_code, repeat["X-Request-ID"]) == (304, "nm304")


def test_log_lines_of_a_request_carry_its_id_even_those_django_writes_after_the_middleware(anon_client, log_lines):
    anon_client.get("/api/no-such-route", headers={"X-Request-ID": "trace-me"})

    not_found = [line for line in log_lines if "Not Found: /api/no-such-route" in line]
    assert len(not_found) == 1 and "[req trace-me]" in not_found[0]
    assert current_request_id() == "-"  # forgotten once the response is finished


def test_the_console_handler_adds_the_id_to_every_record():
    handler = settings.LOGGING["handlers"]["console"]

    assert "request_id" in handler["filters"]
    assert "%(request_id)s" in settings.LOGGING["formatters"]["default"]["format"]


@pytest.fixture
def alice_pending_booking(alice):
    start = timezone.now() + timedelta(days=30)
    return baker.make(
        "bookings.Booking", user=alice, status="pending", start_datetime=start, end_datetime=start + timedelta(hours=2)
    )


# A real commit inside the request, as in production: the on-commit signal enqueues during the request.
@pytest.mark.django_db(transaction=True)
def test_a_job_enqueued_by_a_request_runs_and_logs_under_its_id(
    alice_client, alice_pending_booking, log_lines, mailoutbox
):
    response = alice_client.post(
        f"/api/bookings/{alice_pending_booking.pk}/cancel/", {}, headers={"X-Request-ID": "cancel-42"}
    )
    assert response.status_code == 200, response.content
    queued = DBTaskResult.objects.get(task_path="notifications.tasks.send_booking_notification")
    assert queued.args_kwargs["kwargs"]["request_id"] == "cancel-42"

    send_booking_notification.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])

    started = [line for line in log_lines if "Job send_booking_notification started" in line]
    assert len(started) == 1 and "[req cancel-42]" in started[0]
    assert len(mailoutbox) == 1


def test_a_retry_keeps_the_id_of_the_request(settings, alice_pending_booking, monkeypatch, log_lines):
    settings.JOB_MAX_ATTEMPTS = 2
    monkeypatch.setattr("notifications.tasks.send_booking_notification_once", lambda *args: 1 / 0)

    with pytest.raises(ZeroDivisionError):
        send_booking_notification.call(alice_pending_booking.pk, "cancelled", request_id="retry-7")

    retry = DBTaskResult.objects.get(task_path="notifications.tasks.send_booking_notification")
    assert retry.args_kwargs["kwargs"] == {"attempt": 2, "request_id": "retry-7"}
    assert any("retrying in" in line and "[req retry-7]" in line for line in log_lines)


def test_a_job_no_request_enqueued_gets_an_id_of_its_own(alice_pending_booking, log_lines, mailoutbox):
    with bound_request_id("-"):
        send_booking_notification.call(alice_pending_booking.pk, "cancelled")

    started = next(line for line in log_lines if "Job send_booking_notification started" in line)
    assert GENERATED.search(started.split("[req ")[1])
