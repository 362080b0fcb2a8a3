"""The bookings and catalogue API: parse, call a selector or service, serialise."""

from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.services import ensure_may_book
from bookings import availability, caching, selectors, serializers
from bookings.closures import create_closure, delete_closure
from bookings.counts import booking_data_version
from bookings.export import CONTENT_TYPES, export_chunks
from bookings.filters import BookingFilter
from bookings.models import Booking, BookingChange, BookingSeries, Closure, Venue
from bookings.rules import check_availability_date
from bookings.series import create_series
from bookings.services import approve_booking, confirm_booking, create_booking, quote_booking, reject_booking
from lebrq.pagination import LargeTableItemsPagination
from lebrq.permissions import PublicReadStaffWrite, StaffModelPermissions, StaffWithPermission

IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key", {"type": "string", "minLength": 1, "maxLength": 255, "pattern": r"^[!-~](?:[ -~]*[!-~])?$"},
    OpenApiParameter.HEADER,
    description="Retrying with the same key and body returns the first booking instead of a second one.",
)  # fmt: skip


BOOKING_REFUSALS = {
    400: OpenApiResponse(serializers.RuleViolationSerializer, description="A field is invalid or a rule is broken."),
    409: OpenApiResponse(serializers.BookingConflictResponseSerializer, description="The slot or an add-on is taken."),
}

EXPORT_FILTER_PARAMETERS = [
    OpenApiParameter("status", OpenApiTypes.STR, enum=Booking.Status.values),
    OpenApiParameter("venue", OpenApiTypes.INT),
    OpenApiParameter("kind", OpenApiTypes.STR, enum=Booking.Kind.values),
    OpenApiParameter("date_from", OpenApiTypes.DATE),
    OpenApiParameter("date_to", OpenApiTypes.DATE),
]


class CatalogueViewSet(viewsets.ModelViewSet):
    permission_classes = [PublicReadStaffWrite]
    # Catalogue rows are referenced by bookings (PROTECT): staff deactivate them instead.
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    view_all_permission = None  # staff holding it see inactive rows too
    cached_answer_actions = ("list", "retrieve")  # answered from the cache before the view (bookings/middleware.py)

    def list(self, request, *args, **kwargs):
        answer = super().list
        return caching.cached_catalogue_answer(
            request, self.visibility(), lambda: answer(request, *args, **kwargs).data
        )

    def retrieve(self, request, *args, **kwargs):
        answer = super().retrieve
        return caching.cached_catalogue_answer(
            request, self.visibility(), lambda: answer(request, *args, **kwargs).data
        )

    def cached_answer_scopes(self):
        """The version scopes a cached answer of this request likely depends on, read by
        bookings/middleware.py with the entry in one round trip (the entry says for sure)."""
        return [caching.CATALOGUE_SCOPE]

    def visibility(self):
        """Which rows the answer may hold: the key keeps staff's answers (inactive rows too) apart."""
        sees_all = selectors.sees_inactive_catalogue(self.request.user, self.view_all_permission)
        return caching.ALL if sees_all else caching.PUBLIC


