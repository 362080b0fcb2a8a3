from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bookings.pricing import booking_lines, split_tax
from invoices.models import Invoice
from invoices.services import apportion, get_or_issue_credit_note, get_or_issue_invoice
from tests.conftest import make_user
from tests.invoices.conftest import KARNATAKA_GSTIN, MAHARASHTRA_GSTIN, create_booking, refund

paise = st.integers(min_value=-(10**9), max_value=10**9).map(lambda value: Decimal(value) / 100)


@given(tax=paise)
def test_cgst_and_sgst_halves_add_up_to_the_tax_exactly(tax):
    split = split_tax(tax, intra_state=True)

    assert split.cgst + split.sgst == tax
    assert abs(split.cgst - split.sgst) <= Decimal("0.01")
    assert split.igst == 0


def test_inter_state_tax_is_all_igst():
    split = split_tax(Decimal("0.05"), intra_state=False)
    assert (split.cgst, split.sgst, split.igst) == (Decimal("0.00"), Decimal("0.00"), Decimal("0.05"))


def test_an_odd_paisa_goes_to_cgst():
    split = split_tax(Decimal("0.05"), intra_state=True)
    assert (split.cgst, split.sgst) == (Decimal("0.03"), Decimal("0.02"))


@given(
    amount_paise=st.integers(min_value=0, max_value=10**10),
    weights=st.lists(
        st.integers(min_value=1, max_value=10**9).map(lambda value: Decimal(value) / 100), min_size=1, max_size=50
    ),
)
def test_apportioned_shares_sum_exactly_and_stay_within_a_paisa(amount_paise, weights):
    amount = Decimal(amount_paise) / 100
    shares = apportion(amount, weights)

    assert sum(shares) == amount
    total_weight = sum(weights)
    for share, weight in zip(shares, weights, strict=True):
        assert abs(share - amount * weight / total_weight) < Decimal("0.01")


def test_invoice_within_the_state_charges_cgst_and_sgst_per_line(alice, venue):
    booking = create_booking(alice, venue, lines=7)

    invoice = get_or_issue_invoice(booking)

    priced = booking_lines(booking)
    assert invoice.supply_type == "intra" and invoice.place_of_supply == "29"
    assert len(invoice.lines) == len(priced) == 7
    for line, expected in zip(invoice.lines, priced, strict=True):
        assert Decimal(line["taxable_value"]) == expected.taxable_value
        assert Decimal(line["cgst"]) + Decimal(line["sgst"]) == expected.tax
        assert Decimal(line["igst"]) == 0
        assert Decimal(line["total"]) == expected.total
    assert (invoice.subtotal, invoice.tax_total, invoice.total) == (booking.subtotal, booking.tax_total, booking.total)
    assert invoice.cgst_total + invoice.sgst_total == invoice.tax_total
    assert invoice.igst_total == 0


def test_a_buyer_from_another_state_is_charged_cgst_and_sgst_where_the_venue_is(bob, venue):
    booking = create_booking(bob, venue, lines=4)

    invoice = get_or_issue_invoice(booking)

    assert invoice.supply_type == "intra" and invoice.place_of_supply == "29"
    assert invoice.seller_gstin == invoice.seller["gstin"] == KARNATAKA_GSTIN
    assert invoice.buyer["state_code"] == "27"
    assert invoice.cgst_total + invoice.sgst_total == invoice.tax_total == booking.tax_total
    assert invoice.igst_total == 0


def test_a_venue_in_a_registered_state_is_invoiced_by_that_states_registration(alice, mumbai_venue):
    invoice = get_or_issue_invoice(create_booking(alice, mumbai_venue))

    assert (invoice.seller_gstin, invoice.seller["gstin"], invoice.seller["state_code"]) == (
        MAHARASHTRA_GSTIN, MAHARASHTRA_GSTIN, "27",
    )  # fmt: skip
    assert invoice.supply_type == "intra" and invoice.place_of_supply == "27"
    assert invoice.number.startswith("LB/") and invoice.number.endswith("/000001")


