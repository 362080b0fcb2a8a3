"""Background jobs run by the real django-tasks database worker in a subprocess."""

import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs.models import BookingNotification
from lebrq.tasks import enqueue_on_commit
from notifications.tasks import send_booking_notification
from tests.server import PROJECT_ROOT, environment_for_test_server, free_port

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker(tmp_path, *args, timeout=60, **env):
    file_email = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "emails"),
    }
    environment = environment_for_test_server(tmp_path, {**file_email, **env})
    return subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--queue-name", "*", *args],
        cwd=PROJECT_ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "lebrq.settings", "VAR_DIR": str(tmp_path / "var")},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def sent_emails(tmp_path):
    folder = tmp_path / "emails"
    return [path.read_text() for path in sorted(folder.glob("*.log"))] if folder.exists() else []


def test_worker_sends_the_confirmation_email_once(booking, tmp_path):
    enqueue_on_commit(send_booking_notification, booking.pk, "confirmed")
    enqueue_on_commit(send_booking_notification, booking.pk, "confirmed")  # the same event twice

    worker = run_worker(tmp_path, "--batch")

    assert worker.returncode == 0, worker.stderr
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2
    emails = sent_emails(tmp_path)
    assert len(emails) == 1
    assert "Booking #%d confirmed: Annual day" % booking.pk in emails[0]
    assert "alice@example.com" in emails[0]
    assert BookingNotification.objects.get(booking=booking, event="confirmed").sent_at is not None


def test_job_enqueued_in_a_rolled_back_transaction_never_runs(booking, tmp_path):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            enqueue_on_commit(send_booking_notification, booking.pk, "confirmed")
            raise RuntimeError("the booking write failed")

    worker = run_worker(tmp_path, "--batch")

    assert worker.returncode == 0, worker.stderr
    assert DBTaskResult.objects.count() == 0
    assert sent_emails(tmp_path) == []


@pytest.mark.real_clock  # the worker runs in a subprocess, on the real clock
def test_job_waits_in_the_database_across_a_worker_restart(booking, tmp_path):
    due = timezone.now() + timedelta(minutes=10)
    send_booking_notification.using(run_after=due).enqueue(booking.pk, "confirmed")

    first_worker = run_worker(tmp_path, "--batch")  # starts, finds nothing due, stops
    assert first_worker.returncode == 0, first_worker.stderr
    assert DBTaskResult.objects.get().status == "READY"

    DBTaskResult.objects.update(run_after=timezone.now())  # the due time arrives (no sleeping in tests)
    second_worker = run_worker(tmp_path, "--batch")

    assert second_worker.returncode == 0, second_worker.stderr
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert len(sent_emails(tmp_path)) == 1


@pytest.mark.real_clock  # the worker runs in a subprocess, on the real clock
def test_failing_job_is_retried_with_backoff_then_marked_failed(booking, tmp_path):
    closed_port = free_port()  # nothing listens there: every SMTP connection is refused
    send_booking_notification.enqueue(booking.pk, "confirmed")

    worker = run_worker(
        tmp_path,
        "--batch",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=closed_port,
        JOB_MAX_ATTEMPTS=3,
        JOB_RETRY_BASE_SECONDS=0,
    )

    assert worker.returncode == 0, worker.stderr
    attempts = DBTaskResult.objects.order_by("enqueued_at")
    assert [result.status for result in attempts] == ["FAILED", "FAILED", "FAILED"]
    assert [result.args_kwargs["kwargs"].get("attempt", 1) for result in attempts] == [1, 2, 3]
    assert all("ConnectionRefusedError" in result.traceback for result in attempts)
    assert not BookingNotification.objects.filter(booking=booking, sent_at__isnull=False).exists()


def test_backoff_doubles_from_the_base_delay(settings):
    from lebrq.tasks import backoff_delay

    settings.JOB_RETRY_BASE_SECONDS = 30
    assert [backoff_delay(attempt) for attempt in (1, 2, 3, 4)] == [30, 60, 120, 240]