class VenueViewSet(CatalogueViewSet):
    serializer_class = serializers.VenueSerializer
    view_all_permission = "bookings.view_venue"
    filterset_fields = ["city", "is_active"]
    throttle_scope = None  # set per action: availability counts against "search"
    cached_answer_actions = ("list", "retrieve", "availability", "available")

    def get_queryset(self):
        return selectors.venues_visible_to(self.request.user)

    def cached_answer_scopes(self):
        scopes = {"availability": [self.kwargs.get("pk")], "available": [caching.SEARCH_SCOPE]}
        return scopes.get(self.action) or super().cached_answer_scopes()

    @extend_schema(
        parameters=[serializers.AvailabilityQuerySerializer],
        responses={
            200: PolymorphicProxySerializer(
                component_name="VenueAvailability",
                serializers=[serializers.AvailabilityRangeSerializer, serializers.AvailabilitySerializer],
                resource_type_field_name=None,
            ),
            400: OpenApiResponse(
                description="A malformed query (a field map), or `{detail, code}` with code `invalid_date_range` "
                "(`to` before `from`, more than 62 days) or `date_out_of_range` (outside 366 days back to 3 years on)."
            ),
        },
    )
    @action(detail=True, methods=["get"], pagination_class=None, throttle_scope="search")
    def availability(self, request, pk=None):
        """`?from=&to=`: open, busy and free time per local day (at most 62 days, both included).
        `?date=`: the Part 1 answer, the slots taken that day."""
        venue = self.get_object()
        query = serializers.AvailabilityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        if "date" in query.validated_data:
            return Response(self.busy_of_day(venue, query.validated_data["date"]))
        first, last = query.validated_data["from"], query.validated_data["to"]
        availability.check_range(first, last, availability.local_today(venue))
        audience = caching.EVERYONE if venue.is_active else caching.ALL  # staff alone see an inactive venue
        return caching.cached_answer(
            request, audience=audience, scopes=[venue.pk], compute=lambda: self.days_of(venue, first, last)
        )

    def days_of(self, venue, first, last):
        days, valid_until = availability.venue_availability(venue, first, last)
        answer = {"venue": venue.pk, "timezone": venue.timezone, "days": days}
        return serializers.AvailabilityRangeSerializer(answer).data, valid_until

    def busy_of_day(self, venue, day):
        check_availability_date(day, availability.local_today(venue))
        busy = [
            {"start_datetime": start, "end_datetime": end} for start, end in availability.venue_busy_slots(venue, day)
        ]
        return serializers.AvailabilitySerializer({"venue": venue.pk, "date": day, "busy": busy}).data

    @extend_schema(
        parameters=[serializers.VenueSearchQuerySerializer],
        responses={
            200: serializers.VenueSearchResultSerializer(many=True),
            400: OpenApiResponse(
                description="A malformed query (a field map), or `{detail, code: invalid_time_range}` for an end "
                "not after the start."
            ),
        },
    )
    @action(
        detail=False, methods=["get"], url_path="available", throttle_scope="search", filter_backends=[],
        serializer_class=serializers.VenueSearchResultSerializer,
    )  # fmt: skip
    def available(self, request):
        """Active venues that would accept exactly this booking now, each with the price of its hire."""
        query = serializers.VenueSearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return caching.cached_answer(
            request, audience=caching.EVERYONE, scopes=[caching.SEARCH_SCOPE],
            compute=lambda: self.page_of_venues(**query.validated_data),
        )  # fmt: skip

    def page_of_venues(self, *, start, end, guests, city=None):
        """One page of the venues found, read and priced alone: the others are only counted."""
        now = timezone.now()
        found, valid_until = availability.venues_accepting(start=start, end=end, guests=guests, city=city, now=now)
        venues = availability.priced_venues(self.paginate_queryset(found), start=start, end=end, now=now)
        return self.get_paginated_response(self.get_serializer(venues, many=True).data).data, valid_until


class ItemViewSet(CatalogueViewSet):
    serializer_class = serializers.ItemSerializer
    view_all_permission = "bookings.view_item"

    def get_queryset(self):
        return selectors.items_visible_to(self.request.user)


class AdminClosureViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """A venue's closures, for staff: list (view_closure), add (add_closure), remove (delete_closure)."""

    serializer_class = serializers.ClosureSerializer
    permission_classes = [StaffModelPermissions]
    queryset = Closure.objects.none()  # names the model whose permissions decide
    http_method_names = ["get", "post", "delete", "head", "options"]
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        # Lazy: the permission check reads it before the view knows the venue exists.
        return Closure.objects.filter(venue_id=self.kwargs["venue_id"])

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication and permissions first
        self.venue = get_object_or_404(Venue.objects.only("id", "timezone"), pk=kwargs["venue_id"])

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "venue": getattr(self, "venue", None)}

    @extend_schema(responses={201: serializers.ClosureSerializer, 409: serializers.ClosureConflictSerializer})
    def create(self, request, venue_id=None):
        """Close the venue from `start` to `end`; 409 `closure_conflict` over active bookings."""
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        closure = create_closure(venue=self.venue, **payload.validated_data)
        return Response(self.get_serializer(closure).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, venue_id=None, pk=None):
        delete_closure(get_object_or_404(self.get_queryset(), pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CachedCountMixin:
    """Lets LargeTableItemsPagination cache list totals until bookings change."""

    pagination_class = LargeTableItemsPagination
    filterset_class = BookingFilter

    def count_cache_version(self):
        return booking_data_version()


class BookingViewSet(CachedCountMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A customer's own bookings (staff: everyone's). Anyone else's booking is a 404."""

    permission_classes = [IsAuthenticated]  # the selectors decide which bookings a user reaches

    def get_queryset(self):
        if self.action == "list":
            return selectors.booking_list(self.request.user)
        return selectors.booking_detail(self.request.user)

    def page_rows(self, bookings):
        return selectors.list_rows(bookings)

    def get_serializer_class(self):
        return {
            "list": serializers.BookingListSerializer,
            "create": serializers.BookingCreateSerializer,
            "quote": serializers.BookingQuoteSerializer,
        }.get(self.action, serializers.BookingDetailSerializer)

    @extend_schema(
        parameters=[IDEMPOTENCY_HEADER], responses={201: serializers.BookingDetailSerializer, **BOOKING_REFUSALS}
    )
    def create(self, request):
        ensure_may_book(request.user)
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        fields = payload.validated_data
        booking = create_booking(
            user=request.user,
            venue=fields["venue"],
            start=fields["start_datetime"],
            end=fields["end_datetime"],
            kind=fields["kind"],
            title=fields["title"],
            items=fields["items"],
            is_public=fields["is_public"],
            guests=fields["guests"],
            idempotency_key=idempotency_key(request),
        )
        return Response(self.detail_of(booking), status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: serializers.QuoteSerializer, **BOOKING_REFUSALS})
    @action(detail=False, methods=["post"])
    def quote(self, request):
        """What this booking would cost and what would confirm it, refused as create would refuse it; writes nothing."""
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        fields = payload.validated_data
        quote = quote_booking(
            user=request.user,
            venue=fields["venue"],
            start=fields["start_datetime"],
            end=fields["end_datetime"],
            items=fields["items"],
            guests=fields["guests"],
        )
        return Response(serializers.QuoteSerializer(quote).data)

    def detail_of(self, booking):
        fresh = selectors.booking_detail(self.request.user).get(pk=booking.pk)
        return serializers.BookingDetailSerializer(fresh, context=self.get_serializer_context()).data


def idempotency_key(request):
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    key = key.strip()
    if not key or len(key) > 255:
        raise ValidationError({"Idempotency-Key": ["Send between 1 and 255 characters."]})
    return key


class BookingHistoryView(ListAPIView):
    """Every change of a booking, oldest first: who (null for the system), when, what."""

    serializer_class = serializers.BookingChangeSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = None
    queryset = BookingChange.objects.none()  # names the model for the schema

    def get_queryset(self):
        booking = get_object_or_404(selectors.bookings_visible_to(self.request.user), pk=self.kwargs["booking_id"])
        return booking.history.select_related("actor").order_by("at", "id")


class SeriesListCreateView(ListAPIView):
    """A customer's series (staff: everyone's); POST books every date of a recurrence rule."""

    permission_classes = [IsAuthenticated]
    serializer_class = serializers.SeriesListSerializer
    filterset_class = None
    queryset = BookingSeries.objects.none()  # names the model for the schema

    def get_queryset(self):
        return selectors.series_visible_to(self.request.user).order_by("-created_at", "-id")

    @extend_schema(
        request=serializers.SeriesCreateSerializer,
        responses={201: serializers.SeriesCreatedSerializer, **BOOKING_REFUSALS},
    )
    def post(self, request):
        ensure_may_book(request.user)
        payload = serializers.SeriesCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        fields = payload.validated_data
        series, _, skipped = create_series(
            user=request.user, venue=fields["venue"], start=fields["start_datetime"], end=fields["end_datetime"],
            rrule=fields["rrule"], title=fields["title"], kind=fields["kind"], items=fields["items"],
            guests=fields["guests"], is_public=fields["is_public"], on_conflict=fields["on_conflict"],
        )  # fmt: skip
        series.skipped = skipped
        answer = serializers.SeriesCreatedSerializer(series, context={"request": request}).data
        return Response(answer, status=status.HTTP_201_CREATED)


class SeriesDetailView(RetrieveAPIView):
    """A series with every one of its bookings (at most 104)."""

    permission_classes = [IsAuthenticated]
    serializer_class = serializers.SeriesSerializer
    queryset = BookingSeries.objects.none()

    def get_queryset(self):
        return selectors.series_visible_to(self.request.user).select_related("venue").prefetch_related("bookings")


class RegularProgramListView(ListAPIView):
    """Public series (regular classes, recitals) with a confirmed date still to come, by the next one."""

    serializer_class = serializers.ProgramSerializer
    permission_classes = [AllowAny]
    filterset_class = None

    def get_queryset(self):
        return selectors.regular_programs()


class AdminBookingViewSet(CachedCountMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Every booking, for staff, filtered by status, venue, kind and date range."""

    serializer_class = serializers.AdminBookingListSerializer
    permission_classes = [StaffModelPermissions]
    staff_permission = None  # set by the actions beyond the model's own permissions (StaffWithPermission)
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return selectors.admin_booking_list()

    def page_rows(self, bookings):
        return selectors.admin_list_rows(bookings)

    @extend_schema(request=serializers.ConfirmBookingSerializer, responses=serializers.BookingDetailSerializer)
    @action(
        detail=True, methods=["post"], permission_classes=[StaffWithPermission],
        staff_permission="bookings.confirm_booking", pagination_class=None, filter_backends=[],
    )  # fmt: skip
    def confirm(self, request, pk=None):
        """Confirm a held booking without payment (`pay_later: true`): the invoice is issued now."""
        booking = get_object_or_404(Booking, pk=pk)
        serializers.ConfirmBookingSerializer(data=request.data).is_valid(raise_exception=True)
        return self.detail_answer(confirm_booking(booking, by_user=request.user))

    @extend_schema(request=serializers.ApproveBookingSerializer, responses=serializers.BookingDetailSerializer)
    @action(
        detail=True, methods=["post"], permission_classes=[StaffWithPermission],
        staff_permission="bookings.approve_booking", pagination_class=None, filter_backends=[],
    )  # fmt: skip
    def approve(self, request, pk=None):
        """Approve a request: held for its deposit, or confirmed at once with `pay_later: true`."""
        payload = serializers.ApproveBookingSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        booking = approve_booking(get_object_or_404(Booking, pk=pk), request.user, **payload.validated_data)
        return self.detail_answer(booking)

    @extend_schema(request=serializers.RejectBookingSerializer, responses=serializers.BookingDetailSerializer)
    @action(
        detail=True, methods=["post"], permission_classes=[StaffWithPermission],
        staff_permission="bookings.approve_booking", pagination_class=None, filter_backends=[],
    )  # fmt: skip
    def reject(self, request, pk=None):
        """Turn a request down with a reason the customer is told; the slot is free at once."""
        payload = serializers.RejectBookingSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        booking = reject_booking(get_object_or_404(Booking, pk=pk), request.user, payload.validated_data["reason"])
        return self.detail_answer(booking)

    def detail_answer(self, booking):
        fresh = selectors.booking_detail(self.request.user).get(pk=booking.pk)
        return Response(serializers.BookingDetailSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(responses=serializers.AdminBookingListSerializer(many=True))
    @action(detail=False, methods=["get"])
    def today(self, request):
        """Bookings that start today (local time)."""
        bookings = selectors.bookings_starting_on(self.filter_queryset(self.get_queryset()), timezone.localdate())
        page = self.paginate_queryset(bookings)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class AdminBookingExportView(APIView):
    """Every matching booking as CSV or NDJSON, streamed in bounded memory."""

    permission_classes = [StaffModelPermissions]
    queryset = Booking.objects.none()  # names the model whose view permission the export needs

    def perform_content_negotiation(self, request, force=False):
        # `?format=` names the export format here, not one of DRF's renderers.
        return JSONRenderer(), JSONRenderer.media_type

    @extend_schema(
        parameters=[serializers.ExportQuerySerializer, *EXPORT_FILTER_PARAMETERS],
        responses={(200, media_type.partition(";")[0]): OpenApiTypes.BINARY for media_type in CONTENT_TYPES.values()},
    )
    def get(self, request):
        query = serializers.ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        export_format, byte_order_mark = query.validated_data["format"], query.validated_data["bom"]
        filtered = BookingFilter(request.query_params, queryset=selectors.admin_booking_list())
        if not filtered.is_valid():
            raise ValidationError(filtered.errors)
        response = StreamingHttpResponse(
            export_chunks(filtered.qs, export_format, byte_order_mark), content_type=CONTENT_TYPES[export_format]
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        response["Content-Disposition"] = f'attachment; filename="bookings-{stamp}.{export_format}"'
        return response