def test_a_venue_in_an_unregistered_state_is_invoiced_by_the_head_office_with_igst(alice, chennai_venue):
    booking = create_booking(alice, chennai_venue, lines=4)

    invoice = get_or_issue_invoice(booking)

    assert invoice.supply_type == "inter" and invoice.place_of_supply == "33"
    assert (invoice.seller_gstin, invoice.seller["state_code"]) == (KARNATAKA_GSTIN, "29")
    assert invoice.igst_total == invoice.tax_total == booking.tax_total
    assert invoice.cgst_total == invoice.sgst_total == 0
    assert invoice.total == booking.total


def test_a_buyer_without_a_state_is_taken_to_be_at_the_venue(db, mumbai_venue):
    buyer = make_user("nostate@example.com", full_name="No State")

    invoice = get_or_issue_invoice(create_booking(buyer, mumbai_venue))

    assert invoice.buyer["state_code"] == invoice.place_of_supply == "27"
    assert invoice.supply_type == "intra"


def test_registrations_each_number_their_own_invoices(alice, venue, mumbai_venue):
    numbers = [
        (invoice.seller_gstin, invoice.number[-6:])
        for invoice in (get_or_issue_invoice(create_booking(alice, place)) for place in (venue, mumbai_venue, venue))
    ]

    assert numbers == [(KARNATAKA_GSTIN, "000001"), (MAHARASHTRA_GSTIN, "000001"), (KARNATAKA_GSTIN, "000002")]


def test_a_credit_note_comes_from_the_registration_of_its_invoice(alice, mumbai_venue, settings):
    booking = create_booking(alice, mumbai_venue)
    invoice = get_or_issue_invoice(booking)
    refund(booking, percent=100)
    settings.SELLER_GSTINS = {"29": KARNATAKA_GSTIN}  # Maharashtra's registration surrendered since

    credit_note = get_or_issue_credit_note(booking)

    assert credit_note.seller_gstin == invoice.seller_gstin == MAHARASHTRA_GSTIN
    assert credit_note.number.startswith("CN/") and credit_note.number.endswith("/000001")
    assert credit_note.is_intra_state


@pytest.mark.parametrize("percent", [100, 50, 33, 0])
def test_a_cancellation_credits_the_invoice_in_full_and_invoices_the_money_kept(alice, venue, percent):
    booking = create_booking(alice, venue, lines=9)
    invoice = get_or_issue_invoice(booking)
    refunded = refund(booking, percent=percent)

    credit_note = get_or_issue_credit_note(booking)

    assert credit_note.original == invoice
    assert credit_note.number.startswith("CN/")
    assert credit_note.total == -invoice.total
    assert credit_note.subtotal + credit_note.tax_total == credit_note.total
    assert credit_note.cgst_total + credit_note.sgst_total == credit_note.tax_total
    assert credit_note.particulars["refund_amount"] == refunded.amount
    charges = Invoice.objects.filter(booking=booking, kind=Invoice.Kind.CANCELLATION_CHARGE)
    kept = booking.total - refunded.amount
    assert [charge.total for charge in charges] == ([kept] if kept else [])
    for charge in charges:
        (line,) = charge.lines
        assert Decimal(line["taxable_value"]) + Decimal(line["cgst"]) + Decimal(line["sgst"]) == kept
        assert charge.number.startswith("LB/") and charge.original == invoice


def test_a_full_refund_negates_every_line_exactly(bob, chennai_venue):
    booking = create_booking(bob, chennai_venue, lines=5)
    invoice = get_or_issue_invoice(booking)
    refund(booking, percent=100)

    credit_note = get_or_issue_credit_note(booking)

    for credited, original in zip(credit_note.lines, invoice.lines, strict=True):
        for field in ("taxable_value", "igst", "total"):
            assert Decimal(credited[field]) == -Decimal(original[field])
    assert credit_note.total == -invoice.total
