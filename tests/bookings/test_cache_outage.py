"""With the cache down (Redis stopped), lists and booking writes still work: the cache only
saves COUNT(*) queries (found by tests/e2e/test_proof_faults.py, where these were 500s)."""

import pytest
from django.test import override_settings

from bookings.models import Booking
from tests.bookings.conftest import book, booking_payload
from tests.server import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_down():
    unreachable = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    with override_settings(CACHES={"default": unreachable}):
        yield


def test_lists_answer_with_exact_totals(alice, alice_client, staff_client, hall, cache_down):
    book(alice, hall)
    book(alice, hall, hour=15)

    for client, path in [(alice_client, "/api/bookings/"), (staff_client, "/api/admin/bookings/")]:
        response = client.get(path)
        assert response.status_code == 200, response.content
        assert response.json()["pagination"]["total"] == 2


def test_a_booking_is_created_and_counted(alice, alice_client, hall, cache_down):
    response = alice_client.post("/api/bookings/", booking_payload(hall), format="json")

    assert response.status_code == 201, response.content
    assert Booking.objects.filter(user=alice).count() == 1
    assert alice_client.get("/api/bookings/").json()["pagination"]["total"] == 1
