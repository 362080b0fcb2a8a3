from django.urls import path, re_path

from invoices import views

urlpatterns = [
    path("bookings/<int:booking_id>/invoice", views.BookingInvoiceView.as_view(), name="booking-invoice"),
    re_path(r"^bookings/(?P<booking_id>[0-9]+)/documents/?$", views.BookingDocumentsView.as_view(), name="documents"),
    path(
        "bookings/<int:booking_id>/documents/<int:document_id>", views.DocumentDownloadView.as_view(), name="document"
    ),
    path(
        "bookings/<int:booking_id>/payments/<int:payment_id>/receipt",
        views.PaymentReceiptView.as_view(),
        name="payment-receipt",
    ),
    path(
        "bookings/<int:booking_id>/refunds/<int:refund_id>/voucher",
        views.RefundVoucherView.as_view(),
        name="refund-voucher",
    ),
    path("bookings/<int:booking_id>/refund-invoice", views.BookingCreditNoteView.as_view(), name="booking-credit-note"),
    path(
        "admin/bookings/<int:booking_id>/invoice", views.AdminBookingInvoiceView.as_view(), name="admin-booking-invoice"
    ),
]
