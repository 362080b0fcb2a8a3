"""Properties of the free time availability computes, over random bookings, closures and rules."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from bookings.availability import Taken, _merge, day_bounds, days_of, on_grid
from bookings.rules import VenueRules, default_rules
from bookings.serializers import AvailabilityRangeSerializer
from lebrq.renderers import render_json

# Days around the 2027 clock changes in Europe and the US, and a plain week in India.
ZONES_AND_DAYS = [
    ("Asia/Kolkata", date(2027, 1, 4)),
    ("Europe/London", date(2027, 3, 27)),
    ("Europe/London", date(2027, 10, 30)),
    ("America/New_York", date(2027, 3, 13)),
    ("Australia/Lord_Howe", date(2027, 4, 3)),  # a half-hour change
]
SLOTS = [5, 15, 20, 30, 45, 60, 90, 120]


@st.composite
def opening_hours(draw):
    hours = {}
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        marks = sorted(set(draw(st.lists(st.integers(0, 24 * 12), max_size=6))))
        pairs = [(opens, closes) for opens, closes in zip(marks[::2], marks[1::2], strict=False) if opens < closes]
        hours[day] = [[_clock(opens * 5), _clock(closes * 5)] for opens, closes in pairs]
    return hours


def _clock(minutes):
    return "24:00" if minutes == 24 * 60 else f"{minutes // 60:02d}:{minutes % 60:02d}"


@st.composite
def venue_rules(draw):
    slot = draw(st.sampled_from(SLOTS))
    shortest = draw(st.integers(5, 240))
    return VenueRules.of(
        {
            **default_rules(),
            "opening_hours": draw(opening_hours()),
            "buffer_minutes": draw(st.integers(0, 180)),
            "slot_minutes": slot,
            "min_duration_minutes": shortest,
            "max_duration_minutes": max(shortest, 960),
            "min_notice_hours": draw(st.integers(0, 72)),
            "max_advance_days": draw(st.integers(1, 6)),
        }
    )


@st.composite
def scenario(draw):
    zone_name, first = draw(st.sampled_from(ZONES_AND_DAYS))
    zone = ZoneInfo(zone_name)
    origin = datetime(first.year, first.month, first.day, tzinfo=zone).astimezone(UTC) - timedelta(days=1)
    minutes = st.integers(0, 5 * 24 * 60)
    taken = []
    for start, length, reason in draw(
        st.lists(st.tuples(minutes, st.integers(1, 24 * 60), st.sampled_from(["booked", "held", "closed"])), max_size=8)
    ):
        begin = origin + timedelta(minutes=start, seconds=draw(st.sampled_from([0, 0, 17])))
        taken.append(Taken(begin, begin + timedelta(minutes=length), reason))
    now = origin + timedelta(minutes=draw(minutes), seconds=draw(st.integers(0, 59)))
    days = [first + timedelta(days=offset) for offset in range(3)]
    return zone, days, draw(venue_rules()), taken, now


def _blocked(slot, buffer):
    return (slot.start, slot.end) if slot.reason == "closed" else (slot.start - buffer, slot.end + buffer)


def _overlap(first, second):
    return max(first[0], second[0]) < min(first[1], second[1])


@settings(max_examples=300, deadline=None)
@given(scenario())
def test_free_time_is_open_unbusy_on_the_grid_long_enough_and_within_notice_and_horizon(case):
    zone, days, rules, taken, now = case

    answer = days_of(days, rules=rules, zone=zone, taken=taken, now=now)

    blocked = [_blocked(slot, rules.buffer) for slot in taken]
    for day in answer:
        opening = _merge(day.open)
        for free in day.free:
            assert not any(_overlap(free, (busy.start, busy.end)) for busy in day.busy)
            assert not any(_overlap(free, span) for span in blocked)
            assert any(low <= free[0] and free[1] <= high for low, high in opening)
            assert on_grid(free[0], zone, rules.slot_minutes) and on_grid(free[1], zone, rules.slot_minutes)
            assert free[1] - free[0] >= timedelta(minutes=rules.min_duration_minutes)
            assert free[0] >= now + timedelta(hours=rules.min_notice_hours)
            assert free[1] <= now + timedelta(days=rules.max_advance_days)
        for busy in day.busy:
            assert busy.start < busy.end


@settings(max_examples=100, deadline=None)
@given(scenario())
def test_every_booking_and_closure_shows_busy_on_the_days_it_touches(case):
    zone, days, rules, taken, now = case

    answer = days_of(days, rules=rules, zone=zone, taken=taken, now=now)

    for slot in taken:
        for day in answer:
            if _overlap((slot.start, slot.end), day_bounds(day.date, zone)):
                shown = [(busy.start, busy.end) for busy in day.busy if busy.reason == slot.reason]
                assert any(_overlap(span, (slot.start, slot.end)) for span in shown)


def test_free_time_skips_grid_points_the_spring_clock_change_removes():
    london = ZoneInfo("Europe/London")
    closure = Taken(datetime(2027, 3, 28, 0, tzinfo=UTC), datetime(2027, 3, 28, 0, 50, tzinfo=UTC), "closed")
    rules = VenueRules.of({**default_rules(), **_always_open(), "slot_minutes": 45, "buffer_minutes": 0})

    (day,) = days_of(
        [date(2027, 3, 28)], rules=rules, zone=london, taken=[closure], now=datetime(2027, 3, 1, tzinfo=UTC)
    )

    # 01:30 does not exist that night; the next grid point is 02:15 BST (01:15 UTC).
    assert day.free[0] == (datetime(2027, 3, 28, 1, 15, tzinfo=UTC), datetime(2027, 3, 29, 0, tzinfo=london))


def test_free_time_after_the_autumn_clock_change_starts_no_earlier_than_it_may():
    london = ZoneInfo("Europe/London")
    rules = VenueRules.of({**default_rules(), **_always_open(), "slot_minutes": 30, "buffer_minutes": 0})
    # Until 01:10 GMT, the second 01:10 of the night (local clocks went back from 02:00 BST to 01:00 GMT).
    closure = Taken(datetime(2027, 10, 30, 23, tzinfo=UTC), datetime(2027, 10, 31, 1, 10, tzinfo=UTC), "closed")

    (day,) = days_of(
        [date(2027, 10, 31)], rules=rules, zone=london, taken=[closure], now=datetime(2027, 10, 1, tzinfo=UTC)
    )

    assert day.free[0][0] == datetime(2027, 10, 31, 1, 30, tzinfo=UTC)


def _always_open():
    return {"opening_hours": {day: [["00:00", "24:00"]] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}}


@settings(max_examples=150, deadline=None)
@given(scenario())
def test_the_answer_is_written_exactly_as_drfs_declared_fields_write_it(case):
    zone, days, rules, taken, now = case
    answer = {"venue": 7, "timezone": zone.key, "days": days_of(days, rules=rules, zone=zone, taken=taken, now=now)}
    with timezone.override(zone):
        field_by_field = serializers.Serializer.to_representation(AvailabilityRangeSerializer(), answer)

    written = AvailabilityRangeSerializer(answer).data
    assert render_json(written) == JSONRenderer().render(written) == JSONRenderer().render(field_by_field)
