"""Races on a real MySQL/MariaDB: many connections booking one slot at the same instant."""

import threading

import pytest
from django.db import connection

from bookings.models import Booking, IdempotencyKey
from bookings.services import SlotUnavailable, create_booking
from tests.bookings.conftest import slot

pytestmark = pytest.mark.mysql


def race(count, attempt):
    """Run `attempt(n)` in `count` threads released together; returns what each returned or raised."""
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def run(number):
        try:
            barrier.wait()
            outcomes[number] = attempt(number)
        except Exception as error:  # noqa: BLE001 - the outcome is what the test looks at
            outcomes[number] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


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
