"""Issue documents when bookings and their money change: connected in InvoicesConfig.ready().

bookings and payments send these signals after its transaction commits, so the booking is already saved
whatever happens here. A failure is logged, not raised: the booking request must not turn
into an error after the fact, and the download views issue a missing document on first
request anyway (get-or-issue).
"""

import logging

from invoices.services import (
    CreditNoteNotAvailable,
    RefundVoucherNotAvailable,
    get_or_issue_credit_note,
    get_or_issue_invoice,
    get_or_issue_receipt,
    get_or_issue_refund_voucher,
    reissue_invoice_after_reschedule,
)

logger = logging.getLogger("lebrq.invoices")


def issue_invoice_on_confirmation(sender, booking, at=None, **kwargs):
    try:
        invoice = get_or_issue_invoice(booking, issued_at=at, confirmed=True)
    except Exception:
        logger.exception("Could not issue the invoice for booking #%s; it will be issued on first download", booking.pk)
        return
    logger.info("Invoice %s for booking #%s", invoice.number, booking.pk)


def issue_credit_note_on_cancellation(sender, booking, refunds=(), at=None, **kwargs):
    try:
        credit_note = get_or_issue_credit_note(booking, issued_at=at)
    except CreditNoteNotAvailable:
        return
    except Exception:
        logger.exception(
            "Could not issue the credit note for booking #%s; it will be issued on first download", booking.pk
        )
        return
    logger.info("Credit note %s for booking #%s", credit_note.number, booking.pk)


def issue_receipt_on_payment(sender, booking, payment, at=None, **kwargs):
    try:
        receipt = get_or_issue_receipt(payment, issued_at=at)
    except Exception:
        logger.exception("Could not issue the receipt for payment #%s; it will be issued on first download", payment.pk)
        return
    logger.info("Receipt %s for payment #%s", receipt.number, payment.pk)


def issue_refund_voucher_on_refund(sender, booking, refund, at=None, **kwargs):
    try:
        voucher = get_or_issue_refund_voucher(refund, issued_at=at)
    except RefundVoucherNotAvailable:
        return  # an invoiced booking: its credit note documents the refund
    except Exception:
        logger.exception(
            "Could not issue the refund voucher for refund #%s; it will be issued on first download", refund.pk
        )
        return
    logger.info("Refund voucher %s for refund #%s", voucher.number, refund.pk)


def reissue_invoice_on_reschedule(sender, booking, refunds=(), at=None, **kwargs):
    try:
        invoice = reissue_invoice_after_reschedule(booking, refunds=refunds, issued_at=at)
    except Exception:
        logger.exception("Could not re-issue the invoice of rescheduled booking #%s", booking.pk)
        return
    if invoice is not None:
        logger.info("Invoice %s replaces the one of rescheduled booking #%s", invoice.number, booking.pk)
