from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from model_bakery import baker

from bookings.models import Booking
from bookings.services import create_booking


@pytest.fixture
def hall(db):
    """A Bengaluru hall at 1,000/hour + 18% GST."""
    return baker.make(
        "bookings.Venue", name="Rangoli Hall", slug="rangoli-hall", city="Bengaluru", state_code="29",
        capacity=300, hourly_rate=Decimal("1000.00"), gst_rate=Decimal("18.00"),
    )  # fmt: skip


@pytest.fixture
def studio(db):
    return baker.make(
        "bookings.Venue", name="Yoga Studio", slug="yoga-studio", city="Mumbai", state_code="27",
        capacity=30, hourly_rate=Decimal("500.00"), gst_rate=Decimal("18.00"),
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
