"""Series from an RFC 5545 rule: bounded, atomic or skipping, held and paid as one, cancelled from a date."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bookings.models import Booking, BookingSeries
from bookings.services import confirm_booking
from payments.models import Payment
from tests.bookings.conftest import book, slot
from tests.conftest import bearer_client

pytestmark = pytest.mark.django_db


def series_body(venue, rrule="FREQ=WEEKLY;COUNT=4", days=7, hour=18, hours=1, **fields):
    start, end = slot(days=days, hour=hour, hours=hours)
    return {
        "venue": venue.pk, "start_datetime": start.isoformat(), "end_datetime": end.isoformat(),
        "title": "Hatha yoga", "rrule": rrule, "is_public": True, **fields,
    }  # fmt: skip


def test_a_weekly_series_books_every_date_held_as_one(alice_client, studio):
    response = alice_client.post("/api/bookings/series", series_body(studio))

    assert response.status_code == 201, response.json()
    body = response.json()
    starts = [timezone.datetime.fromisoformat(booking["start_datetime"]) for booking in body["bookings"]]
    assert len(starts) == 4 and all(
        later - earlier == timedelta(days=7) for earlier, later in zip(starts, starts[1:], strict=False)
    )
    assert {booking["status"] for booking in body["bookings"]} == {"pending"}
    assert len({booking["hold_expires_at"] for booking in body["bookings"]}) == 1
    assert body["skipped"] == []
    assert alice_client.get(f"/api/bookings/series/{body['id']}").json()["bookings"] == body["bookings"]


def test_with_fail_a_taken_date_is_409_and_nothing_is_written(alice_client, bob, studio):
    taken = book(bob, studio, days=21, hour=18, hours=1)

    response = alice_client.post("/api/bookings/series", series_body(studio))

    assert response.status_code == 409
    assert response.json()["code"] == "series_conflict"
    assert [conflict["code"] for conflict in response.json()["conflicts"]] == ["slot_unavailable"]
    assert list(Booking.objects.all()) == [taken] and not BookingSeries.objects.exists()


def test_with_skip_the_taken_dates_are_reported_and_the_rest_booked(alice_client, bob, studio):
    taken = book(bob, studio, days=21, hour=18, hours=1)

    response = alice_client.post("/api/bookings/series", series_body(studio, on_conflict="skip"))

    assert response.status_code == 201
    body = response.json()
    assert len(body["bookings"]) == 3
    assert body["skipped"] == [
        {"start": timezone.localtime(taken.start_datetime).isoformat(), "code": "slot_unavailable"}
    ]


@pytest.mark.parametrize(
    ("rrule", "code"),
    [
        ("FREQ=WEEKLY", "rrule_unbounded"),
        ("FREQ=DAILY;COUNT=105", "rrule_unbounded"),
        ("FREQ=WEEKLY;COUNT=60", "rrule_unbounded"),  # past the 365-day horizon
        ("FREQ=WEEKLY;UNTIL=20991231T000000Z", "rrule_unbounded"),
        ("FREQ=WEEKLY;UNTIL=20270301T000000ZC", "rrule_invalid"),  # an unknown zone, not a guess
        ("FREQ=WEEKLY;UNTIL=next friday", "rrule_invalid"),  # dateutil's fuzzy parser would take it
        ("FREQ=WEEKLY;UNTIL=2027-03-01", "rrule_invalid"),
        ("FREQ=SOMETIMES;COUNT=3", "rrule_invalid"),
        ("FREQ=HOURLY;COUNT=3", "rrule_invalid"),
        ("DTSTART:20270101T000000Z\nRRULE:FREQ=DAILY;COUNT=2", "rrule_invalid"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2", "rrule_invalid"),  # never happens: refused, not a hang
        ("FREQ=DAILY;BYYEARDAY=0;COUNT=2", "rrule_invalid"),
        ("FREQ=DAILY;BYSETPOS=300;COUNT=2", "rrule_invalid"),
        ("FREQ=DAILY;INTERVAL=-1;COUNT=3", "rrule_invalid"),
        ("FREQ=DAILY;INTERVAL=0;COUNT=3", "rrule_invalid"),
        ("FREQ=DAILY;COUNT=-1", "rrule_invalid"),
        ("FREQ=MONTHLY;BYDAY=9FR;COUNT=3", "rrule_invalid"),
    ],
)
def test_a_rule_that_is_malformed_or_unbounded_is_400(alice_client, studio, rrule, code):
    response = alice_client.post("/api/bookings/series", series_body(studio, rrule=rrule))

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not Booking.objects.exists()


def test_a_series_counts_as_one_hold(alice, alice_client, studio, settings):
    settings.MAX_OPEN_HOLDS = 2
    book(alice, studio, days=3, hour=6)
    assert alice_client.post("/api/bookings/series", series_body(studio)).status_code == 201

    third = alice_client.post("/api/bookings/series", series_body(studio, hour=20))
    assert third.status_code == 400
    assert third.json()["code"] == "too_many_holds"


def test_one_desk_payment_covers_every_deposit_and_confirms_every_date(alice_client, staff_client, studio):
    series = alice_client.post("/api/bookings/series", series_body(studio)).json()
    deposits = sum(float(booking["deposit_amount"]) for booking in series["bookings"])

    response = staff_client.post(
        f"/api/admin/bookings/series/{series['id']}/payments/", {"amount": f"{deposits:.2f}", "method": "upi"}
    )

    assert response.status_code == 201, response.json()
    assert len(response.json()["payments"]) == 4
    statuses = set(Booking.objects.filter(series_id=series["id"]).values_list("status", flat=True))
    assert statuses == {"confirmed"}
    assert Payment.objects.filter(series_id=series["id"]).count() == 4


def test_a_desk_payment_above_what_the_series_owes_is_400_and_writes_nothing(alice_client, staff_client, studio):
    series = alice_client.post("/api/bookings/series", series_body(studio)).json()

    response = staff_client.post(
        f"/api/admin/bookings/series/{series['id']}/payments/", {"amount": "9999999.00", "method": "cash"}
    )

    assert response.status_code == 400 and response.json()["code"] == "invalid_amount"
    assert not Payment.objects.exists()


def test_cancelling_from_a_date_cancels_that_date_and_after(alice_client, studio):
    series = alice_client.post("/api/bookings/series", series_body(studio)).json()
    third = timezone.datetime.fromisoformat(series["bookings"][2]["start_datetime"]).date()

    response = alice_client.post(f"/api/bookings/series/{series['id']}/cancel", {"from_date": third.isoformat()})

    assert response.status_code == 200
    assert [booking["status"] for booking in response.json()["bookings"]] == [
        "pending", "pending", "cancelled", "cancelled",
    ]  # fmt: skip


def test_another_customer_cannot_see_pay_or_cancel_a_series(alice_client, bob, studio):
    series = alice_client.post("/api/bookings/series", series_body(studio)).json()
    bob_client = bearer_client(bob)

    assert bob_client.get(f"/api/bookings/series/{series['id']}").status_code == 404
    assert (
        bob_client.post(f"/api/bookings/series/{series['id']}/cancel", {"from_date": "2027-01-01"}).status_code == 404
    )
    assert bob_client.post(f"/api/bookings/series/{series['id']}/payments/").status_code == 404


def test_regular_programmes_list_confirmed_public_series_with_their_next_date(
    alice, alice_client, anon_client, studio, django_assert_max_num_queries
):
    for hour, public in ((18, True), (20, False)):
        series = alice_client.post("/api/bookings/series", series_body(studio, hour=hour, is_public=public)).json()
        for booking in Booking.objects.filter(series_id=series["id"]):
            confirm_booking(booking)
    alice_client.post("/api/bookings/series", series_body(studio, hour=6))  # held, not confirmed

    with django_assert_max_num_queries(3):
        listing = anon_client.get("/api/programs/regular/").json()

    assert [program["title"] for program in listing["items"]] == ["Hatha yoga"]
    first = Booking.objects.filter(series__is_public=True, status="confirmed").order_by("start_datetime").first()
    assert timezone.datetime.fromisoformat(listing["items"][0]["next_occurrence"]) == first.start_datetime


def test_too_many_guests_is_a_400_for_the_whole_series(alice_client, studio):
    response = alice_client.post("/api/bookings/series", series_body(studio, guests=studio.capacity + 1))

    assert response.status_code == 400 and response.json()["code"] == "over_capacity"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    parts=st.lists(
        st.sampled_from(
            ["FREQ=DAILY", "FREQ=WEEKLY", "FREQ=MONTHLY", "FREQ=YEARLY", "FREQ=HOURLY", "COUNT=3", "COUNT=0",
             "UNTIL=20270301", "UNTIL=20270301T000000Z", "INTERVAL=2", "INTERVAL=0", "BYDAY=MO,WE", "BYDAY=1SA",
             "BYDAY=-1SU", "BYDAY=6MO", "BYMONTHDAY=31", "BYMONTHDAY=-1", "BYMONTHDAY=0", "BYMONTH=2", "BYMONTH=13",
             "BYSETPOS=1", "BYYEARDAY=100", "WKST=SU", "X=1", "", "FREQ=WEEKLY;COUNT=200"]
        ),
        max_size=5,
    ),
    noise=st.text(max_size=12),
)  # fmt: skip
@pytest.mark.filterwarnings("error::DeprecationWarning")  # dateutil's "count and until" (to become an error)
@pytest.mark.filterwarnings("error::RuntimeWarning")  # dateutil's UnknownTimezoneWarning: a guessed UNTIL
def test_any_rule_is_expanded_or_refused_with_a_rrule_code(parts, noise):
    """A property over rule texts: occurrences() answers a bounded list or a 400, never another error."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from bookings.recurrence import MAX_OCCURRENCES, occurrences
    from bookings.rules import RuleViolation

    start = datetime(2027, 1, 4, 18, 0, tzinfo=ZoneInfo("Asia/Kolkata"))
    for text in (";".join(parts), ";".join(parts) + noise):
        try:
            found = occurrences(text, start, "Asia/Kolkata", start + timedelta(days=365))
        except RuleViolation as refusal:
            assert refusal.detail["code"] in ("rrule_invalid", "rrule_unbounded")
        else:
            assert 1 <= len(found) <= MAX_OCCURRENCES
            assert all(moment.utcoffset() == timedelta(hours=5, minutes=30) for moment in found)


def test_a_rule_with_both_count_and_until_is_refused_as_rfc_5545_says():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from bookings.recurrence import occurrences
    from bookings.rules import RuleViolation

    start = datetime(2027, 1, 4, 18, 0, tzinfo=ZoneInfo("Asia/Kolkata"))
    with pytest.raises(RuleViolation) as refusal:
        occurrences("FREQ=WEEKLY;COUNT=3;UNTIL=20270301", start, "Asia/Kolkata", start + timedelta(days=365))
    assert refusal.value.detail["code"] == "rrule_invalid"


def test_an_unverified_customer_books_no_series_when_verification_is_required(alice, alice_client, studio, settings):
    settings.REQUIRE_VERIFIED_EMAIL = True
    alice.email_verified = False
    alice.save()

    response = alice_client.post("/api/bookings/series", series_body(studio))

    assert response.status_code == 403 and response.json()["code"] == "email_unverified"
    assert not Booking.objects.exists()
