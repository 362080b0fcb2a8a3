"""Calendar routes: one booking, the customer's signed feed (rotatable), the staff feed per venue."""

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from bookings.models import Booking, Venue
from bookings.selectors import bookings_visible_to
from lebrq.permissions import StaffModelPermissions
from notifications import calendars
from notifications.models import CalendarFeed

ICS_RESPONSE = OpenApiResponse(OpenApiTypes.BINARY, description="An RFC 5545 calendar (text/calendar).")


class ICalendarRenderer(BaseRenderer):
    """Lets a calendar client's `Accept: text/calendar` through negotiation; errors stay JSON text."""

    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else json.dumps(data).encode()


def ics_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    return response


def _feed_bookings(queryset):
    return queryset.select_related("venue").order_by("start_datetime", "id")


class CalendarView(APIView):
    renderer_classes = [JSONRenderer, ICalendarRenderer]


class BookingCalendarView(CalendarView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ICS_RESPONSE}, operation_id="bookings_calendar_retrieve")
    def get(self, request, pk):
        """The booking as an iCalendar event (owner, or staff who may view bookings)."""
        booking = get_object_or_404(bookings_visible_to(request.user).select_related("venue"), pk=pk)
        return ics_response(calendars.booking_calendar(booking), f"booking-{booking.pk}.ics")


class CustomerFeedView(CalendarView):
    authentication_classes = []  # calendar apps subscribe by URL alone: the token is the secret
    permission_classes = [AllowAny]
    throttle_scope = "search"

    @extend_schema(responses={200: ICS_RESPONSE, 404: None}, auth=[], operation_id="calendars_feed_retrieve")
    def get(self, request, token):
        """All the customer's bookings; a revoked token is 404."""
        feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
        bookings = _feed_bookings(Booking.objects.filter(user=feed.user))
        return ics_response(calendars.calendar_of(bookings, "LeBrq bookings"), "lebrq.ics")


class RotateFeedView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses=inline_serializer("CalendarFeed", {"calendar_feed_url": serializers.URLField()}),
        operation_id="auth_me_calendar_feed_create",
    )
    def post(self, request):
        """Revoke the current feed URL (it answers 404 from now on) and issue a new one."""
        CalendarFeed.objects.update_or_create(user=request.user, defaults={"token": calendars.new_feed_token()})
        return Response({"calendar_feed_url": calendars.feed_url_for(request, request.user)})


class VenueFeedView(CalendarView):
    permission_classes = [StaffModelPermissions]
    queryset = Booking.objects.none()  # names the model whose view permission the feed needs

    @extend_schema(responses={200: ICS_RESPONSE}, operation_id="admin_venues_calendar_retrieve")
    def get(self, request, venue_id):
        """Every booking of the venue (staff with bookings.view_booking)."""
        venue = get_object_or_404(Venue, pk=venue_id)
        bookings = _feed_bookings(Booking.objects.filter(venue=venue))
        return ics_response(calendars.calendar_of(bookings, venue.name), f"venue-{venue.pk}.ics")
