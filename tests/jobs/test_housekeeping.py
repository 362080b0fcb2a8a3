import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from model_bakery import baker
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from bookings.models import IdempotencyKey
from jobs.housekeeping import run_housekeeping
from uploads.maintenance import STALE_PART_AGE_SECONDS

pytestmark = pytest.mark.django_db


def make_booking(user, status, ends_in):
    end = timezone.now() + ends_in
    return baker.make(
        "bookings.Booking", user=user, status=status, start_datetime=end - timedelta(hours=2), end_datetime=end
    )


def make_part_file(settings, name, age_seconds):
    folder = Path(settings.MEDIA_ROOT) / "video"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"partial upload")
    stamp = time.time() - age_seconds
    os.utime(path, (stamp, stamp))
    return path


def test_housekeeping_completes_finished_bookings_and_removes_dead_weight(alice, settings):
    finished = make_booking(alice, "confirmed", ends_in=-timedelta(hours=1))
    upcoming = make_booking(alice, "confirmed", ends_in=timedelta(days=2))
    cancelled = make_booking(alice, "cancelled", ends_in=-timedelta(hours=1))
    baker.make(OutstandingToken, user=alice, jti="expired", token="x", expires_at=timezone.now() - timedelta(days=1))
    baker.make(OutstandingToken, user=alice, jti="live", token="y", expires_at=timezone.now() + timedelta(days=1))
    old_key = baker.make("bookings.IdempotencyKey", user=alice, key="old", booking=finished)
    baker.make("bookings.IdempotencyKey", user=alice, key="recent", booking=finished)
    IdempotencyKey.objects.filter(pk=old_key.pk).update(created_at=timezone.now() - timedelta(hours=25))
    stale = make_part_file(settings, "abandoned.part", STALE_PART_AGE_SECONDS + 60)
    in_progress = make_part_file(settings, "uploading.part", 5)

    report = run_housekeeping()

    assert report == {
        "holds_expired": 0,
        "bookings_completed": 1,
        "expired_tokens_deleted": 1,
        "idempotency_keys_deleted": 1,
        "stale_part_files_deleted": 1,
    }
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["recent"]
    for booking, status in ((finished, "completed"), (upcoming, "confirmed"), (cancelled, "cancelled")):
        booking.refresh_from_db()
        assert booking.status == status
    assert list(OutstandingToken.objects.values_list("jti", flat=True)) == ["live"]
    assert not stale.exists()
    assert in_progress.exists()


def test_housekeeping_command_runs_now_or_queues_a_job(alice, capsys):
    make_booking(alice, "confirmed", ends_in=-timedelta(minutes=5))

    call_command("housekeeping")
    assert "bookings_completed: 1" in capsys.readouterr().out

    call_command("housekeeping", "--enqueue")
    assert "Queued housekeeping job" in capsys.readouterr().out
    assert DBTaskResult.objects.get().task_path == "jobs.tasks.housekeeping"


def test_an_overdue_balance_is_reminded_once(alice, mailoutbox):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from bookings.models import Booking
    from jobs.housekeeping import run_housekeeping
    from notifications.mail import send_booking_notification_once
    from notifications.reminders import remind_balance_due
    from tests.bookings.conftest import book, book_confirmed, open_all_day_rules
    from tests.conftest import pay

    hall = baker.make(
        "bookings.Venue", name="Hall", slug="hall", city="Bengaluru", state_code="29", capacity=50,
        hourly_rate=1000, rules=open_all_day_rules(),
    )  # fmt: skip
    owing = book(alice, hall, days=20)
    pay(owing)  # the 25 % deposit; the balance falls due 7 days before the start
    settled = book(alice, hall, days=20, hour=15)
    pay(settled, settled.total)
    book_confirmed(alice, hall, days=40)  # its balance is not due yet

    with time_machine.travel(timezone.now() + timedelta(days=14), tick=False):
        first = remind_balance_due(timezone.now())
        second = remind_balance_due(timezone.now())
        run_housekeeping()
    assert (first, second) == (1, 0)

    assert send_booking_notification_once(owing.pk, "balance") is True
    assert "balance" in mailoutbox[-1].subject.lower()
    assert Booking.objects.get(pk=owing.pk).status == "confirmed"
