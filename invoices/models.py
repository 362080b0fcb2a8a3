"""Issued GST documents: tax invoices and the credit notes that refund them.

A document is a snapshot: seller, buyer, booking particulars, lines and totals are copied at
issue time, so the PDF rendered years later shows exactly what was issued, whatever happened
to prices, users or venues since. Issued documents are never deleted or renumbered.
"""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

from bookings.models import MONEY, Booking, Refund
from payments.models import Payment


class DocumentCounter(models.Model):
    """Last number one seller registration handed out in one series and financial year (invoices.numbering)."""

    seller_gstin = models.CharField("seller GSTIN", max_length=15)
    series = models.CharField(max_length=10)
    financial_year = models.CharField(max_length=7)
    last_sequence = models.PositiveIntegerField(default=0)
    last_issued_at = models.DateTimeField(
        null=True, blank=True, help_text="Issue time of the last number: a backdated document may not precede it."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["seller_gstin", "series", "financial_year"], name="document_counter_gstin_series_year"
            ),
        ]

    def __str__(self):
        return f"{self.seller_gstin} {self.series}/{self.financial_year}: {self.last_sequence}"


class ImmutableDocumentError(ValidationError):
    pass


class InvoiceQuerySet(models.QuerySet):
    def delete(self):
        raise ImmutableDocumentError("Issued invoices and credit notes cannot be deleted.")

    def update(self, **kwargs):
        raise ImmutableDocumentError("Issued invoices and credit notes cannot be changed.")


class Invoice(models.Model):
    class Kind(models.TextChoices):
        INVOICE = "invoice", "Tax invoice"
        CREDIT_NOTE = "credit_note", "Credit note"
        RECEIPT_VOUCHER = "receipt", "Receipt voucher"
        REFUND_VOUCHER = "refund", "Refund voucher"
        CANCELLATION_CHARGE = "cancellation", "Tax invoice (cancellation charge)"

    class SupplyType(models.TextChoices):
        INTRA_STATE = "intra", "Intra-state (CGST + SGST)"
        INTER_STATE = "inter", "Inter-state (IGST)"

    # The numbering series of each kind (invoices.numbering); documents issued before the
    # 16-character formats keep their old numbers (`LB-CN/2026-27/000001`) under these series.
    SERIES = {
        Kind.INVOICE: "LB",
        Kind.CREDIT_NOTE: "CN",
        Kind.RECEIPT_VOUCHER: "RV",
        Kind.REFUND_VOUCHER: "RF",
        Kind.CANCELLATION_CHARGE: "LB",  # a tax invoice: the same series
    }
    kind = models.CharField(max_length=12, choices=Kind.choices)
    seller_gstin = models.CharField("seller GSTIN", max_length=15, help_text="The registration that issued it.")
    series = models.CharField(max_length=10)
    financial_year = models.CharField(max_length=7)
    sequence = models.PositiveIntegerField()
    number = models.CharField(max_length=30)
    booking = models.ForeignKey(Booking, on_delete=models.PROTECT, related_name="invoices")
    original = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="credit_notes",
        help_text="For a credit note: the invoice it credits.",
    )  # fmt: skip
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by",
        help_text="For a tax invoice issued on a reschedule: the invoice it replaces (credited by a credit note).",
    )  # fmt: skip
    refund = models.OneToOneField(Refund, on_delete=models.PROTECT, null=True, blank=True, related_name="credit_note")
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="receipt",
        help_text="For a receipt voucher: the money it acknowledges.",
    )  # fmt: skip
    issued_at = models.DateTimeField()
    supply_type = models.CharField(max_length=5, choices=SupplyType.choices)
    place_of_supply = models.CharField(max_length=2, help_text="GST state code where the venue is.")
    seller = models.JSONField(encoder=DjangoJSONEncoder)
    buyer = models.JSONField(encoder=DjangoJSONEncoder)
    particulars = models.JSONField(encoder=DjangoJSONEncoder, help_text="Booking, venue and refund details.")
    lines = models.JSONField(encoder=DjangoJSONEncoder)
    subtotal = models.DecimalField(**MONEY)
    cgst_total = models.DecimalField(**MONEY)
    sgst_total = models.DecimalField(**MONEY)
    igst_total = models.DecimalField(**MONEY)
    tax_total = models.DecimalField(**MONEY)
    total = models.DecimalField(**MONEY)
    content_hash = models.CharField(max_length=64, help_text="sha256 of the snapshot; part of the download ETag.")

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["seller_gstin", "series", "financial_year", "sequence"],
                name="invoice_gstin_series_year_sequence",
            ),
            models.UniqueConstraint(fields=["seller_gstin", "number"], name="invoice_gstin_number"),
            # A booking's first invoice, then one invoice per reschedule, each replacing the last
            # (`replaces` is one-to-one); one credit note per invoice; one cancellation charge.
            models.UniqueConstraint(
                fields=["booking"], condition=Q(kind="invoice", replaces__isnull=True), name="invoice_first_per_booking"
            ),
            models.UniqueConstraint(
                fields=["original"], condition=Q(kind="credit_note"), name="invoice_one_credit_note_per_invoice"
            ),
            models.UniqueConstraint(
                fields=["booking"], condition=Q(kind="cancellation"), name="invoice_one_cancellation_per_booking"
            ),
            models.CheckConstraint(
                condition=Q(kind="invoice", original__isnull=True)
                | Q(kind="credit_note", original__isnull=False)
                | Q(kind="receipt", original__isnull=True, payment__isnull=False)
                | Q(kind="refund", original__isnull=False, refund__isnull=False)
                | Q(kind="cancellation", original__isnull=False),
                name="invoice_credit_note_has_original",
            ),
        ]
        indexes = [models.Index(fields=["financial_year", "series"], name="invoice_year_series")]

    def __str__(self):
        return self.number

    @property
    def is_credit_note(self):
        return self.kind == self.Kind.CREDIT_NOTE

    @property
    def is_receipt(self):
        return self.kind == self.Kind.RECEIPT_VOUCHER

    @property
    def is_cancellation_charge(self):
        return self.kind == self.Kind.CANCELLATION_CHARGE

    @property
    def is_refund_voucher(self):
        return self.kind == self.Kind.REFUND_VOUCHER

    @property
    def is_intra_state(self):
        return self.supply_type == self.SupplyType.INTRA_STATE

    @property
    def download_filename(self):
        return f"{self.number.replace('/', '-')}.pdf"

    def snapshot_hash(self):
        snapshot = {
            field: getattr(self, field) for field in ("number", "issued_at", "seller", "buyer", "particulars", "lines")
        }
        snapshot["totals"] = [
            self.subtotal,
            self.cgst_total,
            self.sgst_total,
            self.igst_total,
            self.tax_total,
            self.total,
        ]
        encoded = json.dumps(snapshot, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(encoded.encode()).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ImmutableDocumentError(f"{self.number} is issued and cannot be changed.")
        self.content_hash = self.snapshot_hash()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableDocumentError(f"{self.number} is issued and cannot be deleted.")
