"""Issuing tax invoices and credit notes for bookings.

Lines and money come from bookings.pricing; this module only decides the GST treatment,
snapshots the parties and lines, and takes a number (invoices.numbering) in the same
transaction as the insert. Both entry points are idempotent get-or-issue operations, safe to
call from the signal receivers, the download views, the admin and commands alike: the booking
row is locked first, so two callers for the same booking cannot issue two documents.
"""

from decimal import ROUND_FLOOR, Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from rest_framework.exceptions import NotFound

from bookings.models import Booking, BookingItem, Refund
from bookings.pricing import (
    booking_lines,
    buyer_state_code,
    is_intra_state,
    place_of_supply,
    split_tax,
    taxed_lines,
    to_paise,
)
from bookings.registrations import issuing_registration
from bookings.services import announce_on_commit
from invoices.models import Invoice
from invoices.numbering import ensure_counter, take_number
from invoices.signals import document_issued
from payments.models import Payment

INVOICEABLE_STATUSES = (Booking.Status.CONFIRMED, Booking.Status.COMPLETED)
INVOICE_LINE_KEYS = (
    "description", "sac_code", "quantity", "unit_price", "gst_rate", "taxable_value", "cgst", "sgst", "igst",
)  # fmt: skip


class InvoiceNotAvailable(NotFound):
    default_detail = "No invoice has been issued for this booking."


class ReceiptNotAvailable(NotFound):
    default_detail = "No money has been received for this payment, so there is no receipt."


class RefundVoucherNotAvailable(NotFound):
    default_detail = "This refund has no refund voucher: the booking's credit note documents it."


class CreditNoteNotAvailable(NotFound):
    default_detail = "This booking has no credit note: only a cancelled, invoiced booking has one."


def get_or_issue_invoice(booking, issued_at=None, confirmed=False):
    """The booking's tax invoice, issued now if a confirmed or completed booking has none yet.

    `confirmed` says the caller heard the booking's confirmation (the signal receiver): the
    invoice is owed even if a cancellation committed before the receiver ran. `issued_at`
    backdates a new invoice (see invoices.numbering.take_number). Raises InvoiceNotAvailable
    for a booking that was never confirmed.
    """
    existing = latest_invoice(booking.pk)
    if existing is not None:
        return existing
    ensure_counter(Invoice.SERIES[Invoice.Kind.INVOICE], _issuing_gstin(booking), timezone.localdate(issued_at))
    with transaction.atomic():
        status = _lock_booking(booking.pk)
        existing = latest_invoice(booking.pk)
        if existing is not None:
            return existing
        if status not in INVOICEABLE_STATUSES and not (confirmed and status == Booking.Status.CANCELLED):
            raise InvoiceNotAvailable(f"Booking #{booking.pk} is {status}: invoices are issued on confirmation.")
        return _issue_invoice(_load_booking(booking.pk), issued_at)


def get_or_issue_credit_note(booking, issued_at=None):
    """The credit note of a cancelled, invoiced booking, issued now if it has none.

    It cancels the invoice in full; when money is kept (refunded less than was paid), a new tax
    invoice for a "cancellation charge" of the kept amount (GST inclusive) is issued with it, in
    the same transaction, as pretix does. Money returned for a booking that was never invoiced
    has refund vouchers instead. Raises CreditNoteNotAvailable for a booking not cancelled or
    never invoiced.
    """
    invoice = latest_invoice(booking.pk)
    if invoice is None:
        raise CreditNoteNotAvailable()
    existing = _credit_note_of(invoice)
    if existing is not None:
        return existing
    # A credit note comes from the registration that issued the invoice it credits.
    for kind in (Invoice.Kind.CREDIT_NOTE, Invoice.Kind.CANCELLATION_CHARGE):
        ensure_counter(Invoice.SERIES[kind], invoice.seller_gstin, timezone.localdate(issued_at))
    with transaction.atomic():
        status = _lock_booking(booking.pk)
        existing = _credit_note_of(invoice)
        if existing is not None:
            return existing
        if status != Booking.Status.CANCELLED:
            earlier = _latest_credit_note(booking.pk)  # of an invoice a reschedule replaced
            if earlier is not None:
                return earlier
            raise CreditNoteNotAvailable("The booking is not cancelled: its invoice stands.")
        # Refunds a reschedule's credit note already named are not this one's.
        refunds = list(Refund.objects.filter(booking_id=booking.pk, credit_note__isnull=True).order_by("id"))
        credit_note = _issue_credit_note(invoice, refunds, issued_at)
        booking = Booking.objects.only("amount_paid", "amount_refunded", "venue_gst_rate").get(pk=booking.pk)
        if booking.net_paid > 0:
            _issue_cancellation_charge(invoice, booking.net_paid, booking.venue_gst_rate, issued_at)
        return credit_note


