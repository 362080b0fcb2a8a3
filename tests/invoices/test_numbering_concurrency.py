"""Numbers under concurrent issuers, against a real MariaDB/MySQL (threads, one connection each)."""

import pytest

from invoices.models import DocumentCounter, Invoice
from invoices.numbering import format_number
from invoices.services import get_or_issue_invoice
from tests.concurrency import race
from tests.invoices.conftest import KARNATAKA_GSTIN, MAHARASHTRA_GSTIN, create_booking

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_issuers_get_consecutive_unique_numbers(requires_mysql, alice, venue):
    bookings = [create_booking(alice, venue, days_ahead=10 + index) for index in range(12)]

    results = race(len(bookings), lambda index: get_or_issue_invoice(bookings[index]).number)

    assert not [result for result in results if isinstance(result, Exception)], results
    year = Invoice.objects.first().financial_year
    assert sorted(results) == [format_number("LB", year, sequence) for sequence in range(1, 13)]


def test_twenty_issuers_for_two_registrations_number_each_series_gap_free(requires_mysql, alice, venue, mumbai_venue):
    bookings = [create_booking(alice, (venue, mumbai_venue)[index % 2], days_ahead=10 + index) for index in range(20)]

    results = race(len(bookings), lambda index: get_or_issue_invoice(bookings[index]))

    assert not [result for result in results if isinstance(result, Exception)], results
    for gstin in (KARNATAKA_GSTIN, MAHARASHTRA_GSTIN):
        issued = sorted((invoice for invoice in results if invoice.seller_gstin == gstin), key=lambda i: i.sequence)
        assert [invoice.sequence for invoice in issued] == list(range(1, 11))
        # Numbers and issue times rise together within a series, even under the race.
        assert [invoice.issued_at for invoice in issued] == sorted(invoice.issued_at for invoice in issued)
    assert DocumentCounter.objects.filter(series="LB").count() == 2


def test_concurrent_downloads_of_one_booking_issue_one_invoice(requires_mysql, alice, venue):
    booking = create_booking(alice, venue)

    results = race(8, lambda index: get_or_issue_invoice(booking).number)

    assert not [result for result in results if isinstance(result, Exception)], results
    assert len(set(results)) == 1
    assert Invoice.objects.filter(booking=booking).count() == 1
