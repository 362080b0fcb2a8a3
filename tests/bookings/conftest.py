from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from model_bakery import baker

from bookings.models import Booking
from bookings.rules import WEEKDAYS, default_rules
from bookings.services import confirm_booking, create_booking


def open_all_day_rules(**changes):
    """Rules for tests that are not about rules: open round the clock, no buffer, no notice.

    Grid, durations, horizon and capacity stay DESIGN's defaults.
    """
    return {
        **default_rules(),
        "opening_hours": {day: [["00:00", "24:00"]] for day in WEEKDAYS},
        "buffer_minutes": 0,
        "min_notice_hours": 0,
        **changes,
    }


@pytest.fixture
def hall(db):
    """A Bengaluru hall at 1,000/hour + 18% GST, open round the clock with no buffer."""
    return baker.make(
        "bookings.Venue", name="Rangoli Hall", slug="rangoli-hall", city="Bengaluru", state_code="29",
        capacity=300, hourly_rate=Decimal("1000.00"), gst_rate=Decimal("18.00"), rules=open_all_day_rules(),
    )  # fmt: skip


@pytest.fixture
def studio(db):
    return baker.make(
        "bookings.Venue", name="Yoga Studio", slug="yoga-studio", city="Mumbai", state_code="27",
        capacity=30, hourly_rate=Decimal("500.00"), gst_rate=Decimal("18.00"), rules=open_all_day_rules(),
    )  # fmt: skip


@pytest.fixture
def mandap(db):
    """A Bengaluru hall with DESIGN's default rules: 06:00-23:00, 30-minute grid, 60-minute buffer,
    1-16 hours, 2 hours' notice, a year ahead, 300 guests."""
    return baker.make(
        "bookings.Venue", name="Kalyana Mandap", slug="kalyana-mandap", city="Bengaluru", state_code="29",
        capacity=300, hourly_rate=Decimal("2000.00"), gst_rate=Decimal("18.00"),
    )  # fmt: skip


@pytest.fixture
def chairs(db):
    return baker.make("bookings.Item", name="Chair", unit_price=Decimal("25.00"), gst_rate=Decimal("18.00"))


@pytest.fixture
def thali(db):
    return baker.make("bookings.Item", name="Veg thali", unit_price=Decimal("449.99"), gst_rate=Decimal("5.00"))


def slot(days=10, hour=10, hours=2):
    """A (start, end) `days` from today at `hour` local time."""
    start = timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0) + timedelta(days=days)
    return start, start + timedelta(hours=hours)


def book(user, venue, days=10, hour=10, hours=2, items=(), **fields):
    start, end = slot(days, hour, hours)
    fields.setdefault("kind", Booking.Kind.EVENT)
    fields.setdefault("title", "Sangeet")
    return create_booking(user, venue, start, end, items=list(items), **fields)


def book_confirmed(user, venue, days=10, hour=10, hours=2, items=(), **fields):
    """A booking staff confirmed with pay-later (DESIGN Part 2): it keeps its slot for good."""
    return confirm_booking(book(user, venue, days, hour, hours, items, **fields))


def booking_payload(venue, days=10, hour=10, hours=2, items=(), **fields):
    start, end = slot(days, hour, hours)
    return {
        "venue": venue.pk,
        "start_datetime": start.isoformat(),
        "end_datetime": end.isoformat(),
        "kind": "event",
        "title": "Sangeet",
        "items": list(items),
        **fields,
    }


@pytest.fixture
def rules_hall(hall):
    """The hall with DESIGN's default rules, for tests about the rules (hall itself is open round
    the clock for tests that are not)."""
    return with_default_rules(hall)


@pytest.fixture
def rules_studio(studio):
    return with_default_rules(studio)


def with_default_rules(venue):
    venue.rules = default_rules()
    venue.save(update_fields=["rules"])
    return venue
