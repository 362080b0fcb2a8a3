"""Availability and search answers are cached, carry an ETag, and are never stale after a write or a lapse."""

from datetime import date, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
import time_machine
from model_bakery import baker

from bookings.models import Booking, Closure
from bookings.rules import default_rules, merge_rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall(hall):
    """These tests are about the rules: the hall keeps DESIGN's defaults (its conftest version is
    open round the clock for tests that are not)."""
    hall.rules = default_rules()
    hall.save(update_fields=["rules"])
    return hall


@pytest.fixture
def studio(studio):
    studio.rules = default_rules()
    studio.save(update_fields=["rules"])
    return studio


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


def test_a_repeated_availability_is_read_from_the_cache(anon_client, hall, django_assert_num_queries):
    first = days(anon_client, hall)

    with django_assert_num_queries(1):  # the venue only
        again = days(anon_client, hall)

    assert again.json() == first.json() and again["ETag"] == first["ETag"]


def test_a_repeated_search_is_read_from_the_cache(anon_client, hall, django_assert_num_queries):
    first = search(anon_client)

    with django_assert_num_queries(0):
        again = search(anon_client)

    assert again.json() == first.json() and found(again) == ["rangoli-hall"]


@pytest.mark.parametrize("ask", [days, search])
def test_a_client_sending_the_etag_back_gets_304_without_a_body(anon_client, hall, ask):
    etag = ask(anon_client, hall)["ETag"] if ask is days else ask(anon_client)["ETag"]

    repeat = ask(anon_client, hall, If_None_Match=etag) if ask is days else ask(anon_client, If_None_Match=etag)

    assert repeat.status_code == 304 and repeat.content == b"" and repeat["ETag"] == etag


def book(alice, hall):
    return baker.make(Booking, user=alice, venue=hall, start_datetime=at(10), end_datetime=at(12), status="confirmed")


def cancel(alice, hall, booking):
    booking.status = Booking.Status.CANCELLED
    booking.save()


def close(alice, hall):
    return baker.make(Closure, venue=hall, start=at(6), end=at(23))


def reopen(alice, hall, closure):
    closure.delete()


def shut_saturdays(alice, hall):
    hall.rules = merge_rules(hall.rules, {"opening_hours": {"sat": []}})
    hall.save()


def test_a_new_booking_a_closure_or_a_rule_edit_drops_the_cached_answers(anon_client, alice, hall):
    for write in (book, close, shut_saturdays):
        before_days, before_search = free_of(days(anon_client, hall)), found(search(anon_client))

        undo = write(alice, hall)

        assert free_of(days(anon_client, hall)) != before_days, write.__name__
        assert found(search(anon_client)) == [] != before_search, write.__name__
        if write is book:
            cancel(alice, hall, undo)
        elif write is close:
            reopen(alice, hall, undo)


@pytest.mark.parametrize("write, undo", [(book, cancel), (close, reopen)])
def test_cancelling_a_booking_or_deleting_a_closure_frees_the_cached_slot(anon_client, alice, hall, write, undo):
    made = write(alice, hall)
    assert found(search(anon_client)) == [] and free_of(days(anon_client, hall)) != WHOLE_DAY

    undo(alice, hall, made)

    assert found(search(anon_client)) == ["rangoli-hall"]
    assert free_of(days(anon_client, hall)) == WHOLE_DAY


def test_a_hold_that_lapses_is_free_at_once_without_a_write(anon_client, alice, hall, frozen_clock):
    frozen_clock.move_to(at(9, 1, day=NOW.date()))  # the notice edge alone would keep answers until 09:30
    baker.make(
        Booking, user=alice, venue=hall, start_datetime=at(10), end_datetime=at(12), status="pending",
        hold_expires_at=at(9, 6, day=NOW.date()),
    )  # fmt: skip
    assert found(search(anon_client)) == []
    assert "held" in {busy["reason"] for busy in days(anon_client, hall).json()["days"][0]["busy"]}

    frozen_clock.move_to(at(9, 6, day=NOW.date()))

    assert found(search(anon_client)) == ["rangoli-hall"]
    assert days(anon_client, hall).json()["days"][0]["busy"] == []


def test_free_time_today_moves_with_the_notice_period_despite_the_cache(anon_client, hall, frozen_clock):
    assert free_of(days(anon_client, hall, NOW.date()))[0][0] == "2026-12-02T11:00:00+05:30"

    frozen_clock.move_to(NOW + timedelta(minutes=1))

    assert free_of(days(anon_client, hall, NOW.date()))[0][0] == "2026-12-02T11:30:00+05:30"


def test_a_slot_coming_within_notice_leaves_the_cached_search(anon_client, hall, frozen_clock):
    frozen_clock.move_to(at(9, 25, day=NOW.date()))
    soon = {"start": at(11, 30, day=NOW.date()).isoformat(), "end": at(13, day=NOW.date()).isoformat()}
    assert found(anon_client.get(f"/api/venues/available?{urlencode(soon)}")) == ["rangoli-hall"]

    frozen_clock.move_to(at(9, 31, day=NOW.date()))

    assert found(anon_client.get(f"/api/venues/available?{urlencode(soon)}")) == []


def test_another_venues_write_keeps_this_venues_cached_availability(
    anon_client, alice, hall, studio, django_assert_num_queries
):
    days(anon_client, hall)
    baker.make(Booking, user=alice, venue=studio, start_datetime=at(10), end_datetime=at(12), status="confirmed")

    with django_assert_num_queries(1):
        days(anon_client, hall)
