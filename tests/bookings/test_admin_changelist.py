"""The booking changelist as the venue desk uses it: the date-range filter (django-admin-rangefilter)
and the "export selected to CSV" action (bookings/admin_export.py over bookings/export.py)."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from model_bakery import baker

from bookings.export import BYTE_ORDER_MARK
from bookings.models import Booking
from tests.bookings.conftest import book
from tests.bookings.test_admin_site import browser_of
from tests.conftest import group_with, make_staff

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/bookings/booking/"
KOLKATA = ZoneInfo("Asia/Kolkata")


def listed_ids(response):
    return {booking.pk for booking in response.context["cl"].result_list}


def at(day, hour, minute=0):
    return datetime.combine(day, datetime.min.time().replace(hour=hour, minute=minute), tzinfo=KOLKATA)


@pytest.fixture
def three_days(alice, hall):
    """Bookings starting on three local days: the 3rd just before midnight, the 4th just after,
    the 5th at noon (Kolkata, the project's and the hall's zone)."""
    day = (timezone.localtime() + timedelta(days=30)).date()
    starts = {
        "late": at(day, 23, 30),
        "early": at(day + timedelta(days=1), 0, 0),
        "noon": at(day + timedelta(days=2), 12),
    }
    bookings = {
        name: baker.make(
            Booking,
            user=alice,
            venue=hall,
            title=name,
            status=Booking.Status.CONFIRMED,
            start_datetime=start,
            end_datetime=start + timedelta(minutes=30),
        )  # fmt: skip
        for name, start in starts.items()
    }
    return day, bookings


def test_the_date_range_filter_keeps_bookings_starting_on_those_local_days(charlie, three_days):
    day, bookings = three_days
    next_day = day + timedelta(days=1)

    response = browser_of(charlie).get(
        CHANGELIST,
        {"start_datetime__range__gte": next_day.isoformat(), "start_datetime__range__lte": next_day.isoformat()},
    )

    assert response.status_code == 200
    assert listed_ids(response) == {bookings["early"].pk}
    assert "Starts between" in response.content.decode()


def test_an_open_ended_range_keeps_everything_from_its_first_day(charlie, three_days):
    day, bookings = three_days

    response = browser_of(charlie).get(
        CHANGELIST, {"start_datetime__range__gte": (day + timedelta(days=1)).isoformat()}
    )

    assert listed_ids(response) == {bookings["early"].pk, bookings["noon"].pk}


@pytest.mark.parametrize("bad", ["2027-02-30", "yesterday", "9999-99-99", "0000-01-01"])
def test_a_bad_date_in_the_filter_filters_nothing_and_is_no_500(charlie, three_days, bad):
    _, bookings = three_days

    response = browser_of(charlie).get(CHANGELIST, {"start_datetime__range__gte": bad})

    assert response.status_code == 200
    assert listed_ids(response) == {booking.pk for booking in bookings.values()}


def exported(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="bookings-')
    text = b"".join(response.streaming_content).decode()
    assert text.startswith(BYTE_ORDER_MARK)  # Excel reads it as UTF-8
    return list(csv.DictReader(io.StringIO(text.removeprefix(BYTE_ORDER_MARK))))


def test_export_selected_writes_only_the_ticked_rows_with_formulas_defused(charlie, alice, bob, hall):
    formula = book(alice, hall, days=10, title='=HYPERLINK("http://evil.example","click")')
    plain = book(bob, hall, days=11, title="Mehendi, ‘grand’")
    left_out = book(alice, hall, days=12, title="Not ticked")

    response = browser_of(charlie).post(
        CHANGELIST, {"action": "export_selected_to_csv", "_selected_action": [formula.pk, plain.pk]}
    )

    rows = exported(response)
    assert [row["id"] for row in rows] == [str(formula.pk), str(plain.pk)]
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert (rows[1]["title"], rows[1]["user_email"], rows[1]["venue"]) == (
        "Mehendi, ‘grand’",
        "bob@example.com",
        "Rangoli Hall",
    )
    assert rows[1]["start_datetime"].endswith("+05:30")
    assert str(left_out.pk) not in {row["id"] for row in rows}


def test_export_of_all_matching_rows_follows_the_filters(charlie, three_days):
    day, bookings = three_days

    response = browser_of(charlie).post(
        f"{CHANGELIST}?start_datetime__range__gte={day + timedelta(days=1)}",
        {
            "action": "export_selected_to_csv",
            "select_across": "1",
            "index": "0",
            "_selected_action": [bookings["noon"].pk],
        },
    )

    assert {row["title"] for row in exported(response)} == {"early", "noon"}


def test_staff_who_may_only_view_may_export_but_staff_without_view_booking_may_not(dave, alice, hall):
    booking = book(alice, hall)
    assert exported(
        browser_of(dave).post(CHANGELIST, {"action": "export_selected_to_csv", "_selected_action": [booking.pk]})
    )

    venue_keeper = make_staff("gita@example.com", "Gita Venues", group_with("Venues", ["bookings.view_venue"]))
    response = browser_of(venue_keeper).post(
        CHANGELIST, {"action": "export_selected_to_csv", "_selected_action": [booking.pk]}
    )
    assert response.status_code == 403


def test_a_customer_cannot_export(alice, hall):
    booking = book(alice, hall)

    response = browser_of(alice).post(
        CHANGELIST, {"action": "export_selected_to_csv", "_selected_action": [booking.pk]}
    )

    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
