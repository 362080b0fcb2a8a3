"""Twenty clients book the same slot at once through gunicorn: one 201, the rest 409."""

import threading

import pytest
import requests
from rest_framework_simplejwt.tokens import RefreshToken

from bookings.models import Booking
from tests.bookings.conftest import booking_payload, hall  # noqa: F401 - hall is a fixture

pytestmark = pytest.mark.e2e


def test_twenty_concurrent_requests_for_one_slot(gunicorn_server, alice, bob, hall):
    server = gunicorn_server(WEB_CONCURRENCY=2, GUNICORN_THREADS=10)
    tokens = [str(RefreshToken.for_user(user).access_token) for user in (alice, bob)]
    payload = booking_payload(hall, days=8)
    barrier = threading.Barrier(20)
    statuses = []

    def attempt(number):
        barrier.wait()
        response = requests.post(
            server.url("/api/bookings/"),
            json=payload,
            headers={"Authorization": f"Bearer {tokens[number % 2]}"},
            timeout=60,
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=attempt, args=(number,)) for number in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [201] + [409] * 19, server.log_text()[-3000:]
    assert Booking.objects.count() == 1