def current_invoice(booking):
    """The booking's tax invoice as it stands: the cancellation charge once one was issued."""
    charge = Invoice.objects.filter(booking_id=booking.pk, kind=Invoice.Kind.CANCELLATION_CHARGE).first()
    return charge or get_or_issue_invoice(booking)


def get_or_issue_refund_voucher(refund, issued_at=None):
    """The refund voucher for money returned on a booking that has no tax invoice, against the
    receipt voucher of the payment it goes back through (issued first if it is missing).

    A booking with an invoice documents its refunds by credit note instead: RefundVoucherNotAvailable.
    """
    existing = Invoice.objects.filter(refund_id=refund.pk, kind=Invoice.Kind.REFUND_VOUCHER).first()
    if existing is not None:
        return existing
    if refund.payment_id is None or Invoice.objects.filter(booking_id=refund.booking_id, kind=Invoice.Kind.INVOICE):
        raise RefundVoucherNotAvailable()
    receipt = get_or_issue_receipt(Payment.objects.get(pk=refund.payment_id))
    ensure_counter(Invoice.SERIES[Invoice.Kind.REFUND_VOUCHER], receipt.seller_gstin, timezone.localdate(issued_at))
    with transaction.atomic():
        _lock_booking(refund.booking_id)
        existing = Invoice.objects.filter(refund_id=refund.pk, kind=Invoice.Kind.REFUND_VOUCHER).first()
        if existing is not None:
            return existing
        shares = apportion(refund.amount, [Decimal(line["total"]) for line in receipt.lines])
        particulars = {
            **receipt.particulars,
            "original_number": receipt.number,
            "original_issued_at": timezone.localtime(receipt.issued_at).isoformat(),
            "original_total": receipt.total,
            "refund_amount": refund.amount,
            "refund_percent": refund.percent,
            "refund_reason": refund.reason,
        }
        return _save_document(
            Invoice.Kind.REFUND_VOUCHER, issued_at=issued_at, booking_id=refund.booking_id, original=receipt,
            refund=refund, supply_type=receipt.supply_type, place_of_supply=receipt.place_of_supply,
            seller_gstin=receipt.seller_gstin, seller=receipt.seller, buyer=receipt.buyer, particulars=particulars,
            lines=[
                _credit_line(line, share, receipt.is_intra_state)
                for line, share in zip(receipt.lines, shares, strict=True)
            ],
        )  # fmt: skip


def _issuing_gstin(booking):
    return issuing_registration(place_of_supply(booking.venue)).gstin


def latest_invoice(booking_id):
    """The booking's tax invoice as last issued (a reschedule replaces it), or None."""
    return Invoice.objects.filter(booking_id=booking_id, kind=Invoice.Kind.INVOICE).order_by("-id").first()


def _credit_note_of(invoice):
    return Invoice.objects.select_related("original").filter(original=invoice, kind=Invoice.Kind.CREDIT_NOTE).first()


def _latest_credit_note(booking_id):
    credit_notes = Invoice.objects.select_related("original").filter(
        booking_id=booking_id, kind=Invoice.Kind.CREDIT_NOTE
    )
    return credit_notes.order_by("-id").first()


