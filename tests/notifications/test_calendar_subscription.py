"""A subscribed calendar (an HTTP client reading the feed URL, parsed by icalendar) sees a reschedule."""

from datetime import timedelta

import icalendar
import pytest
import requests

from payments.services import reschedule_with_refund
from tests.bookings.conftest import book_confirmed, hall  # noqa: F401 (hall is a fixture)
from tests.conftest import bearer_client


def fetch(url):
    response = requests.get(url, headers={"Accept": "text/calendar"}, timeout=10)
    response.raise_for_status()
    assert response.headers["Content-Type"].startswith("text/calendar")
    return {str(event["UID"]): event for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}


@pytest.mark.real_clock  # gunicorn runs on the real clock
def test_a_subscriber_sees_the_reschedule_with_a_higher_sequence_and_the_same_uid(
    alice, charlie, hall, gunicorn_server
):
    server = gunicorn_server(WEB_CONCURRENCY=1)
    booking = book_confirmed(alice, hall)
    path = bearer_client(alice).get("/api/auth/me").json()["calendar_feed_url"].removeprefix("http://testserver")
    uid = f"booking-{booking.pk}@lebrq.example"

    before = fetch(server.url(path))[uid]

    start = booking.start_datetime + timedelta(days=1)
    reschedule_with_refund(booking, charlie, start, start + timedelta(hours=3), as_staff=True)
    after = fetch(server.url(path))[uid]

    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after.decoded("DTSTART") == before.decoded("DTSTART") + timedelta(days=1)
    assert after.decoded("DTEND") - after.decoded("DTSTART") == timedelta(hours=3)
    assert str(after["STATUS"]) == "CONFIRMED"
