"""Staff close a venue for a time (`/api/admin/venues/{id}/closures/`), never over an active booking."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from bookings.models import Booking, Closure
from tests.bookings.conftest import book, book_confirmed
from tests.conftest import FRONT_DESK, bearer_client, group_with, make_staff

pytestmark = pytest.mark.django_db

IST = ZoneInfo("Asia/Kolkata")
NOW = datetime(2027, 1, 4, 9, 0, tzinfo=IST)
CLOSURE_PERMISSIONS = ["bookings.view_closure", "bookings.add_closure", "bookings.delete_closure"]


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def manager(db):
    """Staff who may also close venues."""
    return make_staff("erin@example.com", "Erin Manager", group_with("Managers", [*FRONT_DESK, *CLOSURE_PERMISSIONS]))


@pytest.fixture
def manager_client(manager):
    return bearer_client(manager)


def closures_url(venue):
    return f"/api/admin/venues/{venue.pk}/closures/"


def window(days=10, hour=8, hours=6):
    start = NOW.replace(hour=hour) + timedelta(days=days)
    return {"start": start.isoformat(), "end": (start + timedelta(hours=hours)).isoformat(), "reason": "Repainting"}


def test_staff_close_a_venue_and_get_the_closure_back_with_its_id(manager_client, hall):
    response = manager_client.post(closures_url(hall), window(days=10, hour=8, hours=6))

    assert response.status_code == 201
    closure = Closure.objects.get()
    assert response.json() == {
        "id": closure.pk,
        "venue": hall.pk,
        "start": "2027-01-14T08:00:00+05:30",
        "end": "2027-01-14T14:00:00+05:30",
        "reason": "Repainting",
        "created_at": response.json()["created_at"],
    }
    assert (closure.venue, closure.start, closure.end) == (hall, NOW + timedelta(days=10, hours=-1), closure.end)


def test_a_closure_over_active_bookings_is_409_listing_them_and_stores_nothing(manager_client, alice, bob, hall):
    with time_machine.travel(NOW - timedelta(days=1), tick=False):
        morning = book_confirmed(alice, hall, days=11, hour=9, hours=2)
        evening = book_confirmed(bob, hall, days=11, hour=13, hours=3)

    response = manager_client.post(closures_url(hall), window(days=10, hour=10, hours=6))

    assert response.status_code == 409
    assert response.json() == {
        "detail": "2 active booking(s) overlap this closure: move or cancel them first.",
        "code": "closure_conflict",
        "conflicts": [
            {"booking": morning.pk, "start": "2027-01-14T09:00:00+05:30", "end": "2027-01-14T11:00:00+05:30"},
            {"booking": evening.pk, "start": "2027-01-14T13:00:00+05:30", "end": "2027-01-14T16:00:00+05:30"},
        ],
    }
    assert not Closure.objects.exists()


def test_cancelled_bookings_and_lapsed_holds_do_not_stand_in_a_closures_way(manager_client, alice, hall):
    with time_machine.travel(NOW - timedelta(days=1), tick=False):
        cancelled = book(alice, hall, days=11, hour=9, hours=2)
        lapsed = book(alice, hall, days=11, hour=12, hours=1)
        held = book(alice, hall, days=11, hour=14, hours=1)
        unheld_pending = book(alice, hall, days=11, hour=16, hours=1)
    Booking.objects.filter(pk=cancelled.pk).update(status=Booking.Status.CANCELLED)
    Booking.objects.filter(pk=lapsed.pk).update(status=Booking.Status.PENDING, hold_expires_at=NOW)
    Booking.objects.filter(pk=held.pk).update(status=Booking.Status.PENDING, hold_expires_at=NOW + timedelta(minutes=5))
    Booking.objects.filter(pk=unheld_pending.pk).update(status=Booking.Status.PENDING, hold_expires_at=None)

    assert manager_client.post(closures_url(hall), window(days=10, hour=8, hours=4)).status_code == 201
    blocked = manager_client.post(closures_url(hall), window(days=10, hour=12, hours=6))

    assert blocked.status_code == 409
    assert [conflict["booking"] for conflict in blocked.json()["conflicts"]] == [held.pk, unheld_pending.pk]


def test_a_closure_may_end_where_a_booking_starts(manager_client, alice, hall):
    with time_machine.travel(NOW - timedelta(days=1), tick=False):
        book(alice, hall, days=11, hour=14, hours=2)

    assert manager_client.post(closures_url(hall), window(days=10, hour=8, hours=6)).status_code == 201


def test_closures_are_listed_paginated_in_the_part_1_shape(manager_client, hall, studio):
    for day in (12, 10, 11):
        manager_client.post(closures_url(hall), window(days=day))
    manager_client.post(closures_url(studio), window(days=10))

    response = manager_client.get(closures_url(hall) + "?page_size=2")

    assert response.status_code == 200
    body = response.json()
    assert [item["start"][:10] for item in body["items"]] == ["2027-01-14", "2027-01-15"]
    assert body["pagination"] == {
        "page": 1,
        "page_size": 2,
        "total": 3,
        "pages": 2,
        "next": f"http://testserver{closures_url(hall)}?page=2&page_size=2",
        "previous": None,
    }
    assert manager_client.get(closures_url(hall) + "?page=3").status_code == 404


def test_deleting_a_closure_is_204_and_only_within_its_venue(manager_client, hall, studio):
    closure_id = manager_client.post(closures_url(hall), window()).json()["id"]

    assert manager_client.delete(f"{closures_url(studio)}{closure_id}/").status_code == 404
    assert manager_client.delete(f"{closures_url(hall)}{closure_id}/").status_code == 204
    assert not Closure.objects.exists()
    assert manager_client.delete(f"{closures_url(hall)}{closure_id}/").status_code == 404


def test_closures_need_the_closure_permissions(anon_client, alice_client, staff_client, manager_client, hall):
    closure_id = manager_client.post(closures_url(hall), window()).json()["id"]

    for client, expected in ((anon_client, 401), (alice_client, 403), (staff_client, 403)):
        assert client.get(closures_url(hall)).status_code == expected
        assert client.post(closures_url(hall), window(days=20)).status_code == expected
        assert client.delete(f"{closures_url(hall)}{closure_id}/").status_code == expected
    assert Closure.objects.count() == 1


def test_an_unknown_venue_is_404(manager_client):
    assert manager_client.get("/api/admin/venues/999999/closures/").status_code == 404
    assert manager_client.post("/api/admin/venues/999999/closures/", window()).status_code == 404


@pytest.mark.parametrize(
    "change, field",
    [
        ({"start": "2027-01-14T08:00:00"}, "start"),
        ({"end": "2027-01-14T14:00:00"}, "end"),
        ({"end": "2027-01-14T08:00:00+05:30"}, "end"),
        ({"end": "2027-01-14T07:00:00+05:30"}, "end"),
        ({"reason": "Repainting\nagain"}, "reason"),
        ({"reason": "Tab\there"}, "reason"),
        ({"start": "9999-12-31T23:59:59-12:00"}, "start"),
        ({"start": "0001-01-01T00:00:00+05:30"}, "start"),
        ({"start": "2035-01-01T00:00:00+05:30", "end": "2035-01-02T00:00:00+05:30"}, "start"),
        ({"start": "tomorrow"}, "start"),
        ({"reason": "x" * 301}, "reason"),
    ],
)
def test_a_bad_closure_is_400_naming_the_field_and_stores_nothing(manager_client, hall, change, field):
    payload = {**window(days=10, hour=8, hours=6), **change}

    response = manager_client.post(closures_url(hall), payload)

    assert response.status_code == 400
    assert field in response.json()
    assert not Closure.objects.exists()


def test_closure_times_are_shown_in_the_venues_time_zone(manager_client, hall):
    hall.timezone = "Europe/London"
    hall.save(update_fields=["timezone"])

    response = manager_client.post(closures_url(hall), window(days=10, hour=8, hours=6))

    assert (response.json()["start"], response.json()["end"]) == (
        "2027-01-14T02:30:00+00:00",
        "2027-01-14T08:30:00+00:00",
    )
