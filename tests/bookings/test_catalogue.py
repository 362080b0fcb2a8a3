from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from bookings.models import Booking, Item
from bookings.rules import DEFAULT_RULES
from tests.bookings.conftest import book, book_confirmed

pytestmark = pytest.mark.django_db

IST = ZoneInfo("Asia/Kolkata")


class AnyText(str):
    def __eq__(self, other):
        return isinstance(other, str) and bool(other)

    __hash__ = str.__hash__


ANY_TEXT = AnyText("any message")


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


def test_one_off_public_programmes_are_not_regular_programmes(anon_client, alice, studio):
    """Part 2: the regular programmes are series (tests/bookings/test_series.py); a one-off is not one."""
    book_confirmed(alice, studio, days=3, hour=6, kind="program", title="Recital", is_public=True)

    response = anon_client.get("/api/programs/regular/")

    assert response.status_code == 200
    assert response.json()["items"] == []


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


# --- Staff writes: capacity, time zone, SAC code and rules (DESIGN Part 2, "precise points") ---


def test_staff_patch_a_venues_rules_key_by_key(staff_client, mandap):
    hours = {"sun": [], "sat": [["18:00", "24:00"], ["06:00", "12:00"]]}
    response = staff_client.patch(
        f"/api/venues/{mandap.pk}/",
        {"capacity": 450, "timezone": "Asia/Kolkata", "sac_code": "997212",
         "rules": {"buffer_minutes": 120, "opening_hours": hours}},
    )  # fmt: skip

    assert response.status_code == 200
    rules = response.json()["rules"]
    assert response.json()["capacity"] == 450
    assert rules == {
        **DEFAULT_RULES,
        "buffer_minutes": 120,
        "opening_hours": {
            **DEFAULT_RULES["opening_hours"], "sun": [], "sat": [["06:00", "12:00"], ["18:00", "24:00"]],
        },
    }  # fmt: skip
    mandap.refresh_from_db()
    assert mandap.rules == rules and mandap.capacity == 450

    again = staff_client.patch(f"/api/venues/{mandap.pk}/", {"rules": {"requires_approval": True}})
    assert again.json()["rules"]["buffer_minutes"] == 120 and again.json()["rules"]["requires_approval"] is True


@pytest.mark.parametrize(
    "rules, error",
    [
        ({"buffer_minutes": -5}, {"buffer_minutes": ["Send a number from 0 to 1440."]}),
        ({"buffer_minutes": "60"}, {"buffer_minutes": ["Send a whole number."]}),
        ({"surprise": 1}, {"surprise": [ANY_TEXT]}),
        ({"opening_hours": {"mon": [["23:00", "06:00"]]}}, {"opening_hours.mon": [ANY_TEXT]}),
        ({"cancellation_policy": [{"hours_before": 24}]}, {"cancellation_policy": [ANY_TEXT]}),
        ([1, 2], ["Send an object of rules."]),
        ("closed", ["Send an object of rules."]),
    ],
)
def test_a_bad_rule_is_400_naming_the_key_and_changes_nothing(staff_client, mandap, rules, error):
    response = staff_client.patch(f"/api/venues/{mandap.pk}/", {"capacity": 10, "rules": rules})

    assert response.status_code == 400
    assert response.json() == {"rules": error}
    mandap.refresh_from_db()
    assert mandap.rules == DEFAULT_RULES and mandap.capacity == 300


def test_a_venue_created_with_some_rules_gets_the_defaults_for_the_rest(staff_client):
    venue = {
        "name": "Lotus Hall", "slug": "lotus-hall", "city": "Mysuru", "state_code": "29", "capacity": 80,
        "hourly_rate": "900.00", "rules": {"slot_minutes": 15, "buffer_minutes": 0},
    }  # fmt: skip

    created = staff_client.post("/api/venues/", venue)
    refused = staff_client.post("/api/venues/", {**venue, "slug": "lotus-2", "rules": {"slot_minutes": 7}})

    assert created.status_code == 201
    assert created.json()["rules"] == {**DEFAULT_RULES, "slot_minutes": 15, "buffer_minutes": 0}
    assert created.json()["timezone"] == "Asia/Kolkata"
    assert refused.status_code == 400 and list(refused.json()["rules"]) == ["slot_minutes"]


def test_put_replaces_the_rules_whole(staff_client, mandap):
    staff_client.patch(f"/api/venues/{mandap.pk}/", {"rules": {"buffer_minutes": 120}})
    body = {**staff_client.get(f"/api/venues/{mandap.pk}/").json(), "rules": {"slot_minutes": 60}}

    response = staff_client.put(f"/api/venues/{mandap.pk}/", body)

    assert response.status_code == 200
    assert response.json()["rules"] == {**DEFAULT_RULES, "slot_minutes": 60}


@pytest.mark.parametrize(
    "change", [{"timezone": "Mars/Olympus"}, {"sac_code": "99A"}, {"capacity": 0}, {"capacity": 10**9}]
)
def test_a_bad_venue_field_is_400(staff_client, hall, change):
    response = staff_client.patch(f"/api/venues/{hall.pk}/", change)

    assert response.status_code == 400 and list(response.json()) == list(change)


def test_customers_and_view_only_staff_cannot_change_rules(anon_client, alice_client, viewer_client, mandap):
    change = {"rules": {"buffer_minutes": 0}}

    assert anon_client.patch(f"/api/venues/{mandap.pk}/", change).status_code == 401
    assert alice_client.patch(f"/api/venues/{mandap.pk}/", change).status_code == 403
    assert viewer_client.patch(f"/api/venues/{mandap.pk}/", change).status_code == 403
    mandap.refresh_from_db()
    assert mandap.rules == DEFAULT_RULES


def test_the_public_sees_a_venues_rules(anon_client, mandap):
    assert anon_client.get(f"/api/venues/{mandap.pk}/").json()["rules"] == DEFAULT_RULES


def test_staff_add_an_item_with_its_sac_code_and_stock(staff_client, alice_client):
    item = {"name": "PA system", "unit_price": "4500.00", "gst_rate": "18.00", "sac_code": "997319", "stock": 3}

    response = staff_client.post("/api/items/", item)

    assert response.status_code == 201
    assert {key: response.json()[key] for key in item} == item
    assert Item.objects.get(name="PA system").stock == 3
    assert staff_client.post("/api/items/", {**item, "name": "Mic", "stock": -1}).status_code == 400
    assert staff_client.post("/api/items/", {**item, "name": "Mic", "sac_code": "12"}).status_code == 400
    assert alice_client.post("/api/items/", {**item, "name": "Mic"}).status_code == 403
    unlimited = staff_client.post("/api/items/", {"name": "Veg thali", "unit_price": "450.00", "gst_rate": "5.00"})
    assert unlimited.json()["stock"] is None and unlimited.json()["sac_code"] == "998596"
