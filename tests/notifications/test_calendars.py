"""Calendars: one booking's .ics, the customer's signed (rotatable) feed, the staff feed per venue."""

import icalendar
import pytest
from django.urls import reverse

from bookings.models import Booking
from notifications.calendars import STATUS, booking_event
from tests.bookings.conftest import book, book_confirmed, hall  # noqa: F401 (hall is a fixture)
from tests.conftest import bearer_client, group_with, make_staff

pytestmark = pytest.mark.django_db


def events_of(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return {str(event["UID"]): event for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_owner_and_staff_get_a_booking_as_ics_others_404(alice, bob, charlie, hall):
    booking = book_confirmed(alice, hall)
    url = f"/api/bookings/{booking.pk}/calendar.ics"

    for user in (alice, charlie):
        (event,) = events_of(bearer_client(user).get(url, HTTP_ACCEPT="text/calendar")).values()
        assert str(event["STATUS"]) == "CONFIRMED" and event["SEQUENCE"] == booking.sequence
        assert str(event["SUMMARY"]) == "Sangeet"
    assert bearer_client(bob).get(url).status_code == 404
    assert bearer_client(None).get(url).status_code == 401


@pytest.mark.parametrize(
    ("status", "ical"),
    [
        ("pending", "TENTATIVE"), ("requested", "TENTATIVE"), ("confirmed", "CONFIRMED"), ("completed", "CONFIRMED"),
        ("cancelled", "CANCELLED"), ("rejected", "CANCELLED"), ("expired", "CANCELLED"),
    ],
)  # fmt: skip
def test_every_booking_status_has_the_ical_status_of_design(alice, hall, status, ical):
    booking = book(alice, hall)
    booking.status = status
    assert str(booking_event(booking)["STATUS"]) == ical


def test_every_status_is_mapped():
    assert set(STATUS) == set(Booking.Status)


def test_me_carries_a_feed_url_of_all_my_bookings_cancelled_ones_as_cancelled(alice, bob, hall, anon_client):
    kept = book_confirmed(alice, hall)
    dropped = book(alice, hall, hour=15)
    dropped.status = "cancelled"
    dropped.save()
    book(bob, hall, hour=18)

    feed_url = bearer_client(alice).get("/api/auth/me").json()["calendar_feed_url"]
    assert feed_url.startswith("http://testserver/api/calendars/")
    assert bearer_client(alice).get("/api/auth/me").json()["calendar_feed_url"] == feed_url  # stable

    events = events_of(anon_client.get(feed_url))  # no token: a calendar app has only the URL
    assert set(events) == {f"booking-{kept.pk}@lebrq.example", f"booking-{dropped.pk}@lebrq.example"}
    assert str(events[f"booking-{dropped.pk}@lebrq.example"]["STATUS"]) == "CANCELLED"


def test_rotating_the_feed_revokes_the_old_url(alice, hall, anon_client):
    book_confirmed(alice, hall)
    client = bearer_client(alice)
    old = client.get("/api/auth/me").json()["calendar_feed_url"]

    response = client.post("/api/auth/me/calendar-feed")

    assert response.status_code == 200
    new = response.json()["calendar_feed_url"]
    assert new != old and client.get("/api/auth/me").json()["calendar_feed_url"] == new
    assert anon_client.get(old).status_code == 404
    assert len(events_of(anon_client.get(new))) == 1
    assert bearer_client(None).post("/api/auth/me/calendar-feed").status_code == 401


def test_an_unknown_feed_token_is_404(anon_client):
    assert anon_client.get(reverse("calendar-feed", kwargs={"token": "nope"})).status_code == 404


def test_the_venue_feed_needs_the_view_booking_permission(alice, bob, charlie, hall):
    mine, theirs = book_confirmed(alice, hall), book(bob, hall, hour=15)
    url = f"/api/admin/venues/{hall.pk}/calendar.ics"
    no_rights = make_staff("erin@example.com", "Erin Nobody", group_with("Nobody", []))

    assert set(events_of(bearer_client(charlie).get(url))) == {
        f"booking-{mine.pk}@lebrq.example", f"booking-{theirs.pk}@lebrq.example",
    }  # fmt: skip
    assert bearer_client(no_rights).get(url).status_code == 403
    assert bearer_client(alice).get(url).status_code == 403
    assert bearer_client(charlie).get("/api/admin/venues/999999/calendar.ics").status_code == 404
