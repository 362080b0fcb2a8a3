"""Data and query counts for bench_availability, run by it as a subprocess with the bench environment.

    python bench/availability_data.py dense            # the dense venue over its next 62 days
    python bench/availability_data.py search VENUES    # VENUES extra venues, 100 bookings each
    python bench/availability_data.py grow-dense       # 10x the dense venue's bookings, outside the range
    python bench/availability_data.py count-queries    # JSON: queries of one availability and one search

Bulk inserts (bulk_create, no signals): the servers start afterwards on a flushed cache.
"""

import json
import os
import random
import sys
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bookings_baseline_settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.signals import request_started  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bookings.models import Booking, Venue  # noqa: E402
from bookings.rules import VenueRules, default_rules  # noqa: E402

RANGE_DAYS = 62
DENSE_SLUG = "bench-dense-studio"
# The seeded venue whose rules pack the most bookings into a day (05:30-21:00, 30-minute minimum,
# no buffer, quarter-hour grid): the dense venue copies them.
DENSE_RULES_FROM = "yoga-shala-studio"
SEARCH_CITY = "Benchpur"
SEARCH_BOOKINGS_PER_VENUE = 100
SEARCH_DAYS = 200  # the search venues' bookings fall on random days of the next SEARCH_DAYS
SEARCH_DAY = 30  # searched: 12:00-14:00 local, SEARCH_DAY days ahead; bookings sit at 10:00-13:00
BATCH = 5000


def customer():
    return get_user_model().objects.filter(is_staff=False).order_by("id").first()


def range_of_dense(venue):
    """(first, last) local days asked for: tomorrow and the 61 days after it."""
    today = timezone.now().astimezone(ZoneInfo(venue.timezone)).date()
    return today + timedelta(days=1), today + timedelta(days=RANGE_DAYS)


def densest_day(rules, day, zone):
    """[(start, end)] of minimum-length bookings on the grid, each a buffer after the last."""
    length, step = timedelta(minutes=rules.min_duration_minutes), timedelta(minutes=rules.slot_minutes)
    slots = []
    for opens, closes in rules.open_intervals(day):
        start = datetime.combine(day, opens, tzinfo=zone)
        close = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone) if closes is None else None
        close = close or datetime.combine(day, closes, tzinfo=zone)
        while start + length <= close:
            slots.append((start, start + length))
            start += length + rules.buffer
            start += (-(start - datetime.combine(day, time.min, tzinfo=zone))) % step  # back on the grid
    return slots


def confirmed(user, venue, start, end, title):
    return Booking(
        user=user, venue=venue, title=title, start_datetime=start, end_datetime=end,
        status=Booking.Status.CONFIRMED, guests=1,
    )  # fmt: skip


def seed_dense():
    template = Venue.objects.get(slug=DENSE_RULES_FROM)
    venue = Venue.objects.create(
        name="Bench Dense Studio", slug=DENSE_SLUG, city="Bengaluru", state_code="29", capacity=40,
        hourly_rate=template.hourly_rate, timezone=template.timezone, rules=template.rules,
    )  # fmt: skip
    rules, zone, user = VenueRules.of(venue.rules), ZoneInfo(venue.timezone), customer()
    first, last = range_of_dense(venue)
    bookings = [
        confirmed(user, venue, start, end, "Back-to-back class")
        for offset in range((last - first).days + 1)
        for start, end in densest_day(rules, first + timedelta(days=offset), zone)
    ]
    Booking.objects.bulk_create(bookings, batch_size=BATCH)
    print(json.dumps({"venue": venue.pk, "from": str(first), "to": str(last), "bookings": len(bookings)}))


def grow_dense():
    """Nine times the range's bookings again, in the 9 x 62 days before it: the data grows 10x."""
    venue = Venue.objects.get(slug=DENSE_SLUG)
    rules, zone, user = VenueRules.of(venue.rules), ZoneInfo(venue.timezone), customer()
    first, _ = range_of_dense(venue)
    bookings = [
        confirmed(user, venue, start, end, "Past class")
        for offset in range(1, 9 * RANGE_DAYS + 1)
        for start, end in densest_day(rules, first - timedelta(days=offset + 1), zone)
    ]
    Booking.objects.bulk_create(bookings, batch_size=BATCH)
    print(json.dumps({"added_bookings": len(bookings)}))


def seed_search(count, bookings_per_venue):
    existing = Venue.objects.filter(city=SEARCH_CITY).count()
    venues = Venue.objects.bulk_create(
        Venue(
            name=f"Bench Hall {number:05d}", slug=f"bench-hall-{number:05d}", city=SEARCH_CITY, state_code="29",
            capacity=300, hourly_rate="2500.00", rules=default_rules(),
        )
        for number in range(existing, existing + count)
    )  # fmt: skip
    if not connection.features.can_return_rows_from_bulk_insert:
        venues = list(Venue.objects.filter(city=SEARCH_CITY).order_by("id")[existing:])
    zone, user, rng = ZoneInfo("Asia/Kolkata"), customer(), random.Random(12)
    today = timezone.now().astimezone(zone).date()
    bookings = []
    for venue in venues:
        for offset in rng.sample(range(1, SEARCH_DAYS + 1), bookings_per_venue):
            start = datetime.combine(today + timedelta(days=offset), time(10), tzinfo=zone)
            bookings.append(confirmed(user, venue, start, start + timedelta(hours=3), "Seminar"))
        if len(bookings) >= BATCH:
            Booking.objects.bulk_create(bookings)
            bookings = []
    Booking.objects.bulk_create(bookings)
    print(json.dumps({"venues": len(venues), "bookings_each": bookings_per_venue}))


def search_query():
    zone = ZoneInfo("Asia/Kolkata")
    day = timezone.now().astimezone(zone).date() + timedelta(days=SEARCH_DAY)
    start = datetime.combine(day, time(12), tzinfo=zone)
    return {"start": start.isoformat(), "end": (start + timedelta(hours=2)).isoformat(), "city": SEARCH_CITY}


def count_queries():
    """Queries of one uncached availability answer and one uncached search (run with CACHE_URL=dummy://)."""
    venue = Venue.objects.get(slug=DENSE_SLUG)
    first, last = range_of_dense(venue)
    request_started.disconnect(reset_queries)  # it would empty the log CaptureQueriesContext counts in
    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, path, params in (
        ("availability", f"/api/venues/{venue.pk}/availability", {"from": first, "to": last}),
        ("search", "/api/venues/available", search_query()),
    ):
        client.get(path, params)  # warm: content types, sessions, anything loaded once per process
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, params)
        assert response.status_code == 200, (name, response.status_code, response.content[:300])
        counts[name] = len(queries)
    counts["search_results"] = response.json()["pagination"]["total"]
    print(json.dumps(counts))


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "dense":
        seed_dense()
    elif command == "grow-dense":
        grow_dense()
    elif command == "search":
        seed_search(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else SEARCH_BOOKINGS_PER_VENUE)
    elif command == "count-queries":
        count_queries()
    else:
        sys.exit(f"unknown command {command!r}")
