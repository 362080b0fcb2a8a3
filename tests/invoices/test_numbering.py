from datetime import UTC, date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from invoices.models import DocumentCounter, Invoice
from invoices.numbering import (
    CREDIT_NOTE,
    MAX_NUMBER_LENGTH,
    RECEIPT_VOUCHER,
    REFUND_VOUCHER,
    SERIES,
    TAX_INVOICE,
    ensure_counter,
    financial_year,
    format_number,
    parse_number,
    take_number,
)
from invoices.services import get_or_issue_invoice
from tests.invoices.conftest import KARNATAKA_GSTIN, MAHARASHTRA_GSTIN, create_booking

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


@pytest.mark.parametrize("series", SERIES)
def test_every_series_numbers_in_15_characters(series):
    number = format_number(series, "2026-27", 1)

    assert number == f"{series}/26-27/000001"
    assert len(number) == 15


def test_the_formatter_refuses_what_gst_rule_46_or_the_series_list_does_not_allow():
    assert len(format_number(TAX_INVOICE, "2026-27", 9_999_999)) == MAX_NUMBER_LENGTH
    with pytest.raises(ValueError, match="longer than GST Rule 46"):
        format_number(TAX_INVOICE, "2026-27", 10_000_000)
    with pytest.raises(ValueError, match="Unknown document series"):
        format_number("LB-CN", "2026-27", 1)
    with pytest.raises(ValueError, match="starts at 1"):
        format_number(TAX_INVOICE, "2026-27", 0)


@given(
    series=st.sampled_from(SERIES),
    start=st.integers(min_value=2000, max_value=2098),
    sequence=st.integers(min_value=1, max_value=9_999_999),
)
def test_a_formatted_number_parses_back_to_its_parts(series, start, sequence):
    year = f"{start}-{(start + 1) % 100:02d}"

    number = format_number(series, year, sequence)

    assert len(number) <= MAX_NUMBER_LENGTH
    assert parse_number(number) == (series, year, sequence)


@given(st.text(max_size=20))
def test_the_parser_accepts_only_what_the_formatter_writes(text):
    try:
        series, year, sequence = parse_number(text)
    except ValueError:
        return
    assert format_number(series, year, sequence) == text


@pytest.mark.parametrize(
    "number",
    [
        "LB/2026-27/000001",
        "LB-CN/2026-27/000001",
        "LB/26-28/000001",
        "XX/26-27/000001",
        "LB/26-27/000000",
        "LB/26-27/1",
    ],
)
def test_the_parser_refuses_old_formats_and_impossible_numbers(number):
    with pytest.raises(ValueError, match="is not a document number"):
        parse_number(number)


def test_numbers_count_up_per_series_and_restart_each_financial_year(alice, venue):
    issued = []
    for moment in [
        datetime(2027, 3, 31, 23, 59, tzinfo=IST),
        datetime(2027, 3, 31, 23, 59, 30, tzinfo=IST),
        datetime(2027, 4, 1, 0, 0, tzinfo=IST),
    ]:
        with mock.patch("django.utils.timezone.now", return_value=moment):
            issued.append(get_or_issue_invoice(create_booking(alice, venue)).number)

    assert issued == ["LB/26-27/000001", "LB/26-27/000002", "LB/27-28/000001"]


def test_the_boundary_is_midnight_in_india_not_utc(alice, venue):
    # 1 April 00:30 IST is still 31 March in UTC.
    with mock.patch("django.utils.timezone.now", return_value=datetime(2027, 4, 1, 0, 30, tzinfo=IST)):
        invoice = get_or_issue_invoice(create_booking(alice, venue))

    assert invoice.number == "LB/27-28/000001"
    assert invoice.financial_year == "2027-28"
    assert invoice.download_filename == "LB-27-28-000001.pdf"


def take(series, gstin=KARNATAKA_GSTIN):
    with transaction.atomic():
        return take_number(series, gstin)[1:]


@time_machine.travel(datetime(2026, 5, 1, 12, 0, tzinfo=IST), tick=False)
def test_each_series_counts_on_its_own(db):
    assert take(TAX_INVOICE) == ("2026-27", 1, "LB/26-27/000001")
    assert take(CREDIT_NOTE) == ("2026-27", 1, "CN/26-27/000001")
    assert take(RECEIPT_VOUCHER) == ("2026-27", 1, "RV/26-27/000001")
    assert take(REFUND_VOUCHER) == ("2026-27", 1, "RF/26-27/000001")
    assert take(TAX_INVOICE)[2] == "LB/26-27/000002"


