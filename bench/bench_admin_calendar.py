"""The admin venue calendar (bookings/admin_calendar.py) against the admin's own booking changelist,
in-process on a throwaway SQLite database.

One venue booked every hour its rules allow for 62 days (with buffers, 06:00-23:00: a dense
week is ~56 blocks), 20 other venues with 2,000 bookings each. Times the week page, the day page
and the booking changelist (the baseline: the page staff already open all day), interleaved,
medians of 15, and counts the calendar's queries before and after the data grows 10x.

    .venv/bin/python bench/bench_admin_calendar.py
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from common import PROJECT_ROOT, print_result

sys.path.insert(0, str(PROJECT_ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="bench-calendar-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="lebrq.settings",
    DATABASE_URL=f"sqlite:///{WORKDIR / 'bench.sqlite3'}",
    VAR_DIR=str(WORKDIR / "var"),
    CACHE_URL="locmem://",
    SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    LOG_LEVEL="WARNING",
    ALLOWED_HOSTS="testserver",
)
import django  # noqa: E402

django.setup()
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from bookings.calendar import week_of  # noqa: E402
from bookings.models import Booking, Venue  # noqa: E402

ROUNDS = 15


def seed(other_bookings_per_venue):
    customer = User.objects.create_user(email="guest@example.com", password="x", full_name="Guest", state_code="29")
    dense = Venue.objects.create(
        name="Dense Hall", slug="dense-hall", city="Bengaluru", state_code="29", capacity=100, hourly_rate=1000
    )
    today = timezone.localtime().date()
    rows = []
    for day in range(62):
        for hour in range(7, 22, 2):  # one hour booked, one hour of buffer: as dense as the rules allow
            start = timezone.make_aware(datetime.combine(today + timedelta(days=day), datetime.min.time())) + timedelta(
                hours=hour
            )
            rows.append(
                Booking(
                    user=customer,
                    venue=dense,
                    title=f"Dense {day}-{hour}",
                    status="confirmed",
                    start_datetime=start,
                    end_datetime=start + timedelta(hours=1),
                )  # fmt: skip
            )
    grow(customer, other_bookings_per_venue)
    Booking.objects.bulk_create(rows, batch_size=2000)
    return dense, customer


def grow(customer, per_venue, first=0):
    venues = [
        Venue.objects.create(
            name=f"Other {n}", slug=f"other-{n}", city="Pune", state_code="27", capacity=50, hourly_rate=500
        )  # fmt: skip
        for n in range(first, first + 20)
    ]
    now = timezone.now()
    Booking.objects.bulk_create(
        (
            Booking(user=customer, venue=venue, title="Other", status="confirmed",
                    start_datetime=now + timedelta(hours=3 * index), end_datetime=now + timedelta(hours=3 * index + 2))
            for venue in venues
            for index in range(per_venue)
        ),
        batch_size=5000,
    )  # fmt: skip


def timed(browser, path):
    start = time.perf_counter()
    response = browser.get(path)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def queries(browser, path):
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(path).status_code == 200
    return len(captured.captured_queries)


def main():
    call_command("migrate", verbosity=0)
    dense, customer = seed(2000)
    staff = User.objects.create_superuser(email="desk@example.com", password="x", full_name="Desk", state_code="29")
    browser = Client()
    browser.force_login(staff)
    monday = week_of(timezone.localtime().date() + timedelta(days=7))
    pages = {
        "week": f"/admin/bookings/venue/{dense.pk}/calendar/?view=week&date={monday}",
        "day": f"/admin/bookings/venue/{dense.pk}/calendar/?view=day&date={monday}",
        "changelist": "/admin/bookings/booking/",
    }
    for path in pages.values():
        timed(browser, path)  # warm: templates compiled, permissions cached per request anyway
    times = {name: [] for name in pages}
    for _ in range(ROUNDS):
        for name, path in pages.items():
            times[name].append(timed(browser, path))
    median = {name: statistics.median(values) * 1000 for name, values in times.items()}
    before = queries(browser, pages["week"])
    grow(customer, 20000, first=20)
    after = queries(browser, pages["week"])
    print_result(
        "admin_calendar",
        bookings=Booking.objects.count(),
        week_ms=median["week"],
        day_ms=median["day"],
        changelist_ms=median["changelist"],
        week_vs_changelist=median["week"] / median["changelist"],
        day_vs_changelist=median["day"] / median["changelist"],
        week_queries_before=before,
        week_queries_after_10x=after,
    )


if __name__ == "__main__":
    # Pages render static URLs: unhashed names, as the tests do, instead of collectstatic output.
    with override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        main()
