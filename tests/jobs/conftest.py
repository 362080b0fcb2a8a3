from datetime import timedelta

import pytest
from django.utils import timezone
from model_bakery import baker


@pytest.fixture
def booking(alice):
    start = timezone.now() + timedelta(days=10)
    return baker.make(
        "bookings.Booking",
        user=alice,
        venue=baker.make("bookings.Venue", name="Lotus Hall", city="Bengaluru", state_code="29"),
        title="Annual day",
        start_datetime=start,
        end_datetime=start + timedelta(hours=3),
        status="confirmed",
    )
