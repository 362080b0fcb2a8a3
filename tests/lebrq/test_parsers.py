"""Only JSON on non-upload routes, and no JSON document can crash the parser."""

import pytest

from tests.bookings.conftest import booking_payload, hall  # noqa: F401 - hall is a fixture

pytestmark = pytest.mark.django_db

DEEP_JSON = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("route", ["/api/auth/register", "/api/auth/token", "/api/auth/token/refresh"])
@pytest.mark.parametrize("body_format", ["multipart", "form"])
def test_auth_routes_refuse_forms_with_415(anon_client, route, body_format):
    form = {"email": "eve@example.com", "password": "correct horse battery staple"}
    if body_format == "form":
        response = anon_client.post(route, "email=eve%40example.com", content_type="application/x-www-form-urlencoded")
    else:
        response = anon_client.post(route, form, format="multipart")

    assert response.status_code == 415
    assert "Unsupported media type" in response.json()["detail"]


def test_booking_create_refuses_multipart_with_415_and_stores_nothing(alice_client, hall):
    from bookings.models import Booking

    response = alice_client.post("/api/bookings/", {**booking_payload(hall), "items": []}, format="multipart")

    assert response.status_code == 415
    assert not Booking.objects.exists()


@pytest.mark.parametrize("route", ["/api/auth/token", "/api/auth/register", "/api/bookings/"])
def test_json_nested_100000_deep_is_400_not_500(alice_client, route):
    response = alice_client.post(route, DEEP_JSON, content_type="application/json")

    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_plain_json_still_works(anon_client, alice):
    response = anon_client.post(
        "/api/auth/token", {"email": alice.email, "password": "correct horse battery staple"}, format="json"
    )

    assert response.status_code == 200