def reissue_invoice_after_reschedule(booking, refunds=(), issued_at=None):
    """A rescheduled, invoiced booking: a credit note cancels its invoice in full and a new tax
    invoice states the new time and price (DESIGN, changes and series). Returns the new invoice,
    or None when there is nothing to replace (never invoiced, or already re-issued for this time).

    Idempotent: the invoice is replaced only when it no longer says what the booking says.
    """
    invoice = latest_invoice(booking.pk)
    if invoice is None:
        return None
    for kind in (Invoice.Kind.CREDIT_NOTE, Invoice.Kind.INVOICE):
        ensure_counter(Invoice.SERIES[kind], invoice.seller_gstin, timezone.localdate(issued_at))
    with transaction.atomic():
        status = _lock_booking(booking.pk)
        invoice = latest_invoice(booking.pk)
        if status not in INVOICEABLE_STATUSES or _credit_note_of(invoice) is not None:
            return None
        booking = _load_booking(booking.pk)
        if _says_the_same(invoice, booking):
            return None
        _issue_credit_note(invoice, list(refunds), issued_at)
        return _save_document(
            Invoice.Kind.INVOICE, issued_at=issued_at, booking=booking, replaces=invoice, **_parties_of(booking)
        )


def _says_the_same(invoice, booking):
    particulars = _booking_particulars(booking)
    return (
        invoice.total == booking.total
        and invoice.particulars.get("start") == particulars["start"]
        and invoice.particulars.get("end") == particulars["end"]
    )


def _lock_booking(booking_id):
    # Only the booking row: MariaDB has no FOR UPDATE OF, and a join would also lock the
    # venue row that create_booking locks to check overlaps.
    return Booking.objects.select_for_update().filter(pk=booking_id).values_list("status", flat=True).get()


def _load_booking(booking_id):
    # A join, not `item_id IN (...)`: a booking may carry thousands of distinct add-ons.
    items = Prefetch("items", queryset=BookingItem.objects.select_related("item"))
    return Booking.objects.select_related("user", "venue").prefetch_related(items).get(pk=booking_id)


def _issue_invoice(booking, issued_at=None):
    parties = _parties_of(booking)
    return _save_document(Invoice.Kind.INVOICE, issued_at=issued_at, booking=booking, **parties)


def _parties_of(booking):
    """Seller registration, buyer, place of supply and the booking's taxed lines, as documents store them."""
    supplied_in = place_of_supply(booking.venue)
    registration = issuing_registration(supplied_in)
    intra_state = is_intra_state(supplied_in, registration.state_code)
    # The same taxed lines a quote shows (bookings.pricing), stored in the invoice's line shape.
    lines = [
        {
            **{key: line[key] for key in INVOICE_LINE_KEYS},
            "total": line["amount"],
        }
        for line in taxed_lines(booking_lines(booking), intra_state)
    ]
    return {
        "supply_type": Invoice.SupplyType.INTRA_STATE if intra_state else Invoice.SupplyType.INTER_STATE,
        "place_of_supply": supplied_in,
        "seller_gstin": registration.gstin,
        "seller": {**settings.INVOICE_SELLER, "gstin": registration.gstin, "state_code": registration.state_code},
        "buyer": _buyer_snapshot(booking.user, buyer_state_code(booking.user, booking.venue)),
        "particulars": _booking_particulars(booking),
        "lines": lines,
    }


