"""Numbers under concurrent issuers, against a real MariaDB/MySQL (threads, one connection each)."""

import pytest

from invoices.models import Invoice
from invoices.services import get_or_issue_invoice
from tests.concurrency import race
from tests.invoices.conftest import create_booking

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_issuers_get_consecutive_unique_numbers(requires_mysql, alice, venue):
    bookings = [create_booking(alice, venue, days_ahead=10 + index) for index in range(12)]

    results = race(len(bookings), lambda index: get_or_issue_invoice(bookings[index]).number)

    assert not [result for result in results if isinstance(result, Exception)], results
    assert sorted(results) == [
        f"LB/{Invoice.objects.first().financial_year}/{sequence:06d}" for sequence in range(1, 13)
    ]


def test_concurrent_downloads_of_one_booking_issue_one_invoice(requires_mysql, alice, venue):
    booking = create_booking(alice, venue)

    results = race(8, lambda index: get_or_issue_invoice(booking).number)

    assert not [result for result in results if isinstance(result, Exception)], results
    assert len(set(results)) == 1
    assert Invoice.objects.filter(booking=booking).count() == 1
