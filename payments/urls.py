from django.urls import re_path
from rest_framework.routers import SimpleRouter

from payments import views

router = SimpleRouter()
router.trailing_slash = "/?"
router.register("admin/bookings", views.AdminBookingWithPaymentViewSet, basename="admin-booking")

# DESIGN.md writes some routes with a trailing slash and some without: accept both.
urlpatterns = [
    re_path(
        r"^bookings/(?P<booking_id>[0-9]+)/payments/?$", views.BookingPaymentsView.as_view(), name="booking-payments"
    ),
    re_path(r"^bookings/(?P<booking_id>[0-9]+)/refunds/?$", views.BookingRefundsView.as_view(), name="booking-refunds"),
    re_path(r"^bookings/(?P<booking_id>[0-9]+)/cancel/?$", views.BookingCancelView.as_view(), name="booking-cancel"),
    re_path(
        r"^bookings/(?P<booking_id>[0-9]+)/reschedule/?$",
        views.BookingRescheduleView.as_view(),
        name="booking-reschedule",
    ),  # fmt: skip
    re_path(
        r"^bookings/series/(?P<series_id>[0-9]+)/payments/?$",
        views.SeriesPaymentsView.as_view(),
        name="series-payments",
    ),
    re_path(
        r"^bookings/series/(?P<series_id>[0-9]+)/cancel/?$", views.SeriesCancelView.as_view(), name="series-cancel"
    ),
    re_path(
        r"^admin/bookings/series/(?P<series_id>[0-9]+)/payments/?$",
        views.AdminSeriesPaymentView.as_view(),
        name="admin-series-payments",
    ),
    re_path(r"^payments/(?P<pk>[0-9]+)/verify/?$", views.PaymentVerifyView.as_view(), name="payment-verify"),
    re_path(r"^payments/webhooks/razorpay/?$", views.RazorpayWebhookView.as_view(), name="razorpay-webhook"),
    re_path(
        r"^admin/bookings/(?P<booking_id>[0-9]+)/payments/?$",
        views.AdminBookingPaymentView.as_view(),
        name="admin-booking-payments",
    ),
    re_path(
        r"^admin/bookings/(?P<booking_id>[0-9]+)/cancel/?$",
        views.AdminBookingCancelView.as_view(),
        name="admin-booking-cancel",
    ),
    *router.urls,
]
