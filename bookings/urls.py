from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from bookings.views import (
    AdminBookingExportView,
    AdminClosureViewSet,
    BookingHistoryView,
    BookingViewSet,
    ItemViewSet,
    RegularProgramListView,
    SeriesDetailView,
    SeriesListCreateView,
    VenueViewSet,
)

router = SimpleRouter()
# DESIGN.md writes some routes with a trailing slash and some without: accept both.
router.trailing_slash = "/?"
router.register("venues", VenueViewSet, basename="venue")
router.register("items", ItemViewSet, basename="item")
router.register("bookings", BookingViewSet, basename="booking")
# admin/bookings is registered by payments, whose subclass adds the staff booking (POST), payment included.
router.register(r"admin/venues/(?P<venue_id>[0-9]+)/closures", AdminClosureViewSet, basename="admin-venue-closure")

urlpatterns = [
    re_path(r"^admin/bookings/export/?$", AdminBookingExportView.as_view(), name="admin-booking-export"),
    # Before the router: its booking detail route would take "series" for a booking id.
    re_path(r"^bookings/series/?$", SeriesListCreateView.as_view(), name="booking-series"),
    re_path(r"^bookings/series/(?P<pk>[0-9]+)/?$", SeriesDetailView.as_view(), name="booking-series-detail"),
    re_path(r"^bookings/(?P<booking_id>[0-9]+)/history/?$", BookingHistoryView.as_view(), name="booking-history"),
    path("programs/regular/", RegularProgramListView.as_view(), name="regular-programs"),
    *router.urls,
]
