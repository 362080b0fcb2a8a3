"""Races on a real MySQL/MariaDB: many connections booking one slot at the same instant."""

import pytest

from bookings.models import Booking, IdempotencyKey
from bookings.services import SlotUnavailable, create_booking
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
