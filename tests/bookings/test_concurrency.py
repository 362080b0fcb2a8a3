"""Races on a real MySQL/MariaDB: many connections booking one slot at the same instant."""

from datetime import timedelta
from decimal import Decimal

import pytest
from model_bakery import baker

from bookings.models import Booking, BookingItem, IdempotencyKey
from bookings.services import ItemUnavailable, SlotUnavailable, create_booking
from tests.bookings.conftest import slot
from tests.concurrency import race

pytestmark = pytest.mark.mysql


def test_twenty_threads_one_slot_exactly_one_booking(requires_mysql, transactional_db, alice, bob, hall):
    start, end = slot(days=5)
    users = [alice, bob]

    outcomes = race(20, lambda n: create_booking(users[n % 2], hall, start, end, "event", f"Race {n}", []))

    winners = [outcome for outcome in outcomes if isinstance(outcome, Booking)]
    assert len(winners) == 1, outcomes
    assert all(isinstance(outcome, SlotUnavailable) for outcome in outcomes if outcome not in winners), outcomes
    assert Booking.objects.count() == 1


def test_concurrent_retries_with_one_key_make_one_booking(requires_mysql, transactional_db, alice, hall):
    start, end = slot(days=6)

    outcomes = race(10, lambda n: create_booking(alice, hall, start, end, "event", "Retry", [], idempotency_key="k-1"))

    assert {outcome.pk for outcome in outcomes if isinstance(outcome, Booking)} == {Booking.objects.get().pk}, outcomes
    assert IdempotencyKey.objects.count() == 1


def test_twenty_threads_on_two_slots_within_each_others_buffer_make_exactly_one_booking(
    requires_mysql, transactional_db, alice, bob, mandap
):
    first = slot(days=5, hour=10, hours=2)
    # Starts 30 minutes after the first ends: inside its 60-minute buffer.
    second = (first[1] + timedelta(minutes=30), first[1] + timedelta(hours=2, minutes=30))
    users, slots = [alice, bob], [first, second]

    outcomes = race(20, lambda n: create_booking(users[n % 2], mandap, *slots[n % 2], "event", f"Race {n}", []))

    winners = [outcome for outcome in outcomes if isinstance(outcome, Booking)]
    assert len(winners) == 1, outcomes
    assert all(isinstance(outcome, SlotUnavailable) for outcome in outcomes if outcome not in winners), outcomes
    assert Booking.objects.count() == 1


def test_bookings_at_twenty_venues_racing_for_the_last_units_of_an_item_make_exactly_one_booking(
    requires_mysql, transactional_db, alice, bob, hall
):
    lamps = baker.make("bookings.Item", name="Brass lamp", unit_price=Decimal("150.00"), stock=10)
    risers = baker.make("bookings.Item", name="Stage riser", unit_price=Decimal("900.00"), stock=10)
    venues = [
        hall,
        *(
            baker.make(
                "bookings.Venue", slug=f"hall-{n}", capacity=50, hourly_rate=100, rules=hall.rules, state_code="29"
            )
            for n in range(19)
        ),
    ]
    users = [alice, bob]
    # One venue each, the same hour: only the stock decides. The lines come in both orders, and the
    # item locks are taken in one order whatever the request's: no deadlock.
    lines = [
        [{"item": lamps, "quantity": 6}, {"item": risers, "quantity": 1}],
        [{"item": risers, "quantity": 1}, {"item": lamps, "quantity": 6}],
    ]
    start, end = slot(days=5)

    outcomes = race(
        20, lambda n: create_booking(users[n % 2], venues[n], start, end, "event", f"Race {n}", lines[n % 2])
    )

    winners = [outcome for outcome in outcomes if isinstance(outcome, Booking)]
    assert len(winners) == 1, outcomes
    assert all(isinstance(outcome, ItemUnavailable) for outcome in outcomes if outcome not in winners), outcomes
    assert sum(BookingItem.objects.filter(item=lamps).values_list("quantity", flat=True)) == 6
