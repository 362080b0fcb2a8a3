import pytest

from bookings.models import Booking, IdempotencyKey
from tests.bookings.conftest import booking_payload

pytestmark = pytest.mark.django_db


def post(client, payload, key):
    return client.post("/api/bookings/", payload, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_a_retry_with_the_same_key_and_body_returns_the_first_booking(alice_client, hall, chairs):
    payload = booking_payload(hall, items=[{"item": chairs.pk, "quantity": 5}])

    first = post(alice_client, payload, "retry-1")
    second = post(alice_client, payload, "retry-1")

    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert Booking.objects.count() == 1
    assert IdempotencyKey.objects.get().booking_id == first.json()["id"]


def test_the_same_key_with_another_body_is_422(alice_client, hall):
    assert post(alice_client, booking_payload(hall), "retry-2").status_code == 201

    response = post(alice_client, booking_payload(hall, hour=15), "retry-2")

    assert response.status_code == 422
    assert "already used with a different request body" in response.json()["detail"]
    assert Booking.objects.count() == 1


def test_keys_belong_to_one_user(alice_client, bob_client, hall):
    assert post(alice_client, booking_payload(hall), "shared").status_code == 201

    # Bob's key is his own: his request is a new booking, refused here only because the slot is taken.
    assert post(bob_client, booking_payload(hall), "shared").status_code == 409
    assert post(bob_client, booking_payload(hall, hour=15), "shared").status_code == 201


def test_a_refused_request_stores_no_key(alice, alice_client, bob_client, hall):
    assert post(bob_client, booking_payload(hall), "bob-1").status_code == 201
    assert post(alice_client, booking_payload(hall), "alice-1").status_code == 409

    assert post(alice_client, booking_payload(hall, hour=15), "alice-1").status_code == 201
    assert IdempotencyKey.objects.filter(user=alice).count() == 1


def test_an_empty_or_oversized_key_is_400(alice_client, hall):
    assert post(alice_client, booking_payload(hall), " ").status_code == 400
    assert post(alice_client, booking_payload(hall), "k" * 256).status_code == 400
    assert not Booking.objects.exists()
