from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from bookings.models import Booking, Refund
from bookings.selectors import bookings_visible_to
from invoices.downloads import pdf_download_response
from invoices.models import Invoice
from invoices.services import (
    ReceiptNotAvailable,
    current_invoice,
    get_or_issue_credit_note,
    get_or_issue_receipt,
    get_or_issue_refund_voucher,
)
from lebrq.permissions import StaffModelPermissions
from payments.models import Payment


class PdfDownloadView(APIView):
    """Answers with a PDF on success and DRF's JSON errors otherwise, whatever the Accept header.

    Forced negotiation picks the JSON renderer for errors instead of answering 406 to a
    client that asked for application/pdf.
    """

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)


pdf_download_schema = extend_schema(
    responses={
        (200, "application/pdf"): OpenApiResponse(
            OpenApiTypes.BINARY, description="The PDF, as an attachment, with an ETag."
        ),
        304: OpenApiResponse(description="Not modified: the If-None-Match ETag is current."),
        404: OpenApiResponse(description="No such booking for this user, or no such document (yet)."),
    }
)


class BookingInvoiceView(PdfDownloadView):
    """GET /api/bookings/{id}/invoice: the booking's tax invoice as a PDF attachment."""

    @pdf_download_schema
    def get(self, request, booking_id):
        booking = get_object_or_404(bookings_visible_to(request.user).only("id"), pk=booking_id)
        return pdf_download_response(request, current_invoice(booking))


class BookingCreditNoteView(PdfDownloadView):
    """GET /api/bookings/{id}/refund-invoice: the credit note for the booking's refund (404 until one exists)."""

    @pdf_download_schema
    def get(self, request, booking_id):
        booking = get_object_or_404(bookings_visible_to(request.user).only("id"), pk=booking_id)
        return pdf_download_response(request, get_or_issue_credit_note(booking))


class AdminBookingInvoiceView(PdfDownloadView):
    """GET /api/admin/bookings/{id}/invoice: any booking's tax invoice, for staff."""

    permission_classes = [StaffModelPermissions]
    queryset = Invoice.objects.none()  # names the model: downloading needs invoices.view_invoice

    @pdf_download_schema
    def get(self, request, booking_id):
        booking = get_object_or_404(Booking.objects.only("id"), pk=booking_id)
        return pdf_download_response(request, current_invoice(booking))


class PaymentReceiptView(PdfDownloadView):
    """GET /api/bookings/{id}/payments/{pid}/receipt: the receipt voucher for money received."""

    @pdf_download_schema
    def get(self, request, booking_id, payment_id):
        booking = get_object_or_404(bookings_visible_to(request.user).only("id"), pk=booking_id)
        payment = get_object_or_404(Payment.objects.select_related("booking"), pk=payment_id, booking=booking)
        if payment.status != Payment.Status.CAPTURED:
            raise ReceiptNotAvailable()
        return pdf_download_response(request, get_or_issue_receipt(payment))


class RefundVoucherView(PdfDownloadView):
    """GET /api/bookings/{id}/refunds/{rid}/voucher: the refund voucher of money returned on a
    booking that was never invoiced (404 for an invoiced booking: its credit note documents it)."""

    @pdf_download_schema
    def get(self, request, booking_id, refund_id):
        booking = get_object_or_404(bookings_visible_to(request.user).only("id"), pk=booking_id)
        refund = get_object_or_404(Refund.objects.all(), pk=refund_id, booking=booking)
        return pdf_download_response(request, get_or_issue_refund_voucher(refund))


class DocumentSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="kind")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Invoice
        fields = ["type", "number", "issued_at", "total", "url"]

    def get_url(self, document) -> str:
        return self.context["request"].build_absolute_uri(
            f"/api/bookings/{document.booking_id}/documents/{document.pk}"
        )


class DocumentDownloadView(PdfDownloadView):
    """GET /api/bookings/{id}/documents/{document_id}: one issued document of the booking as a PDF."""

    @pdf_download_schema
    def get(self, request, booking_id, document_id):
        booking = get_object_or_404(bookings_visible_to(request.user).only("id"), pk=booking_id)
        return pdf_download_response(request, get_object_or_404(Invoice.objects.all(), pk=document_id, booking=booking))


class BookingDocumentsView(generics.ListAPIView):
    """GET /api/bookings/{id}/documents/: every document issued for the booking, oldest first."""

    serializer_class = DocumentSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = None
    queryset = Invoice.objects.none()  # names the model for the schema; get_queryset answers

    def get_queryset(self):
        booking = get_object_or_404(bookings_visible_to(self.request.user).only("id"), pk=self.kwargs["booking_id"])
        return (
            Invoice.objects.filter(booking=booking)
            .order_by("issued_at", "id")
            .only("id", "kind", "number", "issued_at", "total", "booking_id", "payment_id")
        )
