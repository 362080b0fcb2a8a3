"""Staff view of issued documents: read-only, with PDF downloads and a streamed zip of many."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from rest_framework.exceptions import NotFound

from bookings.models import Booking
from invoices.downloads import pdf_download_response, zip_download_response
from invoices.models import Invoice
from invoices.services import get_or_issue_credit_note, get_or_issue_invoice


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "seller_gstin",
        "kind",
        "booking_link",
        "buyer_name",
        "supply_type",
        "subtotal",
        "tax_total",
        "total",
        "issued_at",
        "pdf_link",
    ]
    list_filter = ["kind", "seller_gstin", "financial_year", "supply_type"]
    list_select_related = ["booking"]
    search_fields = ["number", "=seller_gstin", "=booking__id", "booking__user__email"]
    actions = ["download_zip"]
    fields = [
        "number", "seller_gstin", "kind", "booking", "original", "refund", "issued_at", "financial_year", "supply_type",
        "place_of_supply", "seller", "buyer", "particulars", "subtotal", "cgst_total", "sgst_total",
        "igst_total", "tax_total", "total", "content_hash",
    ]  # fmt: skip

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name == "invoices_invoice_changelist":
            # The list never loads the (possibly 2,000-line) snapshots it does not show.
            queryset = queryset.defer("lines", "seller", "particulars")
        return queryset

    # Issued documents are immutable: no add, change or delete, only view and download.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Booking", ordering="booking_id")
    def booking_link(self, invoice):
        url = reverse("admin:bookings_booking_change", args=[invoice.booking_id])
        return format_html('<a href="{}">#{}</a>', url, invoice.booking_id)

    @admin.display(description="Buyer")
    def buyer_name(self, invoice):
        return invoice.buyer.get("name") or invoice.buyer.get("email")

    @admin.display(description="PDF")
    def pdf_link(self, invoice):
        return format_html('<a href="{}">Download</a>', reverse("admin:invoices_invoice_download", args=[invoice.pk]))

    @admin.action(description="Download selected documents as one zip", permissions=["view"])
    def download_zip(self, request, queryset):
        filename = f"lebrq-documents-{timezone.localtime():%Y%m%d-%H%M%S}.zip"
        # iterator(): documents are fetched in chunks as the zip streams, not all at once.
        documents = queryset.defer(None).order_by("number").iterator(chunk_size=20)
        return zip_download_response(documents, filename)

    def get_urls(self):
        admin_view = self.admin_site.admin_view
        return [
            path("<int:pk>/download/", admin_view(self.download_view), name="invoices_invoice_download"),
            path(
                "booking/<int:booking_id>/invoice/",
                admin_view(self.booking_invoice_view),
                name="invoices_invoice_booking_invoice",
            ),
            path(
                "booking/<int:booking_id>/credit-note/",
                admin_view(self.booking_credit_note_view),
                name="invoices_invoice_booking_credit_note",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk):
        self._require_view_permission(request)
        return pdf_download_response(request, get_object_or_404(Invoice, pk=pk))

    def booking_invoice_view(self, request, booking_id):
        return self._booking_document(request, booking_id, get_or_issue_invoice)

    def booking_credit_note_view(self, request, booking_id):
        return self._booking_document(request, booking_id, get_or_issue_credit_note)

    def _booking_document(self, request, booking_id, get_or_issue):
        self._require_view_permission(request)
        booking = get_object_or_404(Booking.objects.only("id"), pk=booking_id)
        try:
            document = get_or_issue(booking)
        except NotFound as missing:
            self.message_user(request, str(missing.detail), messages.WARNING)
            return HttpResponseRedirect(reverse("admin:bookings_booking_change", args=[booking_id]))
        return pdf_download_response(request, document)

    def _require_view_permission(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
