from datetime import UTC, date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, transaction

from invoices.models import DocumentCounter, Invoice
from invoices.numbering import allocate_number, financial_year
from invoices.services import get_or_issue_invoice
from tests.invoices.conftest import create_booking

IST = ZoneInfo("Asia/Kolkata")


@pytest.mark.parametrize(
    "day, year",
    [
        (date(2026, 3, 31), "2025-26"),
        (date(2026, 4, 1), "2026-27"),
        (date(2026, 12, 31), "2026-27"),
        (date(2027, 1, 1), "2026-27"),
        (date(2027, 3, 31), "2026-27"),
        (date(2099, 4, 1), "2099-00"),
    ],
)
def test_financial_year_runs_april_to_march(day, year):
    assert financial_year(day) == year


def test_numbers_count_up_per_series_and_restart_each_financial_year(alice, venue):
    issued = []
    for moment in [
        datetime(2027, 3, 31, 23, 59, tzinfo=IST),
        datetime(2027, 3, 31, 23, 59, 30, tzinfo=IST),
        datetime(2027, 4, 1, 0, 0, tzinfo=IST),
    ]:
        with mock.patch("django.utils.timezone.now", return_value=moment):
            issued.append(get_or_issue_invoice(create_booking(alice, venue)).number)

    assert issued == ["LB/2026-27/000001", "LB/2026-27/000002", "LB/2027-28/000001"]


def test_the_boundary_is_midnight_in_india_not_utc(alice, venue):
    # 1 April 00:30 IST is still 31 March in UTC.
    with mock.patch("django.utils.timezone.now", return_value=datetime(2027, 4, 1, 0, 30, tzinfo=IST)):
        invoice = get_or_issue_invoice(create_booking(alice, venue))

    assert invoice.number == "LB/2027-28/000001"
    assert invoice.financial_year == "2027-28"


def test_credit_notes_have_their_own_series(db):
    with transaction.atomic():
        first_invoice = allocate_number("LB", date(2026, 5, 1))
        first_credit_note = allocate_number("LB-CN", date(2026, 5, 1))
        second_invoice = allocate_number("LB", date(2026, 5, 2))

    assert first_invoice == ("2026-27", 1, "LB/2026-27/000001")
    assert first_credit_note == ("2026-27", 1, "LB-CN/2026-27/000001")
    assert second_invoice[2] == "LB/2026-27/000002"


def test_a_rolled_back_issue_leaves_no_gap(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        allocate_number("LB", date(2026, 5, 1))
        raise RuntimeError("the document insert failed")

    with transaction.atomic():
        assert allocate_number("LB", date(2026, 5, 1))[2] == "LB/2026-27/000001"


@pytest.mark.django_db(transaction=True)
def test_allocation_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside transaction.atomic"):
        allocate_number("LB", date(2026, 5, 1))
    assert not DocumentCounter.objects.exists()


def test_the_database_refuses_a_duplicate_sequence(alice_invoice):
    duplicate = Invoice(
        **{
            field.attname: getattr(alice_invoice, field.attname)
            for field in Invoice._meta.concrete_fields
            if field.attname != "id"
        }
    )
    duplicate.number = "LB/2026-27/duplicate"
    duplicate.kind = Invoice.Kind.CREDIT_NOTE
    duplicate.original = alice_invoice

    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_backdated_invoice_takes_the_series_of_its_own_date_in_india(alice, venue):
    with time_machine.travel(datetime(2027, 4, 10, 12, 0, tzinfo=IST), tick=False):
        # 19:00 UTC on 31 March is already 1 April in India: the new year's series.
        april = get_or_issue_invoice(create_booking(alice, venue), issued_at=datetime(2027, 3, 31, 19, 0, tzinfo=UTC))
        march = get_or_issue_invoice(create_booking(alice, venue), issued_at=datetime(2027, 3, 31, 18, 0, tzinfo=UTC))

    assert (april.number, april.issued_at) == ("LB/2027-28/000001", datetime(2027, 4, 1, 0, 30, tzinfo=IST))
    assert march.number == "LB/2026-27/000001"


def test_a_document_is_never_numbered_before_one_issued_later_nor_dated_in_the_future(alice, venue):
    with time_machine.travel(datetime(2026, 12, 2, 10, 0, tzinfo=IST), tick=False):
        today = get_or_issue_invoice(create_booking(alice, venue))
        late = create_booking(alice, venue)

        with pytest.raises(ValueError, match="numbers must follow the order of issue"):
            get_or_issue_invoice(late, issued_at=today.issued_at - timedelta(minutes=1))
        with pytest.raises(ValueError, match="in the future"):
            get_or_issue_invoice(late, issued_at=today.issued_at + timedelta(minutes=1))

        assert get_or_issue_invoice(late).number == "LB/2026-27/000002"  # no gap was left