@time_machine.travel(datetime(2026, 5, 1, 12, 0, tzinfo=IST), tick=False)
def test_each_registration_has_its_own_series(db):
    for gstin in (KARNATAKA_GSTIN, MAHARASHTRA_GSTIN):
        ensure_counter(TAX_INVOICE, gstin, date(2026, 5, 1))

    assert take(TAX_INVOICE, KARNATAKA_GSTIN)[2] == "LB/26-27/000001"
    assert take(TAX_INVOICE, MAHARASHTRA_GSTIN)[2] == "LB/26-27/000001"
    assert take(TAX_INVOICE, MAHARASHTRA_GSTIN)[2] == "LB/26-27/000002"
    assert take(TAX_INVOICE, KARNATAKA_GSTIN)[2] == "LB/26-27/000002"
    assert set(DocumentCounter.objects.values_list("seller_gstin", "series", "last_sequence")) == {
        (KARNATAKA_GSTIN, TAX_INVOICE, 2),
        (MAHARASHTRA_GSTIN, TAX_INVOICE, 2),
    }


@pytest.mark.parametrize(
    "series, gstin", [("LB-CN", KARNATAKA_GSTIN), ("XX", KARNATAKA_GSTIN), ("LB", ""), ("LB", None)]
)
def test_an_unknown_series_or_a_missing_gstin_is_refused(db, series, gstin):
    with pytest.raises(ValueError), transaction.atomic():
        take_number(series, gstin)
    with pytest.raises(ValueError):
        ensure_counter(series, gstin, date(2026, 5, 1))
    assert not DocumentCounter.objects.exists()


def test_a_rolled_back_issue_leaves_no_gap(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        take_number(TAX_INVOICE, KARNATAKA_GSTIN)
        raise RuntimeError("the document insert failed")

    assert take(TAX_INVOICE)[1] == 1


@pytest.mark.django_db(transaction=True)
def test_taking_a_number_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside transaction.atomic"):
        take_number(TAX_INVOICE, KARNATAKA_GSTIN)
    assert not DocumentCounter.objects.exists()


def copy_of(document, **changes):
    fields = {field.attname: getattr(document, field.attname) for field in Invoice._meta.concrete_fields}
    del fields["id"]
    return Invoice(**{**fields, **changes})


def test_the_database_refuses_a_duplicate_sequence(alice_invoice):
    duplicate = copy_of(
        alice_invoice, number="LB/26-27/duplicate", kind=Invoice.Kind.CREDIT_NOTE, original_id=alice_invoice.pk
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_number_is_unique_per_registration_only(alice_invoice, alice, venue):
    other_booking = create_booking(alice, venue)
    same_number_other_gstin = copy_of(alice_invoice, booking_id=other_booking.pk, seller_gstin=MAHARASHTRA_GSTIN)
    same_number_same_gstin = copy_of(alice_invoice, booking_id=create_booking(alice, venue).pk, sequence=99)

    same_number_other_gstin.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        same_number_same_gstin.save()

    assert Invoice.objects.filter(number=alice_invoice.number).count() == 2


def test_a_backdated_invoice_takes_the_series_of_its_own_date_in_india(alice, venue):
    with time_machine.travel(datetime(2027, 4, 10, 12, 0, tzinfo=IST), tick=False):
        # 19:00 UTC on 31 March is already 1 April in India: the new year's series.
        april = get_or_issue_invoice(create_booking(alice, venue), issued_at=datetime(2027, 3, 31, 19, 0, tzinfo=UTC))
        march = get_or_issue_invoice(create_booking(alice, venue), issued_at=datetime(2027, 3, 31, 18, 0, tzinfo=UTC))

    assert (april.number, april.issued_at) == ("LB/27-28/000001", datetime(2027, 4, 1, 0, 30, tzinfo=IST))
    assert march.number == "LB/26-27/000001"


def test_a_document_is_never_numbered_before_one_issued_later_nor_dated_in_the_future(alice, venue):
    with time_machine.travel(datetime(2026, 12, 2, 10, 0, tzinfo=IST), tick=False):
        today = get_or_issue_invoice(create_booking(alice, venue))
        late = create_booking(alice, venue)

        with pytest.raises(ValueError, match="numbers must follow the order of issue"):
            get_or_issue_invoice(late, issued_at=today.issued_at - timedelta(minutes=1))
        with pytest.raises(ValueError, match="in the future"):
            get_or_issue_invoice(late, issued_at=today.issued_at + timedelta(minutes=1))

        assert get_or_issue_invoice(late).number == "LB/26-27/000002"  # no gap was left


def test_the_order_of_issue_holds_for_every_series_not_only_invoices(db):
    with time_machine.travel(datetime(2026, 12, 2, 10, 0, tzinfo=IST), tick=False):
        with transaction.atomic():
            issued_at = take_number(RECEIPT_VOUCHER, KARNATAKA_GSTIN)[0]
        with pytest.raises(ValueError, match="numbers must follow the order of issue"), transaction.atomic():
            take_number(RECEIPT_VOUCHER, KARNATAKA_GSTIN, issued_at - timedelta(seconds=1))
        with transaction.atomic():  # another registration's series has its own order
            backdated = take_number(RECEIPT_VOUCHER, MAHARASHTRA_GSTIN, issued_at - timedelta(days=1))

    assert backdated[3] == "RV/26-27/000001"
