from django.urls import path

from invoices import views

urlpatterns = [
    path("bookings/<int:booking_id>/invoice", views.BookingInvoiceView.as_view(), name="booking-invoice"),
    path(
        "bookings/<int:booking_id>/payments/<int:payment_id>/receipt",
        views.PaymentReceiptView.as_view(),
        name="payment-receipt",
    ),
    path("bookings/<int:booking_id>/refund-invoice", views.BookingCreditNoteView.as_view(), name="booking-credit-note"),
    path(
        "admin/bookings/<int:booking_id>/invoice", views.AdminBookingInvoiceView.as_view(), name="admin-booking-invoice"
    ),
]
