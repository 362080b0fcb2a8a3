from django.apps import AppConfig


class InvoicesConfig(AppConfig):
    name = "invoices"
    verbose_name = "Invoices"

    def ready(self):
        from bookings.signals import booking_cancelled, booking_confirmed, booking_rescheduled
        from invoices import checks, receivers  # noqa: F401 - checks registers the GST check
        from payments.signals import payment_captured, refund_recorded

        booking_confirmed.connect(receivers.issue_invoice_on_confirmation, dispatch_uid="invoices.issue_invoice")
        booking_cancelled.connect(
            receivers.issue_credit_note_on_cancellation, dispatch_uid="invoices.issue_credit_note"
        )
        booking_rescheduled.connect(
            receivers.reissue_invoice_on_reschedule, dispatch_uid="invoices.reissue_invoice_on_reschedule"
        )
        payment_captured.connect(receivers.issue_receipt_on_payment, dispatch_uid="invoices.issue_receipt")
        refund_recorded.connect(receivers.issue_refund_voucher_on_refund, dispatch_uid="invoices.issue_refund_voucher")
