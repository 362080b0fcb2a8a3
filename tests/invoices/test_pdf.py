import io
import re

from pypdf import PdfReader

from invoices.pdf import format_inr, render_invoice_pdf
from invoices.services import get_or_issue_credit_note, get_or_issue_invoice
from invoices.words import rupees_in_words
from tests.invoices.conftest import KARNATAKA_GSTIN, MAHARASHTRA_GSTIN, create_booking, refund


def rendered_text(document):
    buffer = io.BytesIO()
    render_invoice_pdf(document, buffer)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    return [page.extract_text() for page in reader.pages]


def test_invoice_pdf_shows_number_parties_taxes_and_totals(alice_invoice):
    pages = rendered_text(alice_invoice)

    assert len(pages) == 1
    text = pages[0]
    assert "TAX INVOICE" in text
    assert alice_invoice.number in text
    assert KARNATAKA_GSTIN in text and "Alice Rao" in text and "29 - Karnataka" in text
    assert "Grand Hall" in text and f"Booking #{alice_invoice.booking_id}" in text
    assert "CGST" in text and "SGST" in text and "IGST" not in text
    for amount in (alice_invoice.subtotal, alice_invoice.cgst_total, alice_invoice.sgst_total, alice_invoice.total):
        assert format_inr(amount) in text
    assert " ".join(rupees_in_words(alice_invoice.total).split()) in " ".join(text.split())
    assert "Page 1 of 1" in text
    assert "Place of supply 29 - Karnataka" in text and "Reverse charge No" in text


def test_inter_state_invoice_shows_igst_only(bob, chennai_venue):
    invoice = get_or_issue_invoice(create_booking(bob, chennai_venue))

    text = rendered_text(invoice)[0]

    assert "IGST" in text and "CGST" not in text
    assert format_inr(invoice.igst_total) in text
    assert "Place of supply 33 - Tamil Nadu" in text
    assert KARNATAKA_GSTIN in text and "27 - Maharashtra" in text  # issuer and buyer states


def test_a_registration_prints_its_own_gstin_and_state(alice, mumbai_venue):
    text = rendered_text(get_or_issue_invoice(create_booking(alice, mumbai_venue)))[0]

    assert f"GSTIN: {MAHARASHTRA_GSTIN}" in text
    assert "State: 27 - Maharashtra" in text and "Place of supply 27 - Maharashtra" in text


def test_credit_note_refers_to_the_invoice_and_the_refund(alice_booking, alice_invoice):
    refunded = refund(alice_booking, percent=50)
    credit_note = get_or_issue_credit_note(alice_booking)

    text = rendered_text(credit_note)[0]

    assert "CREDIT NOTE" in text
    assert credit_note.number in text
    assert f"Against invoice {alice_invoice.number}" in text
    assert f"Refund: INR {format_inr(refunded.amount)} (50%" in text
    assert format_inr(credit_note.total) in text  # negative, e.g. -12,345.67


def test_two_thousand_lines_flow_over_numbered_pages_with_every_line_once(alice, venue):
    invoice = get_or_issue_invoice(create_booking(alice, venue, lines=2000, distinct_items=True))

    pages = rendered_text(invoice)

    # 51 single-height rows fit a full page after the header row, fewer on the first page; since
    # the SAC column, the longest descriptions ("Catering, vegetarian buffet per plate #1234") wrap.
    assert len(pages) == 44
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of 44" in text
        assert "Taxable value" in text  # the header row repeats on every page
    positions = [
        int(match)
        for text in pages
        for match in re.findall(r"^(\d+)\s+(?:Hire of|Banquet|Catering|Sound)", text, re.MULTILINE)
    ]
    assert positions == list(range(1, 2001))
    assert format_inr(invoice.total) in pages[-1]


def test_indian_digit_grouping():
    assert format_inr("1234567.5") == "12,34,567.50"
    assert format_inr("-100000") == "-1,00,000.00"
    assert format_inr("999") == "999.00"


def test_every_line_of_an_invoice_and_its_credit_note_shows_its_sac_code(alice, venue):
    booking = create_booking(alice, venue, lines=3)  # add-ons keep the items' default SAC code
    venue.sac_code = "997212"
    venue.save(update_fields=["sac_code"])
    invoice = get_or_issue_invoice(booking)
    refund(booking, percent=50)
    credit_note = get_or_issue_credit_note(booking)

    assert [line["sac_code"] for line in invoice.lines] == ["997212", "998596", "998596"]
    assert [line["sac_code"] for line in credit_note.lines] == ["997212", "998596", "998596"]
    for document in (invoice, credit_note):
        text = rendered_text(document)[0]
        assert "SAC" in text and text.count("998596") == 2 and "997212" in text
