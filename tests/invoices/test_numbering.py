from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
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