def get_or_issue_receipt(payment, issued_at=None):
    """The receipt voucher for a captured payment, issued now if it has none (GST rule 50).

    The money received is apportioned over the booking's taxed lines, so the voucher shows the
    tax it carries at each line's rate. Raises ReceiptNotAvailable for money not captured.
    """
    existing = Invoice.objects.filter(payment_id=payment.pk).first()
    if existing is not None:
        return existing
    series = Invoice.SERIES[Invoice.Kind.RECEIPT_VOUCHER]
    ensure_counter(series, _issuing_gstin(payment.booking), timezone.localdate(issued_at))
    with transaction.atomic():
        _lock_booking(payment.booking_id)
        existing = Invoice.objects.filter(payment_id=payment.pk).first()
        if existing is not None:
            return existing
        payment = Payment.objects.get(pk=payment.pk)
        if payment.status != Payment.Status.CAPTURED:
            raise ReceiptNotAvailable()
        parties = _parties_of(_load_booking(payment.booking_id))
        shares = apportion(payment.amount, [Decimal(line["total"]) for line in parties["lines"]])
        intra_state = parties["supply_type"] == Invoice.SupplyType.INTRA_STATE
        parties["lines"] = [
            _share_line(line, share, intra_state) for line, share in zip(parties["lines"], shares, strict=True)
        ]
        parties["particulars"] |= {
            "payment_id": payment.pk,
            "payment_method": payment.get_method_display(),
            "payment_reference": payment.provider_payment_id or payment.reference,
            "received_at": timezone.localtime(payment.captured_at).isoformat(),
            "booking_total": str(payment.booking.total),
        }
        return _save_document(
            Invoice.Kind.RECEIPT_VOUCHER, issued_at=issued_at, booking_id=payment.booking_id, payment=payment, **parties
        )


def _issue_credit_note(invoice, refunds, issued_at=None):
    """A credit note cancelling `invoice` in full, naming the refunds made (possibly none)."""
    refund = refunds[0] if refunds else None  # the document links the first
    refunded = sum((refund.amount for refund in refunds), Decimal("0.00"))
    lines = [_credit_line(line, Decimal(line["total"]), invoice.is_intra_state) for line in invoice.lines]
    particulars = {
        **invoice.particulars,
        "original_number": invoice.number,
        "original_issued_at": timezone.localtime(invoice.issued_at).isoformat(),
        "original_total": invoice.total,
        "refund_amount": refunded,
        "refund_percent": refund.percent if refund else 0,
        "refund_reason": refund.reason if refund else "",
    }
    return _save_document(
        Invoice.Kind.CREDIT_NOTE,
        issued_at=issued_at,
        booking_id=invoice.booking_id,
        original=invoice,
        refund=refund,
        supply_type=invoice.supply_type,
        place_of_supply=invoice.place_of_supply,
        seller_gstin=invoice.seller_gstin,
        seller=invoice.seller,
        buyer=invoice.buyer,
        particulars=particulars,
        lines=lines,
    )


def _issue_cancellation_charge(invoice, kept, gst_rate, issued_at=None):
    """A tax invoice for the money kept when `invoice` was cancelled: one line, GST inclusive."""
    taxable = to_paise(kept * 100 / (100 + gst_rate))
    line = _line_snapshot(
        f"Cancellation charge: booking #{invoice.booking_id}, invoice {invoice.number} cancelled",
        Decimal("1"), taxable, gst_rate, taxable, kept - taxable, invoice.is_intra_state,
        sac_code=invoice.lines[0].get("sac_code", "") if invoice.lines else "",
    )  # fmt: skip
    particulars = {
        **invoice.particulars,
        "original_number": invoice.number,
        "original_issued_at": timezone.localtime(invoice.issued_at).isoformat(),
        "original_total": invoice.total,
        "kept_amount": kept,
    }
    return _save_document(
        Invoice.Kind.CANCELLATION_CHARGE, issued_at=issued_at, booking_id=invoice.booking_id, original=invoice,
        supply_type=invoice.supply_type, place_of_supply=invoice.place_of_supply, seller_gstin=invoice.seller_gstin,
        seller=invoice.seller, buyer=invoice.buyer, particulars=particulars, lines=[line],
    )  # fmt: skip


