"""Availability and search answers are cached, carry an ETag, and are never stale after a write or a lapse."""

from datetime import date, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
import time_machine
from model_bakery import baker

from bookings.models import Booking, Closure
from bookings.rules import merge_rules

pytestmark = pytest.mark.django_db


IST = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=IST)
DAY = date(2026, 12, 12)
WHOLE_DAY = [["2026-12-12T06:00:00+05:30", "2026-12-12T23:00:00+05:30"]]


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def at(hour, minute=0, day=DAY):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=IST)


def days(client, venue, day=DAY, **headers):
    return client.get(f"/api/venues/{venue.pk}/availability?from={day}&to={day}", headers=headers)


def search(client, **headers):
    query = urlencode({"start": at(10).isoformat(), "end": at(12).isoformat()})
    return client.get(f"/api/venues/available?{query}", headers=headers)


def free_of(response):
    return response.json()["days"][0]["free"]


def found(response):
    return [venue["slug"] for venue in response.json()["items"]]


def test_a_repeated_availability_is_read_from_the_cache(anon_client, rules_hall, django_assert_num_queries):
    first = days(anon_client, rules_hall)

    with django_assert_num_queries(0):  # answered before the view (bookings/middleware.py)
        again = days(anon_client, rules_hall)

    assert again.json() == first.json() and again["ETag"] == first["ETag"]


def test_a_repeated_search_is_read_from_the_cache(anon_client, rules_hall, django_assert_num_queries):
    first = search(anon_client)

    with django_assert_num_queries(0):
        again = search(anon_client)

    assert again.json() == first.json() and found(again) == ["rangoli-hall"]


@pytest.mark.parametrize("ask", [days, search])
def test_a_client_sending_the_etag_back_gets_304_without_a_body(anon_client, rules_hall, ask):
    etag = ask(anon_client, rules_hall)["ETag"] if ask is days else ask(anon_client)["ETag"]

    repeat = ask(anon_client, rules_hall, If_None_Match=etag) if ask is days else ask(anon_client, If_None_Match=etag)

    assert repeat.status_code == 304 and repeat.content == b"" and repeat["ETag"] == etag


def book(alice, rules_hall):
    return baker.make(
        Booking, user=alice, venue=rules_hall, start_datetime=at(10), end_datetime=at(12), status="confirmed"
    )


def cancel(alice, rules_hall, booking):
    booking.status = Booking.Status.CANCELLED
    booking.save()


def close(alice, rules_hall):
    return baker.make(Closure, venue=rules_hall, start=at(6), end=at(23))


def reopen(alice, rules_hall, closure):
    closure.delete()


def shut_saturdays(alice, rules_hall):
    rules_hall.rules = merge_rules(rules_hall.rules, {"opening_hours": {"sat": []}})
    rules_hall.save()


def test_a_new_booking_a_closure_or_a_rule_edit_drops_the_cached_answers(anon_client, alice, rules_hall):
    for write in (book, close, shut_saturdays):
        before_days, before_search = free_of(days(anon_client, rules_hall)), found(search(anon_client))

        undo = write(alice, rules_hall)

        assert free_of(days(anon_client, rules_hall)) != before_days, write.__name__
        assert found(search(anon_client)) == [] != before_search, write.__name__
        if write is book:
            cancel(alice, rules_hall, undo)
        elif write is close:
            reopen(alice, rules_hall, undo)


@pytest.mark.parametrize("write, undo", [(book, cancel), (close, reopen)])
def test_cancelling_a_booking_or_deleting_a_closure_frees_the_cached_slot(anon_client, alice, rules_hall, write, undo):
    made = write(alice, rules_hall)
    assert found(search(anon_client)) == [] and free_of(days(anon_client, rules_hall)) != WHOLE_DAY

    undo(alice, rules_hall, made)

    assert found(search(anon_client)) == ["rangoli-hall"]
    assert free_of(days(anon_client, rules_hall)) == WHOLE_DAY


def test_a_hold_that_lapses_is_free_at_once_without_a_write(anon_client, alice, rules_hall, frozen_clock):
    frozen_clock.move_to(at(9, 1, day=NOW.date()))  # the notice edge alone would keep answers until 09:30
    baker.make(
        Booking, user=alice, venue=rules_hall, start_datetime=at(10), end_datetime=at(12), status="pending",
        hold_expires_at=at(9, 6, day=NOW.date()),
    )  # fmt: skip
    assert found(search(anon_client)) == []
    assert "held" in {busy["reason"] for busy in days(anon_client, rules_hall).json()["days"][0]["busy"]}

    frozen_clock.move_to(at(9, 6, day=NOW.date()))

    assert found(search(anon_client)) == ["rangoli-hall"]
    assert days(anon_client, rules_hall).json()["days"][0]["busy"] == []


def test_free_time_today_moves_with_the_notice_period_despite_the_cache(anon_client, rules_hall, frozen_clock):
    assert free_of(days(anon_client, rules_hall, NOW.date()))[0][0] == "2026-12-02T11:00:00+05:30"

    frozen_clock.move_to(NOW + timedelta(minutes=1))

    assert free_of(days(anon_client, rules_hall, NOW.date()))[0][0] == "2026-12-02T11:30:00+05:30"


def test_a_slot_coming_within_notice_leaves_the_cached_search(anon_client, rules_hall, frozen_clock):
    frozen_clock.move_to(at(9, 25, day=NOW.date()))
    soon = {"start": at(11, 30, day=NOW.date()).isoformat(), "end": at(13, day=NOW.date()).isoformat()}
    assert found(anon_client.get(f"/api/venues/available?{urlencode(soon)}")) == ["rangoli-hall"]

    frozen_clock.move_to(at(9, 31, day=NOW.date()))

    assert found(anon_client.get(f"/api/venues/available?{urlencode(soon)}")) == []


def test_another_venues_write_keeps_this_venues_cached_availability(
    anon_client, alice, rules_hall, rules_studio, django_assert_num_queries
):
    days(anon_client, rules_hall)
    baker.make(Booking, user=alice, venue=rules_studio, start_datetime=at(10), end_datetime=at(12), status="confirmed")

    with django_assert_num_queries(0):
        days(anon_client, rules_hall)
