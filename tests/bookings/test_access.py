"""Who sees what: anonymous, the owner, another customer, staff."""

import pytest

from tests.bookings.conftest import book

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_booking(alice, hall):
    return book(alice, hall)


@pytest.mark.parametrize(
    "path", ["/api/bookings/", "/api/bookings/{id}/", "/api/admin/bookings/", "/api/admin/bookings/today/"]
)
def test_anonymous_gets_401(anon_client, alices_booking, path):
    assert anon_client.get(path.format(id=alices_booking.pk)).status_code == 401


def test_owner_sees_own_booking(alice_client, alices_booking):
    assert alice_client.get(f"/api/bookings/{alices_booking.pk}/").json()["id"] == alices_booking.pk
    assert [row["id"] for row in alice_client.get("/api/bookings/").json()["items"]] == [alices_booking.pk]


def test_another_customer_gets_404_and_an_empty_list(bob_client, alices_booking):
    response = bob_client.get(f"/api/bookings/{alices_booking.pk}/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No Booking matches the given query."}
    assert bob_client.get("/api/bookings/").json()["items"] == []


def test_staff_see_every_booking(staff_client, alices_booking, bob, hall):
    bobs = book(bob, hall, hour=15)

    assert staff_client.get(f"/api/bookings/{alices_booking.pk}/").status_code == 200
    assert {row["id"] for row in staff_client.get("/api/bookings/").json()["items"]} == {alices_booking.pk, bobs.pk}


@pytest.mark.parametrize("path", ["/api/admin/bookings/", "/api/admin/bookings/today/", "/api/admin/bookings/export"])
def test_staff_routes_are_403_for_customers(alice_client, path):
    assert alice_client.get(path).status_code == 403


def test_unknown_or_malformed_ids_are_404(alice_client):
    assert alice_client.get("/api/bookings/999999/").status_code == 404
    assert alice_client.get("/api/bookings/abc/").status_code == 404


def test_catalogue_is_public_to_read_and_staff_only_to_write(anon_client, alice_client, staff_client, hall):
    venue = {
        "name": "Lotus",
        "slug": "lotus",
        "city": "Pune",
        "state_code": "27",
        "capacity": 50,
        "hourly_rate": "900.00",
    }

    assert anon_client.get("/api/venues/").status_code == 200
    assert anon_client.get(f"/api/venues/{hall.pk}/").json()["slug"] == "rangoli-hall"
    assert anon_client.get("/api/items/").status_code == 200
    assert anon_client.post("/api/venues/", venue, format="json").status_code == 401
    assert alice_client.post("/api/venues/", venue, format="json").status_code == 403
    created = staff_client.post("/api/venues/", venue, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["gst_rate"] == "18.00"
    assert (
        staff_client.patch(f"/api/venues/{hall.pk}/", {"is_active": False}, format="json").json()["is_active"] is False
    )
    assert staff_client.delete(f"/api/venues/{hall.pk}/").status_code == 405
    assert staff_client.post("/api/items/", {"name": "Mic", "unit_price": "300.00"}, format="json").status_code == 201
