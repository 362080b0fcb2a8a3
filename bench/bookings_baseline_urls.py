"""The baselines of bench_bookings and bench_availability: what a plain DRF ModelViewSet with
PageNumberPagination does over bookings and over venues.

Mounted next to the real routes (same auth, throttles and middleware), so the only difference
measured is the list implementation.
"""

from django.urls import include, path
from rest_framework import routers, serializers, viewsets
from rest_framework.pagination import PageNumberPagination

from bookings.models import Booking, Venue
from lebrq.urls import urlpatterns as lebrq_urlpatterns


class PlainBookingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Booking
        fields = "__all__"


class PlainVenueSerializer(serializers.ModelSerializer):
    class Meta:
        model = Venue
        fields = "__all__"


class PlainPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100


class PlainBookingViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Booking.objects.all()
    serializer_class = PlainBookingSerializer
    pagination_class = PlainPagination


class PlainVenueViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Venue.objects.all()
    serializer_class = PlainVenueSerializer
    pagination_class = PlainPagination


router = routers.SimpleRouter()
router.register("plain-bookings", PlainBookingViewSet, basename="plain-booking")
router.register("plain-venues", PlainVenueViewSet, basename="plain-venue")

urlpatterns = [path("api/bench/", include(router.urls)), *lebrq_urlpatterns]
