"""GET /api/venues/available: the venues that would accept exactly this booking now."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
import time_machine
from model_bakery import baker

from bookings.models import Booking, Closure, Venue
from bookings.rules import merge_rules

pytestmark = pytest.mark.django_db


IST = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=IST)
DAY = date(2026, 12, 12)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def at(hour, minute=0, day=DAY):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=IST)


def search(client, start, end, **params):
    query = urlencode({"start": start.isoformat(), "end": end.isoformat(), **params})
    return client.get(f"/api/venues/available?{query}")


def found(client, start=None, end=None, **params):
    response = search(client, start or at(10), end or at(12), **params)
    assert response.status_code == 200, response.json()
    return [venue["slug"] for venue in response.json()["items"]]


def booking(user, venue, start, end, status="confirmed", **fields):
    return baker.make(Booking, user=user, venue=venue, start_datetime=start, end_datetime=end, status=status, **fields)


def test_venues_that_would_take_the_booking_are_listed_with_the_price_of_their_hire(
    anon_client, rules_hall, rules_studio
):
    response = search(anon_client, at(10), at(12))

    assert response.status_code == 200
    body = response.json()
    assert body["pagination"]["total"] == 2
    rangoli, yoga = body["items"]
    assert (rangoli["slug"], yoga["slug"]) == ("rangoli-hall", "yoga-studio")
    assert rangoli["quote"] == {"total": "2360.00", "deposit_due": "590.00"}  # 2 h x 1,000 + 18 % GST; 25 %
    assert yoga["quote"] == {"total": "1180.00", "deposit_due": "295.00"}
    assert rangoli["rules"]["buffer_minutes"] == 60 and rangoli["capacity"] == 300


def test_the_deposit_is_the_whole_total_when_the_balance_is_already_due(anon_client, rules_hall):
    soon = at(12, day=NOW.date() + timedelta(days=3))

    (rangoli,) = search(anon_client, soon, soon + timedelta(hours=2)).json()["items"]

    assert rangoli["quote"] == {"total": "2360.00", "deposit_due": "2360.00"}


def test_guests_and_city_narrow_the_search(anon_client, rules_hall, rules_studio):
    assert found(anon_client, guests=100) == ["rangoli-hall"]
    assert found(anon_client, city="mumbai") == ["yoga-studio"]
    assert found(anon_client, guests=301) == []


def test_an_inactive_venue_is_never_found(anon_client, rules_hall, rules_studio):
    Venue.objects.filter(pk=rules_studio.pk).update(is_active=False)

    assert found(anon_client) == ["rangoli-hall"]


def test_a_booking_its_buffer_a_live_hold_or_a_closure_keeps_a_venue_out(anon_client, alice, rules_hall, rules_studio):
    other = baker.make(Venue, slug="third", name="Third", capacity=50, hourly_rate=Decimal("100.00"))
    booking(alice, rules_hall, at(12, 30), at(14))  # inside the hour of buffer after 12:00
    booking(alice, rules_studio, at(9), at(10), status="pending", hold_expires_at=NOW + timedelta(minutes=10))
    baker.make(Closure, venue=other, start=at(11), end=at(11, 30))

    assert found(anon_client) == []


def test_a_lapsed_hold_or_a_cancelled_booking_keeps_no_venue_out(anon_client, alice, rules_hall, rules_studio):
    booking(alice, rules_hall, at(10), at(12), status="pending", hold_expires_at=NOW)
    booking(alice, rules_studio, at(10), at(12), status="cancelled")

    assert found(anon_client) == ["rangoli-hall", "yoga-studio"]


@pytest.mark.parametrize(
    "start, end",
    [
        (at(10, 10), at(12, 10)),  # off the half-hour grid
        (at(10), at(10, 30)),  # shorter than an hour
        (at(6), at(23)),  # 17 h, longer than 16
        (at(5), at(7)),  # opens at 06:00
        (at(22), at(23, 30)),  # closes at 23:00
        (at(10, day=NOW.date()), at(12, day=NOW.date())),  # less than two hours' notice
        (at(7, day=NOW.date()), at(8, day=NOW.date())),  # in the past
        (at(10, day=date(2027, 12, 3)), at(12, day=date(2027, 12, 3))),  # more than 365 days ahead
        (at(10, day=date(9999, 12, 30)), at(12, day=date(9999, 12, 30))),
        (at(10, day=date(1, 1, 2)), at(12, day=date(1, 1, 2))),
    ],
)
def test_a_booking_the_rules_refuse_finds_no_venue(anon_client, rules_hall, start, end):
    assert found(anon_client, start, end) == []


def test_a_venues_own_rules_decide_for_it(anon_client, rules_hall, rules_studio):
    rules_studio.rules = merge_rules(
        rules_studio.rules, {"slot_minutes": 15, "min_duration_minutes": 15, "buffer_minutes": 0}
    )
    rules_studio.save()

    assert found(anon_client, at(10, 15), at(10, 45)) == ["yoga-studio"]


def test_an_end_before_the_start_is_400_invalid_time_range(anon_client, rules_hall):
    response = search(anon_client, at(12), at(10))

    assert response.status_code == 400
    assert response.json() == {"detail": "The end must be after the start.", "code": "invalid_time_range"}


@pytest.mark.parametrize("params", [{"guests": 0}, {"guests": "many"}, {"start": "tomorrow"}])
def test_a_malformed_search_is_400_naming_the_field(anon_client, rules_hall, params):
    query = {"start": at(10).isoformat(), "end": at(12).isoformat(), **params}

    response = anon_client.get(f"/api/venues/available?{urlencode(query)}")

    assert response.status_code == 400 and set(params) <= set(response.json())


def test_search_pages_like_every_list(anon_client, rules_hall, rules_studio):
    body = search(anon_client, at(10), at(12), page_size=1, page=2).json()

    assert [venue["slug"] for venue in body["items"]] == ["yoga-studio"]
    assert body["pagination"]["total"] == 2 and body["pagination"]["pages"] == 2


@pytest.mark.parametrize("venues", [1, 25])
def test_search_costs_four_queries_whatever_the_number_of_venues(anon_client, alice, venues, django_assert_num_queries):
    for number in range(venues):
        venue = baker.make(Venue, slug=f"venue-{number}", capacity=100, hourly_rate=Decimal("100.00"))
        booking(alice, venue, at(6), at(8))
        baker.make(Closure, venue=venue, start=at(20), end=at(21))

    with django_assert_num_queries(4):  # the candidate venues, their bookings, their closures, the page's venues
        response = search(anon_client, at(10), at(12), page_size=100)

    assert len(response.json()["items"]) == venues


@pytest.mark.parametrize(
    "start, end",
    [(at(10), at(12)), (at(13), at(15)), (at(14), at(16)), (at(16, 30), at(18)), (at(19), at(21)), (at(6), at(8))],
)
def test_search_and_booking_agree_on_a_slot(alice, alice_client, anon_client, rules_hall, start, end):
    """Create on this branch checks overlaps but not yet the venue rules (buffers, grid, hours):
    the slots here differ only by overlapping the booked 14:00-17:00 or not."""
    booking(alice, rules_hall, at(14), at(17))

    listed = found(anon_client, start, end) == ["rangoli-hall"]
    created = alice_client.post(
        "/api/bookings/",
        {
            "venue": rules_hall.pk,
            "start_datetime": start.isoformat(),
            "end_datetime": end.isoformat(),
            "title": "Sangeet",
        },
    )

    assert created.status_code == (201 if listed else 409)
    assert listed == (end <= at(13) or start >= at(18))


def test_venues_on_the_same_rules_are_still_judged_by_their_own_closures_and_bookings(
    anon_client, alice, rules_hall, rules_studio
):
    mandap = baker.make(Venue, slug="mandap", name="Mandap", capacity=100, rules=rules_hall.rules)
    baker.make(Closure, venue=rules_hall, start=at(11), end=at(13))
    booking(alice, mandap, at(12), at(14))

    assert found(anon_client) == ["yoga-studio"]
