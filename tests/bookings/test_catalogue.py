from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from bookings.models import Booking
from tests.bookings.conftest import book

pytestmark = pytest.mark.django_db

IST = ZoneInfo("Asia/Kolkata")


def test_availability_lists_the_taken_slots_of_the_day(anon_client, alice, bob, hall, studio):
    morning = book(alice, hall, days=5, hour=9, hours=2)
    book(bob, hall, days=5, hour=18, hours=3)
    cancelled = book(bob, hall, days=5, hour=13)
    Booking.objects.filter(pk=cancelled.pk).update(status=Booking.Status.CANCELLED)
    book(bob, hall, days=6, hour=9)
    book(bob, studio, days=5, hour=9)
    day = timezone.localtime(morning.start_datetime).date()

    response = anon_client.get(f"/api/venues/{hall.pk}/availability?date={day.isoformat()}")

    assert response.status_code == 200
    body = response.json()
    assert body["venue"] == hall.pk and body["date"] == day.isoformat()
    starts = [timezone.localtime(timezone.datetime.fromisoformat(slot["start_datetime"])).hour for slot in body["busy"]]
    assert starts == [9, 18]
    assert "title" not in body["busy"][0]


def test_availability_needs_a_valid_date(anon_client, hall):
    assert anon_client.get(f"/api/venues/{hall.pk}/availability").json() == {"date": ["This field is required."]}
    assert anon_client.get(f"/api/venues/{hall.pk}/availability/?date=31-12-2026").status_code == 400


def test_regular_programs_are_public_upcoming_confirmed_programmes(anon_client, alice, hall, studio):
    yoga = book(alice, studio, days=3, hour=6, kind="program", title="Hatha yoga", is_public=True)
    book(alice, studio, days=4, hour=6, kind="program", title="Private class", is_public=False)
    book(alice, hall, days=2, kind="event", title="Wedding", is_public=True)
    past = book(alice, studio, days=1, hour=6, kind="program", title="Old", is_public=True)
    Booking.objects.filter(pk=past.pk).update(
        start_datetime=timezone.now() - timedelta(days=1), end_datetime=timezone.now() - timedelta(days=1, hours=-1)
    )

    response = anon_client.get("/api/programs/regular/")

    assert response.status_code == 200
    assert [(row["id"], row["title"], row["city"]) for row in response.json()["items"]] == [
        (yoga.pk, "Hatha yoga", "Mumbai")
    ]


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2023-12-01", "2029-12-03"])
def test_availability_of_a_date_out_of_range_is_400_date_out_of_range(anon_client, hall, day):
    with time_machine.travel(datetime(2026, 12, 2, 0, 30, tzinfo=IST), tick=False):
        response = anon_client.get(f"/api/venues/{hall.pk}/availability?date={day}")

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Ask for a date between 2025-12-01 and 2029-12-02.",
        "code": "date_out_of_range",
    }


@pytest.mark.parametrize("day", ["2025-12-01", "2029-12-02"])
def test_availability_answers_from_366_days_ago_to_three_years_ahead(anon_client, hall, day):
    with time_machine.travel(datetime(2026, 12, 2, 0, 30, tzinfo=IST), tick=False):
        response = anon_client.get(f"/api/venues/{hall.pk}/availability?date={day}")

    assert response.status_code == 200
    assert response.json() == {"venue": hall.pk, "date": day, "busy": []}
