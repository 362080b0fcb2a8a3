"""Numbers under concurrent issuers, against a real MariaDB/MySQL (threads, one connection each)."""

import threading

import pytest
from django.db import connection

from invoices.models import Invoice
from invoices.services import get_or_issue_invoice
from tests.invoices.conftest import create_booking

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(count, work):
    """Run work(index) in `count` threads released at once; return what each returned or raised."""
    results = [None] * count
    barrier = threading.Barrier(count)

    def run(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001 - the test inspects it
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_concurrent_issuers_get_consecutive_unique_numbers(requires_mysql, alice, venue):
    bookings = [create_booking(alice, venue, days_ahead=10 + index) for index in range(12)]

    results = run_together(len(bookings), lambda index: get_or_issue_invoice(bookings[index]).number)

    assert not [result for result in results if isinstance(result, Exception)], results
    assert sorted(results) == [f"LB/{Invoice.objects.first().financial_year}/{sequence:06d}" for sequence in range(1, 13)]


def test_concurrent_downloads_of_one_booking_issue_one_invoice(requires_mysql, alice, venue):
    booking = create_booking(alice, venue)

    results = run_together(8, lambda index: get_or_issue_invoice(booking).number)

    assert not [result for result in results if isinstance(result, Exception)], results
    assert len(set(results)) == 1
    assert Invoice.objects.filter(booking=booking).count() == 1
