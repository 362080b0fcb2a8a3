"""A venue's rules through the API: each broken rule answers its DESIGN code, in DESIGN's order,
and a conflict (buffers counted both ways, item stock) is a 409 that shows no other customer's data."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from model_bakery import baker

from bookings.models import Booking, BookingItem, Closure
from bookings.rules import WEEKDAYS, RuleViolation, default_rules
from bookings.services import cancel_booking, create_booking
from tests.conftest import pay

pytestmark = pytest.mark.django_db

IST = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=IST)  # a Wednesday
TOMORROW = NOW.date() + timedelta(days=1)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def at(hour, minute=0, day=TOMORROW):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=IST)


def payload(venue, start, end, **fields):
    return {
        "venue": venue.pk, "start_datetime": start.isoformat(), "end_datetime": end.isoformat(), "kind": "event",
        "title": "Sangeet", "items": [], **fields,
    }  # fmt: skip


def post(client, venue, start, end, **fields):
    return client.post("/api/bookings/", payload(venue, start, end, **fields), format="json")


def assert_refused(response, code):
    assert response.status_code == 400, response.json()
    assert response.json()["code"] == code, response.json()
    assert response.json()["detail"]
    assert not Booking.objects.filter(title="Sangeet").exists()


@pytest.mark.parametrize(
    "start, end, code",
    [
        (at(10, 15), at(12), "off_grid"),
        (at(10), at(12, 10), "off_grid"),
        (at(10), at(10, 30), "too_short"),
        (at(6), at(22, 30), "too_long"),
        (NOW + timedelta(hours=1), NOW + timedelta(hours=3), "too_soon"),
        (NOW - timedelta(hours=1), NOW + timedelta(hours=2), "too_soon"),
        (at(10, day=NOW.date() + timedelta(days=366)), at(12, day=NOW.date() + timedelta(days=366)), "too_far_ahead"),
        (at(5, 30), at(7), "outside_opening_hours"),
        (at(22), at(23, 30), "outside_opening_hours"),
    ],
    ids=[
        "start-off-grid", "end-off-grid", "shorter-than-an-hour", "longer-than-16-hours", "within-2-hours",
        "in-the-past", "past-the-horizon", "before-opening", "after-closing",
    ],
)  # fmt: skip
def test_a_booking_that_breaks_a_default_rule_is_400_with_its_code(alice_client, mandap, start, end, code):
    assert_refused(post(alice_client, mandap, start, end), code)


def test_the_first_broken_rule_in_designs_order_is_the_one_answered(alice_client, mandap):
    # Off the grid, too short, too soon and outside the opening hours at once: off_grid comes first.
    start = NOW + timedelta(minutes=5)

    assert_refused(post(alice_client, mandap, start, start + timedelta(minutes=10)), "off_grid")


def test_a_booking_within_the_rules_is_201_with_its_guests(alice_client, mandap):
    response = post(alice_client, mandap, at(6), at(22), guests=250)

    assert response.status_code == 201, response.json()
    assert response.json()["guests"] == 250


def test_guests_default_to_one_and_must_be_at_least_one(alice_client, mandap):
    made = post(alice_client, mandap, at(10), at(12))
    assert made.status_code == 201 and made.json()["guests"] == 1

    refused = post(alice_client, mandap, at(16), at(18), guests=0)
    assert refused.status_code == 400 and "guests" in refused.json()


def test_more_guests_than_the_venue_seats_is_over_capacity(alice_client, mandap):
    assert_refused(post(alice_client, mandap, at(10), at(12), guests=301), "over_capacity")


def test_a_booking_over_a_closure_is_venue_closed(alice_client, mandap):
    baker.make(Closure, venue=mandap, start=at(11), end=at(11, 30), reason="Deep cleaning")

    assert_refused(post(alice_client, mandap, at(10), at(12)), "venue_closed")
    assert post(alice_client, mandap, at(12), at(14)).status_code == 201  # a closure has no buffer


def test_a_day_open_until_midnight_continues_into_a_next_day_open_from_midnight(alice_client, mandap):
    rules = default_rules()
    rules["opening_hours"] = {day: [["00:00", "02:00"], ["18:00", "24:00"]] for day in WEEKDAYS}
    mandap.rules = rules
    mandap.save()

    day_after = TOMORROW + timedelta(days=1)

    assert post(alice_client, mandap, at(20), at(1, 30, day=day_after), title="Mehndi night").status_code == 201
    later = at(20, day=day_after)
    assert_refused(post(alice_client, mandap, later, later + timedelta(hours=6, minutes=30)), "outside_opening_hours")


def test_a_venue_in_another_time_zone_keeps_its_grid_and_hours_in_its_own_local_time(alice_client, mandap):
    mandap.timezone = "Asia/Kathmandu"  # +05:45: 06:00 there is 05:45 in India
    mandap.save()
    kathmandu = ZoneInfo("Asia/Kathmandu")
    start = datetime(TOMORROW.year, TOMORROW.month, TOMORROW.day, 6, 0, tzinfo=kathmandu)

    assert post(alice_client, mandap, start, start + timedelta(hours=2), title="Dawn puja").status_code == 201
    assert_refused(post(alice_client, mandap, at(12), at(14)), "off_grid")  # 12:15 in Kathmandu


def hold(user, venue, start, expires_in):
    return baker.make(
        Booking, user=user, venue=venue, status=Booking.Status.PENDING, title="Held", start_datetime=start,
        end_datetime=start + timedelta(hours=1), hold_expires_at=NOW + expires_in,
    )  # fmt: skip


def test_a_sixth_live_hold_is_too_many_holds_and_lapsed_holds_do_not_count(alice_client, alice, hall, mandap):
    for day in range(5):
        hold(alice, hall, at(10, day=TOMORROW + timedelta(days=day)), timedelta(minutes=10))

    assert_refused(post(alice_client, mandap, at(10), at(12)), "too_many_holds")

    Booking.objects.filter(status="pending").update(hold_expires_at=NOW)
    assert post(alice_client, mandap, at(10), at(12)).status_code == 201


@pytest.mark.parametrize(
    "start, end",
    [(at(13, 30), at(15)), (at(7), at(9, 30)), (at(9, 30), at(13, 30))],
    ids=["starts-within-the-buffer-after", "ends-within-the-buffer-before", "over-it"],
)
def test_a_booking_within_the_buffer_of_another_is_409_listing_its_own_times(alice, bob_client, mandap, start, end):
    create_booking(alice, mandap, at(10), at(13), "event", "Alice's reception", [])

    response = post(bob_client, mandap, start, end)

    assert response.status_code == 409
    assert response.json() == {
        "detail": response.json()["detail"],
        "code": "slot_unavailable",
        "conflicts": [{"start": at(10).isoformat(), "end": at(13).isoformat()}],
    }
    assert "Alice" not in str(response.json())


def test_a_booking_a_whole_buffer_away_on_either_side_is_free(alice, bob_client, mandap):
    create_booking(alice, mandap, at(10), at(13), "event", "Reception", [])

    assert post(bob_client, mandap, at(14), at(16)).status_code == 201
    assert post(bob_client, mandap, at(7), at(9)).status_code == 201


def test_a_lapsed_hold_never_blocks_and_a_live_one_does(alice, bob_client, mandap):
    lapsed = hold(alice, mandap, at(10), timedelta(0))

    assert post(bob_client, mandap, at(10), at(12)).status_code == 201

    hold(alice, mandap, at(16), timedelta(minutes=5))
    assert post(bob_client, mandap, at(16), at(18)).status_code == 409
    assert Booking.objects.get(pk=lapsed.pk).status == "pending"


@pytest.fixture
def chairs_in_stock(db):
    return baker.make("bookings.Item", name="Banquet chair", unit_price=Decimal("40.00"), stock=500)


def chairs(item, quantity):
    return {"items": [{"item": item.pk, "quantity": quantity}]}


def test_an_item_booked_out_over_overlapping_bookings_is_409_with_what_is_left(
    alice, bob_client, hall, studio, chairs_in_stock
):
    create_booking(alice, studio, at(10), at(14), "event", "Recital", [{"item": chairs_in_stock, "quantity": 300}])

    response = post(bob_client, hall, at(12), at(16), **chairs(chairs_in_stock, 201))

    assert response.status_code == 409
    assert response.json() == {
        "detail": response.json()["detail"],
        "code": "item_unavailable",
        "item": chairs_in_stock.pk,
        "available": 200,
    }
    assert post(bob_client, hall, at(12), at(16), **chairs(chairs_in_stock, 200)).status_code == 201


def test_item_stock_is_shared_only_in_time_and_freed_by_a_cancellation(
    alice, charlie, bob_client, hall, studio, chairs_in_stock
):
    recital = create_booking(
        alice, studio, at(10), at(14), "event", "Recital", [{"item": chairs_in_stock, "quantity": 500}]
    )

    assert post(bob_client, hall, at(14), at(16), **chairs(chairs_in_stock, 500)).status_code == 201
    assert post(bob_client, hall, at(8), at(10), **chairs(chairs_in_stock, 500)).status_code == 201
    assert post(bob_client, hall, at(11), at(12), **chairs(chairs_in_stock, 1)).status_code == 409
    cancel_booking(recital, by_user=charlie)
    assert post(bob_client, hall, at(11), at(12), **chairs(chairs_in_stock, 500)).status_code == 201


def test_an_item_without_stock_is_unlimited(alice, bob_client, hall, studio):
    unlimited = baker.make("bookings.Item", name="Flower garland", unit_price=Decimal("100.00"), stock=None)
    create_booking(alice, studio, at(10), at(14), "event", "Recital", [{"item": unlimited, "quantity": 10_000}])

    assert post(bob_client, hall, at(10), at(14), **chairs(unlimited, 10_000)).status_code == 201
    assert BookingItem.objects.filter(item=unlimited).count() == 2


def test_override_rules_skips_notice_horizon_and_opening_hours_only(charlie, mandap):
    now_soon = NOW + timedelta(minutes=30)
    made = create_booking(
        charlie, mandap, now_soon, at(0, 30, day=NOW.date()) + timedelta(days=1), "event", "Walk-in", [],
        override_rules=True,
    )  # fmt: skip
    assert made.pk
    far = at(2, day=NOW.date() + timedelta(days=400))
    assert create_booking(charlie, mandap, far, far + timedelta(hours=2), "event", "Far", [], override_rules=True).pk

    for start, end, code in [
        (at(10, 15), at(12), "off_grid"),
        (at(10), at(10, 30), "too_short"),
        (NOW - timedelta(hours=1), NOW + timedelta(hours=1), "too_soon"),
    ]:
        with pytest.raises(RuleViolation) as refused:
            create_booking(charlie, mandap, start, end, "event", "Walk-in", [], override_rules=True)
        assert refused.value.detail["code"] == code


def test_a_customer_cancelling_is_refunded_by_the_venues_own_policy(alice, alice_client, mandap):
    rules = default_rules()
    rules["cancellation_policy"] = [
        {"hours_before": 24, "refund_percent": 80},
        {"hours_before": 0, "refund_percent": 10},
    ]
    mandap.rules = rules
    mandap.save()
    day_after = TOMORROW + timedelta(days=1)
    early = create_booking(alice, mandap, at(10, day=day_after), at(12, day=day_after), "event", "Early", [])
    late = create_booking(alice, mandap, at(8), at(10), "event", "Late", [])  # 22 hours ahead
    pay(early, early.total)
    pay(late, late.total)

    early_refunds = alice_client.post(f"/api/bookings/{early.pk}/cancel/", {}, format="json").json()["refunds"]
    late_refunds = alice_client.post(f"/api/bookings/{late.pk}/cancel/", {}, format="json").json()["refunds"]
    assert [(refund["percent"], refund["amount"]) for refund in early_refunds] == [(80, str(early.total * 8 / 10))]
    assert [(refund["percent"], refund["amount"]) for refund in late_refunds] == [(10, str(late.total / 10))]
