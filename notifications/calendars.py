"""iCalendar (RFC 5545) files with the `icalendar` library: one booking, a customer's feed, a venue's feed.

DESIGN's precise points: a stable UID per booking, SEQUENCE the booking's `sequence` (raised by
bookings.services on every change of time or status), STATUS from the booking's status and
LOCATION the venue's name, address and city. Cancelled, rejected and expired bookings stay in a
feed as CANCELLED so that subscribed calendars drop them instead of keeping a stale event.
"""

import secrets

import icalendar
from django.conf import settings
from django.urls import reverse

from bookings.models import Booking

STATUS = {
    Booking.Status.PENDING: "TENTATIVE",
    Booking.Status.REQUESTED: "TENTATIVE",
    Booking.Status.CONFIRMED: "CONFIRMED",
    Booking.Status.COMPLETED: "CONFIRMED",
    Booking.Status.CANCELLED: "CANCELLED",
    Booking.Status.REJECTED: "CANCELLED",
    Booking.Status.EXPIRED: "CANCELLED",
}
PRODID = "-//LeBrq//Bookings//EN"


def booking_uid(booking):
    return f"booking-{booking.pk}@{settings.CALENDAR_UID_DOMAIN}"


def booking_event(booking):
    venue = booking.venue
    event = icalendar.Event()
    event.add("uid", booking_uid(booking))
    event.add("sequence", booking.sequence)
    event.add("dtstamp", booking.updated_at)
    event.add("dtstart", booking.start_datetime)
    event.add("dtend", booking.end_datetime)
    event.add("summary", booking.title)
    event.add("location", ", ".join(part for part in (venue.name, venue.address, venue.city) if part))
    event.add("status", STATUS[booking.status])
    event.add("description", f"Booking #{booking.pk} at {venue.name} ({booking.get_status_display()})")
    return event


def calendar_of(bookings, name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for booking in bookings:
        calendar.add_component(booking_event(booking))
    return calendar


def booking_calendar(booking):
    return calendar_of([booking], booking.title)


def new_feed_token():
    return secrets.token_urlsafe(32)


def feed_url_for(request, user):
    """The customer's feed URL (settings.ACCOUNT_CALENDAR_FEED_URL points accounts here), made on first ask."""
    from notifications.models import CalendarFeed

    feed, _ = CalendarFeed.objects.get_or_create(user=user, defaults={"token": new_feed_token()})
    path = reverse("calendar-feed", kwargs={"token": feed.token})
    return request.build_absolute_uri(path) if request is not None else path
