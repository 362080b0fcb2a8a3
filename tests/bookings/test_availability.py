"""GET /api/venues/{id}/availability?from=&to=: open, busy and free time per local day."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from model_bakery import baker

from bookings.models import Booking, Closure
from bookings.rules import merge_rules

pytestmark = pytest.mark.django_db


IST = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=IST)  # a Wednesday
DAY = date(2026, 12, 12)  # a Saturday, ten days on


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def at(day, hour, minute=0, zone=IST):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def iso(day, hour, minute=0):
    return at(day, hour, minute).isoformat()


def booking(user, venue, start, end, status="confirmed", **fields):
    return baker.make(Booking, user=user, venue=venue, start_datetime=start, end_datetime=end, status=status, **fields)


def availability(client, venue, first, last=None):
    last = last or first
    return client.get(f"/api/venues/{venue.pk}/availability?from={first.isoformat()}&to={last.isoformat()}")


def one_day(client, venue, day=DAY):
    response = availability(client, venue, day)
    assert response.status_code == 200, response.json()
    (answer,) = response.json()["days"]
    return answer


def test_a_day_shows_its_opening_hours_its_bookings_with_buffers_its_closures_and_what_is_free(
    anon_client, alice, rules_hall
):
    booking(alice, rules_hall, at(DAY, 10), at(DAY, 12))
    baker.make(Closure, venue=rules_hall, start=at(DAY, 15), end=at(DAY, 16), reason="Pest control")

    response = availability(anon_client, rules_hall, DAY)

    assert response.status_code == 200
    assert response.json() == {
        "venue": rules_hall.pk,
        "timezone": "Asia/Kolkata",
        "days": [
            {
                "date": "2026-12-12",
                "open": [[iso(DAY, 6), iso(DAY, 23)]],
                "busy": [
                    {"start": iso(DAY, 9), "end": iso(DAY, 10), "reason": "buffer"},
                    {"start": iso(DAY, 10), "end": iso(DAY, 12), "reason": "booked"},
                    {"start": iso(DAY, 12), "end": iso(DAY, 13), "reason": "buffer"},
                    {"start": iso(DAY, 15), "end": iso(DAY, 16), "reason": "closed"},
                ],
                "free": [[iso(DAY, 6), iso(DAY, 9)], [iso(DAY, 13), iso(DAY, 15)], [iso(DAY, 16), iso(DAY, 23)]],
            }
        ],
    }


def test_from_and_to_are_both_included(anon_client, rules_hall):
    days = availability(anon_client, rules_hall, DAY, DAY + timedelta(days=2)).json()["days"]

    assert [day["date"] for day in days] == ["2026-12-12", "2026-12-13", "2026-12-14"]


def test_a_live_hold_is_held_and_a_lapsed_hold_or_a_cancelled_booking_is_free(anon_client, alice, bob, rules_hall):
    booking(alice, rules_hall, at(DAY, 8), at(DAY, 9), status="pending", hold_expires_at=NOW + timedelta(minutes=15))
    booking(bob, rules_hall, at(DAY, 14), at(DAY, 15), status="pending", hold_expires_at=NOW - timedelta(minutes=1))
    booking(bob, rules_hall, at(DAY, 18), at(DAY, 19), status="cancelled")

    day = one_day(anon_client, rules_hall)

    assert [(entry["start"], entry["reason"]) for entry in day["busy"] if entry["reason"] != "buffer"] == [
        (iso(DAY, 8), "held")
    ]
    assert day["free"] == [[iso(DAY, 6), iso(DAY, 7)], [iso(DAY, 10), iso(DAY, 23)]]


def test_a_buffer_reaching_over_midnight_is_clipped_to_each_day(anon_client, alice, rules_hall):
    rules_hall.rules = merge_rules(
        rules_hall.rules, {"opening_hours": {"sat": [["00:00", "24:00"]], "sun": [["00:00", "24:00"]]}}
    )
    rules_hall.save()
    booking(alice, rules_hall, at(DAY, 21), at(DAY, 23, 30))

    saturday, sunday = availability(anon_client, rules_hall, DAY, DAY + timedelta(days=1)).json()["days"]

    assert saturday["busy"][-1] == {
        "start": iso(DAY, 23, 30),
        "end": iso(DAY + timedelta(days=1), 0),
        "reason": "buffer",
    }
    assert sunday["busy"] == [
        {"start": iso(DAY + timedelta(days=1), 0), "end": iso(DAY + timedelta(days=1), 0, 30), "reason": "buffer"}
    ]
    assert saturday["open"] == [[iso(DAY, 0), iso(DAY + timedelta(days=1), 0)]]
    assert sunday["free"][0][0] == iso(DAY + timedelta(days=1), 0, 30)


def test_a_gap_shorter_than_the_shortest_booking_is_not_free(anon_client, alice, bob, rules_hall):
    booking(alice, rules_hall, at(DAY, 8), at(DAY, 10))
    booking(bob, rules_hall, at(DAY, 11, 30), at(DAY, 13))  # 10:00-11:30 minus two hours of buffer leaves nothing

    day = one_day(anon_client, rules_hall)

    assert day["free"] == [[iso(DAY, 6), iso(DAY, 7)], [iso(DAY, 14), iso(DAY, 23)]]


def test_nothing_is_free_before_the_notice_period_and_free_time_starts_on_the_grid(anon_client, rules_hall):
    with time_machine.travel(at(NOW.date(), 9, 10), tick=False):
        day = one_day(anon_client, rules_hall, NOW.date())

    assert day["free"] == [[iso(NOW.date(), 11, 30), iso(NOW.date(), 23)]]  # 09:10 + 2 h, up to the half hour


def test_nothing_is_free_past_the_advance_horizon(anon_client, rules_hall):
    rules_hall.rules = merge_rules(rules_hall.rules, {"max_advance_days": 10})
    rules_hall.save()

    last, past = one_day(anon_client, rules_hall, DAY), one_day(anon_client, rules_hall, DAY + timedelta(days=1))

    assert last["free"] == [[iso(DAY, 6), iso(DAY, 9)]]  # now + 10 days is 09:00 on that day
    assert past["free"] == [] and past["open"] == [[iso(DAY + timedelta(days=1), 6), iso(DAY + timedelta(days=1), 23)]]


def test_a_closed_weekday_has_no_opening_and_nothing_free(anon_client, rules_hall):
    rules_hall.rules = merge_rules(rules_hall.rules, {"opening_hours": {"sat": []}})
    rules_hall.save()

    day = one_day(anon_client, rules_hall)

    assert day["open"] == [] and day["free"] == []


def test_times_are_written_in_the_venues_time_zone_with_its_offset(anon_client, alice, rules_hall):
    london = ZoneInfo("Europe/London")
    rules_hall.timezone = "Europe/London"
    rules_hall.save()
    booking(alice, rules_hall, at(DAY, 10, zone=london), at(DAY, 12, zone=london))

    day = one_day(anon_client, rules_hall)

    assert day["open"] == [["2026-12-12T06:00:00Z", "2026-12-12T23:00:00Z"]]
    assert {"start": "2026-12-12T10:00:00Z", "end": "2026-12-12T12:00:00Z", "reason": "booked"} in day["busy"]


def test_a_day_when_the_clocks_change_keeps_its_local_grid(anon_client, rules_hall):
    rules_hall.timezone = "Europe/London"
    rules_hall.rules = merge_rules(
        rules_hall.rules, {"opening_hours": {"sun": [["00:00", "24:00"]]}, "buffer_minutes": 0}
    )
    rules_hall.save()
    spring_forward = date(2027, 3, 28)  # 01:00 GMT becomes 02:00 BST

    (day,) = availability(anon_client, rules_hall, spring_forward).json()["days"]

    assert day["open"] == [["2027-03-28T00:00:00Z", "2027-03-29T00:00:00+01:00"]]
    assert day["free"] == day["open"]


@pytest.mark.parametrize(
    "query, code",
    [
        ("from=2026-12-12&to=2026-12-11", "invalid_date_range"),
        ("from=2026-12-01&to=2027-02-01", "invalid_date_range"),  # 63 days
        ("from=2025-11-30&to=2025-12-01", "date_out_of_range"),
        ("from=2029-12-01&to=2029-12-03", "date_out_of_range"),
        ("from=0001-01-01&to=9999-12-31", "invalid_date_range"),
        ("from=9999-12-31", "date_out_of_range"),
    ],
)
def test_a_range_availability_does_not_answer_is_400_with_a_code(anon_client, rules_hall, query, code):
    response = anon_client.get(f"/api/venues/{rules_hall.pk}/availability?{query}")

    assert response.status_code == 400
    assert response.json()["code"] == code and response.json()["detail"]


def test_sixty_two_days_is_the_longest_range(anon_client, rules_hall):
    response = anon_client.get(f"/api/venues/{rules_hall.pk}/availability?from=2026-12-01&to=2027-01-31")

    assert response.status_code == 200 and len(response.json()["days"]) == 62


@pytest.mark.parametrize(
    "query, field",
    [("to=2026-12-12", "from"), ("date=2026-12-12&from=2026-12-12", "date"), ("from=12-12-2026", "from"), ("", "date")],
)
def test_a_malformed_query_is_400_naming_the_field(anon_client, rules_hall, query, field):
    response = anon_client.get(f"/api/venues/{rules_hall.pk}/availability?{query}")

    assert response.status_code == 400 and field in response.json()


def test_the_part_1_form_leaves_out_lapsed_holds(anon_client, alice, bob, rules_hall):
    live = booking(
        alice, rules_hall, at(DAY, 8), at(DAY, 9), status="pending", hold_expires_at=NOW + timedelta(minutes=5)
    )
    booking(bob, rules_hall, at(DAY, 14), at(DAY, 15), status="pending", hold_expires_at=NOW)

    response = anon_client.get(f"/api/venues/{rules_hall.pk}/availability?date={DAY.isoformat()}")

    assert response.json() == {
        "venue": rules_hall.pk,
        "date": "2026-12-12",
        "busy": [{"start_datetime": live.start_datetime.isoformat(), "end_datetime": iso(DAY, 9)}],
    }


@pytest.mark.parametrize("days", [1, 62])
def test_availability_costs_three_queries_whatever_the_range(
    anon_client, alice, rules_hall, days, django_assert_num_queries
):
    for offset in range(62):
        booking(alice, rules_hall, at(DAY + timedelta(days=offset), 10), at(DAY + timedelta(days=offset), 12))
        baker.make(
            Closure,
            venue=rules_hall,
            start=at(DAY + timedelta(days=offset), 20),
            end=at(DAY + timedelta(days=offset), 21),
        )

    with django_assert_num_queries(3):  # the venue, its bookings, its closures
        response = availability(anon_client, rules_hall, DAY, DAY + timedelta(days=days - 1))

    assert response.status_code == 200 and len(response.json()["days"]) == days


def test_a_booking_as_long_as_any_rules_allow_is_busy_on_the_last_day_it_reaches(anon_client, alice, hall):
    hall.rules = merge_rules(hall.rules, {"max_duration_minutes": 3 * 24 * 60})
    hall.save()
    start = at(DAY, 10) - timedelta(days=3) + timedelta(minutes=30)
    booking(alice, hall, start, start + timedelta(days=3))  # the longest booking any venue may take

    busy = one_day(anon_client, hall)["busy"]

    assert busy == [{"start": iso(DAY, 0), "end": iso(DAY, 10, 30), "reason": "booked"}]


def test_bookings_are_read_to_the_microsecond_as_stored(alice, hall):
    from bookings.availability import taken_by_venue

    start = datetime(2026, 12, 12, 4, 30, 0, 250, tzinfo=UTC)
    held = booking(alice, hall, start, start + timedelta(hours=2, microseconds=999_999), status="pending",
                   hold_expires_at=datetime(2026, 12, 2, 3, 40, 59, 123456, tzinfo=UTC))  # fmt: skip
    booked = booking(alice, hall, at(DAY, 16), at(DAY, 18))

    taken = taken_by_venue([hall.pk], at(DAY, 0), at(DAY + timedelta(days=1), 0), now=NOW)[hall.pk]

    assert sorted(taken) == sorted(
        [
            (held.start_datetime, held.end_datetime, "held", held.hold_expires_at),
            (booked.start_datetime, booked.end_datetime, "booked", None),
        ]
    )
