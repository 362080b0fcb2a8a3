"""The venue desk's calendar page in the admin (bookings/admin_calendar.py): what it draws, in
which time zone, with how many queries, and who may open it."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from model_bakery import baker

from bookings.models import Booking, Closure
from bookings.services import create_booking
from tests.bookings.conftest import book, book_confirmed, open_all_day_rules
from tests.bookings.test_admin_site import browser_of
from tests.bookings.test_lists import make_bookings
from tests.conftest import FRONT_DESK, group_with, make_staff

pytestmark = pytest.mark.django_db


def calendar_path(venue, **query):
    return f"/admin/bookings/venue/{venue.pk}/calendar/" + ("?" + "&".join(f"{k}={v}" for k, v in query.items()))


def local_date(booking):
    return booking.start_datetime.astimezone(ZoneInfo(booking.venue.timezone)).date()


def drawn_bookings(response):
    """{booking id: (css class, top, height)} of the booking blocks the page draws."""
    return {
        item["block"].booking["id"]: (item["css_class"], item["top"], item["height"])
        for column in response.context["columns"]
        for item in column["bookings"]
    }


def backgrounds(response, css_class):
    return [
        (item["block"].start, item["block"].end)
        for column in response.context["columns"]
        for item in column["background"]
        if item["css_class"] == css_class
    ]


@pytest.fixture
def desk(charlie):
    return browser_of(charlie)


def test_a_day_draws_each_booking_by_status_with_its_buffers_and_the_closures(desk, alice, bob, mandap):
    confirmed = book_confirmed(alice, mandap, days=10, hour=10)
    held = book(bob, mandap, days=10, hour=15)
    day = local_date(confirmed)
    zone = ZoneInfo(mandap.timezone)
    requested = baker.make(
        Booking, user=alice, venue=mandap, title="Wedding enquiry", status=Booking.Status.REQUESTED,
        start_datetime=datetime.combine(day, datetime.min.time().replace(hour=19), tzinfo=zone),
        end_datetime=datetime.combine(day, datetime.min.time().replace(hour=21), tzinfo=zone),
        hold_expires_at=timezone.now() + timedelta(days=2), decision_due_at=timezone.now() + timedelta(days=2),
    )  # fmt: skip
    cancelled = book(alice, mandap, days=10, hour=7)
    Booking.objects.filter(pk=cancelled.pk).update(status=Booking.Status.CANCELLED)
    Closure.objects.create(
        venue=mandap, reason="Diwali pooja",
        start=datetime.combine(day, datetime.min.time().replace(hour=22), tzinfo=zone),
        end=datetime.combine(day + timedelta(days=1), datetime.min.time().replace(hour=2), tzinfo=zone),
    )  # fmt: skip

    response = desk.get(calendar_path(mandap, date=day.isoformat()))

    assert response.status_code == 200
    drawn = drawn_bookings(response)
    assert set(drawn) == {confirmed.pk, held.pk, requested.pk}  # a cancelled booking holds nothing
    assert [drawn[pk][0] for pk in (confirmed.pk, held.pk, requested.pk)] == ["confirmed", "pending", "requested"]
    # 06:00-23:00 opening hours: the grid starts at 06:00, 0.8 px a minute; 10:00-12:00 is 4 hours down.
    assert drawn[confirmed.pk][1:] == (4 * 60 * 0.8, 2 * 60 * 0.8)
    # The 60-minute buffer on each side of every booking that keeps its slot, as availability has them.
    local = [(start.strftime("%H:%M"), end.strftime("%H:%M")) for start, end in backgrounds(response, "buffer")]
    assert local == [("09:00", "10:00"), ("12:00", "13:00"), ("14:00", "15:00"), ("17:00", "18:00"),
                     ("18:00", "19:00"), ("21:00", "22:00")]  # fmt: skip
    # The closure is clipped to the day it is drawn in (22:00 to midnight of this day).
    closed = backgrounds(response, "closed")
    assert [(start.strftime("%H:%M"), end.strftime("%H:%M %d")) for start, end in closed] == [
        ("22:00", f"00:00 {day + timedelta(days=1):%d}")
    ]
    page = response.content.decode()
    assert "Diwali pooja" in page
    for booking in (confirmed, held, requested):
        assert f'href="/admin/bookings/booking/{booking.pk}/change/"' in page
    assert "bob@example.com" in page


def test_a_lapsed_hold_is_drawn_as_lapsed_without_buffers(desk, alice, mandap):
    held = book(alice, mandap, days=10, hour=10)
    day = local_date(held)

    with time_machine.travel(held.hold_expires_at + timedelta(minutes=1)):
        response = desk.get(calendar_path(mandap, date=day.isoformat()))

    assert drawn_bookings(response)[held.pk][0] == "lapsed"
    assert backgrounds(response, "buffer") == []
    assert Booking.objects.get(pk=held.pk).status == Booking.Status.PENDING  # the page only reads


def test_overlapping_blocks_share_the_column_in_lanes(desk, alice, bob, hall):
    lapsed = book(alice, hall, days=10, hour=10)
    with time_machine.travel(lapsed.hold_expires_at + timedelta(minutes=1)):
        taker = book_confirmed(bob, hall, days=10, hour=11)
        response = desk.get(calendar_path(hall, date=local_date(lapsed).isoformat()))

    lanes = {
        item["block"].booking["id"]: (item["left"], item["width"])
        for column in response.context["columns"]
        for item in column["bookings"]
    }
    assert lanes == {lapsed.pk: (0, 50), taker.pk: (50, 50)}


def test_the_calendar_is_in_the_venue_time_zone(desk, alice):
    venue = baker.make(
        "bookings.Venue", name="Bay Hall", slug="bay-hall", city="San Francisco", state_code="29", capacity=50,
        hourly_rate="100.00", timezone="America/Los_Angeles", rules=open_all_day_rules(),
    )  # fmt: skip
    zone = ZoneInfo("America/Los_Angeles")
    day = (timezone.now() + timedelta(days=20)).astimezone(zone).date()
    start = datetime.combine(day, datetime.min.time().replace(hour=22), tzinfo=zone)
    late = create_booking(alice, venue, start, start + timedelta(hours=2), items=[], kind="event", title="Late gig")
    # In Kolkata (the project's zone) it starts on the next day, at 11:30 or 10:30.
    assert timezone.localtime(late.start_datetime).date() == day + timedelta(days=1)

    response = desk.get(calendar_path(venue, date=day.isoformat()))

    columns = response.context["columns"]
    assert [column["day"].date for column in columns] == [day]
    (item,) = columns[0]["bookings"]
    assert (item["block"].start.strftime("%H:%M"), item["block"].end_minute) == ("22:00", 24 * 60)
    assert "Times in America/Los_Angeles" in response.content.decode()
    # The booking's change page opens the calendar at its venue's day, not Kolkata's.
    change = desk.get(f"/admin/bookings/booking/{late.pk}/change/").content.decode()
    assert f"/admin/bookings/venue/{venue.pk}/calendar/?view=day&amp;date={day.isoformat()}" in change


def test_a_week_starts_on_monday_and_navigates_by_weeks(desk, alice, hall):
    today = timezone.localtime().date()
    monday = today - timedelta(days=today.weekday())
    asked = monday + timedelta(days=4)  # a Friday of this week

    response = desk.get(calendar_path(hall, view="week", date=asked.isoformat()))

    assert response.status_code == 200
    days = [column["day"].date for column in response.context["columns"]]
    assert days == [monday + timedelta(days=offset) for offset in range(7)]
    assert [column["day"].is_today for column in response.context["columns"]].index(True) == today.weekday()
    context = response.context
    assert context["previous_url"].endswith(f"?view=week&date={monday - timedelta(days=7)}")
    assert context["next_url"].endswith(f"?view=week&date={monday + timedelta(days=7)}")
    assert context["today_url"].endswith(f"?view=week&date={today}")
    assert context["day_url"].endswith(f"?view=day&date={monday}")


def test_the_day_view_navigates_by_days(desk, hall):
    response = desk.get(calendar_path(hall, date="2027-03-01"))

    assert response.context["previous_url"].endswith("?view=day&date=2027-02-28")
    assert response.context["next_url"].endswith("?view=day&date=2027-03-02")
    assert response.context["week_url"].endswith("?view=week&date=2027-03-01")


@pytest.mark.parametrize("view", ["day", "week"])
def test_the_page_costs_the_same_queries_whatever_the_bookings(desk, alice, hall, view, django_assert_num_queries):
    day = (timezone.localtime() + timedelta(days=3)).date()
    make_bookings(alice, hall, 2, first_day=3)
    first = desk.get(calendar_path(hall, view=view, date=day.isoformat()))
    assert len(drawn_bookings(first)) >= 1
    Closure.objects.create(venue=hall, start=timezone.now() + timedelta(days=3), end=timezone.now() + timedelta(days=4))
    make_bookings(alice, hall, 40, first_day=5)
    Booking.objects.filter(title="Bulk", start_datetime__date__gte=day + timedelta(days=4)).update(
        status=Booking.Status.PENDING, hold_expires_at=timezone.now() + timedelta(hours=1)
    )

    # Session, user, venue, the user's own and group permissions, availability's bookings and
    # closures, the calendar's bookings (owners' emails by subquery) and closures (reasons).
    with django_assert_num_queries(9):
        response = desk.get(calendar_path(hall, view=view, date=day.isoformat()))
    assert response.status_code == 200


def test_staff_who_may_view_bookings_and_venues_open_it(dave, hall):
    assert browser_of(dave).get(calendar_path(hall)).status_code == 200


@pytest.mark.parametrize("missing", ["bookings.view_booking", "bookings.view_venue"])
def test_staff_without_a_view_permission_get_403(missing, hall):
    permissions = [permission for permission in FRONT_DESK if permission != missing and permission != missing.replace(
        "view_", "change_")]  # fmt: skip
    staff = make_staff("erin@example.com", "Erin Temp", group_with("Partial", permissions))

    assert browser_of(staff).get(calendar_path(hall)).status_code == 403


def test_a_customer_or_anonymous_visitor_is_sent_to_the_login(alice, hall):
    for browser in (browser_of(alice), Client()):
        response = browser.get(calendar_path(hall))
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=/admin/bookings/venue/")


@pytest.mark.parametrize(
    "query", [{"date": "2027-02-30"}, {"date": "tomorrow"}, {"view": "month"}, {"date": "9999-12-31"},
              {"date": "0001-01-01", "view": "week"}]
)  # fmt: skip
def test_a_bad_date_or_view_is_400_not_500(desk, hall, query):
    response = desk.get(calendar_path(hall, **query))

    assert response.status_code == 400


def test_an_unknown_venue_is_404(desk):
    assert desk.get("/admin/bookings/venue/999999/calendar/").status_code == 404


def test_the_venue_pages_link_to_the_calendar(desk, hall):
    url = f"/admin/bookings/venue/{hall.pk}/calendar/"

    assert f'href="{url}"' in desk.get("/admin/bookings/venue/").content.decode()
    assert f'href="{url}"' in desk.get(f"/admin/bookings/venue/{hall.pk}/change/").content.decode()


def test_the_admin_is_branded_the_venue_desk(desk):
    page = desk.get("/admin/").content.decode()

    assert "LeBrq — venue desk" in page
    assert re.search(r"<title>.*LeBrq venue desk</title>", page)


def test_the_calendar_page_shows_the_legend_and_navigation(dave, hall):
    page = browser_of(dave).get(calendar_path(hall)).content.decode()

    for label in ("Previous day", "Today", "Next day", "Week", "Hold or request lapsed", "Buffer around a booking"):
        assert label in page
