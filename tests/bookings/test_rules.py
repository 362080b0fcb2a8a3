"""Bounds on durations, horizons, quantities and totals: no request stores a row that later fails to load."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from model_bakery import baker

from bookings.models import Booking, BookingItem
from bookings.rules import LARGEST_AMOUNT, MAX_ITEM_QUANTITY
from tests.bookings.conftest import booking_payload

pytestmark = pytest.mark.django_db

IST = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=IST)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def stage(db):
    """The costliest add-on a venue could list."""
    return baker.make("bookings.Item", name="Stage", unit_price=Decimal("9999999.99"), gst_rate=Decimal("28.00"))


def payload(hall, start, end, **fields):
    return {**booking_payload(hall), "start_datetime": start.isoformat(), "end_datetime": end.isoformat(), **fields}


def assert_refused(response, code):
    assert response.status_code == 400, response.json()
    assert response.json()["code"] == code
    assert response.json()["detail"]
    assert not Booking.objects.exists() and not BookingItem.objects.exists()


def test_a_booking_of_sixteen_hours_is_accepted_and_one_grid_step_more_is_too_long(alice_client, hall):
    start = NOW + timedelta(days=3)

    assert (
        alice_client.post(
            "/api/bookings/", payload(hall, start, start + timedelta(minutes=960)), format="json"
        ).status_code
        == 201
    )
    Booking.objects.all().delete()
    response = alice_client.post("/api/bookings/", payload(hall, start, start + timedelta(minutes=990)), format="json")

    assert_refused(response, "too_long")
    assert response.json()["detail"] == "A booking lasts at most 960 minutes."


def test_a_booking_until_the_end_of_the_calendar_is_refused_not_stored(alice_client, hall):
    start = NOW + timedelta(days=3)
    end = datetime(9999, 12, 30, 23, 0, tzinfo=IST)

    assert_refused(alice_client.post("/api/bookings/", payload(hall, start, end), format="json"), "too_long")


def test_a_start_365_days_ahead_is_accepted_and_one_grid_step_later_is_too_far_ahead(alice_client, hall):
    start = NOW + timedelta(days=365)
    later = start + timedelta(minutes=30)

    assert (
        alice_client.post("/api/bookings/", payload(hall, start, start + timedelta(hours=2)), format="json").status_code
        == 201
    )
    Booking.objects.all().delete()
    response = alice_client.post("/api/bookings/", payload(hall, later, later + timedelta(hours=2)), format="json")

    assert_refused(response, "too_far_ahead")


def test_a_quantity_over_the_bound_is_400_naming_the_items(alice_client, hall, chairs):
    start = NOW + timedelta(days=3)
    too_many = [{"item": chairs.pk, "quantity": MAX_ITEM_QUANTITY + 1}]

    response = alice_client.post(
        "/api/bookings/", payload(hall, start, start + timedelta(hours=2), items=too_many), format="json"
    )

    assert response.status_code == 400 and "items" in response.json()
    assert not Booking.objects.exists()


def test_the_same_item_on_several_lines_counts_once_against_the_bound(alice_client, hall, chairs):
    start = NOW + timedelta(days=3)
    lines = [{"item": chairs.pk, "quantity": MAX_ITEM_QUANTITY}, {"item": chairs.pk, "quantity": 1}]

    response = alice_client.post(
        "/api/bookings/", payload(hall, start, start + timedelta(hours=2), items=lines), format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"items": [f"Book at most {MAX_ITEM_QUANTITY} of Chair."]}
    assert not Booking.objects.exists()


def test_a_total_that_would_overflow_its_column_is_amount_too_large(alice_client, hall, stage):
    start = NOW + timedelta(days=3)
    lines = [{"item": stage.pk, "quantity": MAX_ITEM_QUANTITY}]

    response = alice_client.post(
        "/api/bookings/", payload(hall, start, start + timedelta(hours=2), items=lines), format="json"
    )

    assert_refused(response, "amount_too_large")
    assert str(LARGEST_AMOUNT) in response.json()["detail"]


def test_the_largest_booking_the_api_accepts_loads_in_every_list(alice_client, staff_client, hall, thali):
    start = NOW + timedelta(days=3)
    lines = [{"item": thali.pk, "quantity": MAX_ITEM_QUANTITY}]
    created = alice_client.post(
        "/api/bookings/", payload(hall, start, start + timedelta(minutes=960), items=lines), format="json"
    )
    assert created.status_code == 201, created.json()
    assert (
        staff_client.post(f"/api/admin/bookings/{created.json()['id']}/confirm", {"pay_later": True}).status_code == 200
    )

    assert alice_client.get("/api/bookings/").status_code == 200
    assert alice_client.get(f"/api/bookings/{created.json()['id']}/").json()["total"] == created.json()["total"]
    assert staff_client.get("/api/admin/bookings/").status_code == 200
    assert staff_client.get("/api/admin/bookings/export?format=csv").status_code == 200
    assert alice_client.get(f"/api/bookings/{created.json()['id']}/invoice").status_code == 200