def _save_document(kind, *, lines, seller_gstin, issued_at=None, **fields):
    series = Invoice.SERIES[kind]
    at = issued_at  # None: now; a past moment when the demo seed lays down its history
    issued_at, year, sequence, number = take_number(series, seller_gstin, issued_at)
    document = Invoice(
        kind=kind,
        seller_gstin=seller_gstin,
        series=series,
        financial_year=year,
        sequence=sequence,
        number=number,
        issued_at=issued_at,
        lines=lines,
        **fields,
        **_totals(lines),
    )
    document.save()
    announce_on_commit(document_issued, document=document, booking=document.booking, at=at)
    return document


def _totals(lines):
    def column(name):
        return sum((Decimal(line[name]) for line in lines), Decimal("0.00"))

    cgst, sgst, igst = column("cgst"), column("sgst"), column("igst")
    subtotal = column("taxable_value")
    return {
        "subtotal": subtotal,
        "cgst_total": cgst,
        "sgst_total": sgst,
        "igst_total": igst,
        "tax_total": cgst + sgst + igst,
        "total": subtotal + cgst + sgst + igst,
    }


def _line_snapshot(description, quantity, unit_price, gst_rate, taxable_value, tax, intra_state, sac_code=""):
    split = split_tax(tax, intra_state)
    return {
        "description": description,
        "sac_code": sac_code,
        "quantity": quantity,
        "unit_price": unit_price,
        "gst_rate": gst_rate,
        "taxable_value": taxable_value,
        "cgst": split.cgst,
        "sgst": split.sgst,
        "igst": split.igst,
        "total": taxable_value + tax,
    }


def _credit_line(line, credited_total, intra_state):
    """A negated line crediting `credited_total` (tax included) of an invoice line."""
    return _share_line(line, credited_total, intra_state, sign=-1)


def _share_line(line, share_total, intra_state, sign=1):
    """A line for `share_total` (tax included) of a document line: what a receipt acknowledges or
    a credit note reverses. The share is split back into taxable value and tax at the line's
    own rate, so each rate's tax moves in proportion."""
    rate = Decimal(line["gst_rate"])
    taxable = to_paise(share_total * 100 / (100 + rate))
    tax = share_total - taxable
    return _line_snapshot(
        line["description"], Decimal(line["quantity"]), Decimal(line["unit_price"]), rate, sign * taxable,
        sign * tax, intra_state, sac_code=line.get("sac_code", ""),  # documents issued before SAC codes carry none
    )  # fmt: skip


def apportion(amount, weights):
    """Split `amount` across `weights` in proportion, each share to the paisa, summing to `amount` exactly.

    Largest remainder method: every share is its exact proportion rounded down to the paisa,
    and the paise left over go one each to the shares that lost the most to rounding.
    """
    total_weight = sum(weights)
    if total_weight <= 0:
        raise ValueError("Cannot apportion over weights that sum to zero.")
    amount_paise = int(to_paise(amount) * 100)
    exact = [Decimal(amount_paise) * weight / total_weight for weight in weights]
    shares = [int(value.to_integral_value(rounding=ROUND_FLOOR)) for value in exact]
    leftover = amount_paise - sum(shares)
    by_remainder = sorted(range(len(exact)), key=lambda index: exact[index] - shares[index], reverse=True)
    for index in by_remainder[:leftover]:
        shares[index] += 1
    return [to_paise(Decimal(share) / 100) for share in shares]


def _buyer_snapshot(user, state_code):
    return {
        "name": user.get_full_name(),
        "email": user.email,
        "phone": user.phone,
        "gstin": user.gstin,
        "state_code": state_code,
    }


def _booking_particulars(booking):
    venue = booking.venue
    return {
        "booking_id": booking.pk,
        "booking_title": booking.title,
        "booking_kind": booking.get_kind_display(),
        "start": timezone.localtime(booking.start_datetime).isoformat(),
        "end": timezone.localtime(booking.end_datetime).isoformat(),
        "venue_name": venue.name,
        "venue_address": ", ".join(part for part in (venue.address, venue.city) if part),
        "venue_state_code": venue.state_code,
    }
