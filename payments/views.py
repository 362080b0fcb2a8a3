"""The payments API: a customer pays, staff record money, Razorpay reports what happened."""

import json
import logging

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, mixins, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from bookings import selectors
from bookings.models import Booking, BookingSeries, Refund
from bookings.serializers import (
    BookingDetailSerializer,
    RefundSerializer,
    RescheduleSerializer,
    RuleViolationSerializer,
    SeriesCancelSerializer,
    SeriesSerializer,
)
from bookings.services import refund_percent
from bookings.views import BOOKING_REFUSALS, AdminBookingViewSet
from lebrq.permissions import StaffWithPermission
from payments import serializers
from payments.models import Payment
from payments.providers import online_gateway
from payments.series_payments import cancel_series_from, record_series_offline_payment, start_series_online_payment
from payments.services import (
    apply_razorpay_event,
    cancel_with_refund,
    record_offline_payment,
    reschedule_with_refund,
    start_online_payment,
    verify_online_payment,
)
from payments.staff_bookings import book_for_customer, refuse_unpermitted_desk_money

logger = logging.getLogger("lebrq.payments")

REFUSALS = {
    400: OpenApiResponse(RuleViolationSerializer, description="`invalid_amount`, `invalid_signature` or a field map."),
    409: OpenApiResponse(description="`{detail, code}`: `nothing_due`, `hold_expired`, `online_payment_unavailable`."),
}


def visible_booking(request, booking_id):
    """The booking if `request.user` may see it (its owner, or staff with view_booking), else 404."""
    return get_object_or_404(selectors.booking_detail(request.user), pk=booking_id)


def online_payment_answer(request, paid_for, start):
    """201 with a Razorpay order and its checkout for `paid_for` (a booking or a series), which
    only its own customer pays online."""
    if paid_for.user_id != request.user.pk:
        raise PermissionDenied("Only the customer pays online; staff record payments received.")
    payment, checkout = start(paid_for)
    payment.checkout = checkout
    return Response(serializers.OnlinePaymentSerializer(payment).data, status=status.HTTP_201_CREATED)


def booking_answer(request, booking):
    fresh = selectors.booking_detail(request.user).get(pk=booking.pk)
    return BookingDetailSerializer(fresh, context={"request": request}).data


class BookingPaymentsView(generics.ListAPIView):
    """GET: the booking's payments. POST (its owner): a Razorpay order for what is due now."""

    serializer_class = serializers.PaymentSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = None
    queryset = Payment.objects.none()  # names the model for the schema; get_queryset answers

    def get_queryset(self):
        booking = visible_booking(self.request, self.kwargs["booking_id"])
        return Payment.objects.filter(booking=booking).order_by("-created_at", "-id")

    @extend_schema(request=None, responses={201: serializers.OnlinePaymentSerializer, **REFUSALS})
    def post(self, request, booking_id):
        booking = visible_booking(request, booking_id)
        return online_payment_answer(request, booking, start_online_payment)


class PaymentVerifyView(APIView):
    """The checkout's answer: captured when its signature holds (400 `invalid_signature` otherwise)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=serializers.VerifySerializer, responses={200: serializers.PaymentSerializer, **REFUSALS})
    def post(self, request, pk):
        payment = get_object_or_404(
            Payment.objects.select_related("booking"), pk=pk, booking__in=selectors.bookings_visible_to(request.user)
        )
        if payment.booking.user_id != request.user.pk:
            raise PermissionDenied("Only the customer who paid verifies a payment.")
        answer = serializers.VerifySerializer(data=request.data)
        answer.is_valid(raise_exception=True)
        fields = answer.validated_data
        payment = verify_online_payment(
            payment, fields["razorpay_order_id"], fields["razorpay_payment_id"], fields["razorpay_signature"]
        )
        return Response(serializers.PaymentSerializer(payment).data)


class RazorpayWebhookView(APIView):
    """Razorpay's events, signed with the webhook secret; each event id is applied once."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []  # Razorpay retries on anything but a 2xx: refusing it would lose events
    parser_classes = []  # the signature is over the raw body, read as it came

    @extend_schema(
        request={"application/json": {"type": "object"}},
        parameters=[
            OpenApiParameter("X-Razorpay-Signature", str, OpenApiParameter.HEADER, required=True),
            OpenApiParameter("X-Razorpay-Event-Id", str, OpenApiParameter.HEADER, required=True),
        ],
        responses={200: serializers.WebhookAnswerSerializer, 400: RuleViolationSerializer},
    )
    def post(self, request):
        gateway = online_gateway()
        body = request.body
        signature = request.headers.get("X-Razorpay-Signature", "")
        event_id = request.headers.get("X-Razorpay-Event-Id", "").strip()
        if gateway is None:
            return Response({"detail": "Razorpay is not configured.", "code": "online_payment_unavailable"}, 400)
        if not gateway.webhook_signature_is_valid(body, signature):
            logger.warning("Razorpay webhook with a bad signature refused")
            return Response({"detail": "The signature does not match the body.", "code": "invalid_signature"}, 400)
        event = parse_event(body)
        if event is None or not event_id or len(event_id) > 64:
            return Response({"detail": "A signed event needs a JSON body and an event id.", "code": "invalid"}, 400)
        outcome = apply_razorpay_event(event_id, event)
        return Response({"status": outcome})


def parse_event(body):
    try:
        event = json.loads(body)
    except ValueError:
        return None
    return event if isinstance(event, dict) else None


class BookingRefundsView(generics.ListAPIView):
    """The booking's refunds: one per payment the money goes back through."""

    serializer_class = RefundSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = None
    queryset = Refund.objects.none()  # names the model for the schema; get_queryset answers

    def get_queryset(self):
        booking = visible_booking(self.request, self.kwargs["booking_id"])
        return Refund.objects.filter(booking=booking).order_by("-created_at", "-id")


class BookingCancelView(APIView):
    """Cancel with a refund of what was paid, by the venue's policy."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=serializers.CancelSerializer, responses=BookingDetailSerializer)
    def post(self, request, booking_id):
        booking = visible_booking(request, booking_id)
        if booking.user_id != request.user.pk and not request.user.has_perm("bookings.cancel_booking"):
            raise PermissionDenied()
        payload = serializers.CancelSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        cancel_with_refund(booking, by_user=request.user, reason=payload.validated_data["reason"])
        return Response(booking_answer(request, booking))


class AdminBookingPaymentView(APIView):
    """Staff record money received offline: captured at once, confirming the booking at the deposit."""

    permission_classes = [StaffWithPermission]
    staff_permission = "payments.add_payment"

    @extend_schema(
        request=serializers.OfflinePaymentSerializer, responses={201: serializers.PaymentSerializer, **REFUSALS}
    )
    def post(self, request, booking_id):
        booking = get_object_or_404(Booking, pk=booking_id)
        payload = serializers.OfflinePaymentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        payment = record_offline_payment(booking, by_user=request.user, **payload.validated_data)
        return Response(serializers.PaymentSerializer(payment).data, status=status.HTTP_201_CREATED)


class AdminBookingCancelView(APIView):
    """Staff cancel: the venue policy by default; more than the policy takes the manager permission."""

    permission_classes = [StaffWithPermission]
    staff_permission = "bookings.cancel_booking"

    @extend_schema(request=serializers.StaffCancelSerializer, responses=BookingDetailSerializer)
    def post(self, request, booking_id):
        booking = get_object_or_404(Booking, pk=booking_id)
        payload = serializers.StaffCancelSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        percent = payload.validated_data.get("refund_percent")
        if percent is not None and percent > refund_percent(booking, timezone.now()):
            if not request.user.has_perm("bookings.refund_above_policy"):
                raise PermissionDenied("Refunding more than the venue's policy takes the manager permission.")
        cancel_with_refund(booking, by_user=request.user, reason=payload.validated_data["reason"], percent=percent)
        return Response(booking_answer(request, booking))


class BookingRescheduleView(APIView):
    """Move a booking: its customer while the policy refunds 100 %, staff with the permission always."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=RescheduleSerializer, responses=BookingDetailSerializer)
    def post(self, request, booking_id):
        booking = visible_booking(request, booking_id)
        as_staff = request.user.is_staff and request.user.has_perm("bookings.reschedule_booking")
        if booking.user_id != request.user.pk and not as_staff:
            raise PermissionDenied()
        payload = RescheduleSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        fields = payload.validated_data
        reschedule_with_refund(
            booking, request.user, fields["start_datetime"], fields["end_datetime"], as_staff=as_staff,
            override_rules=fields["override_rules"],
        )  # fmt: skip
        return Response(booking_answer(request, booking))


class AdminBookingWithPaymentViewSet(mixins.CreateModelMixin, AdminBookingViewSet):
    """Every booking, for staff; `POST` books on a customer's behalf (phone, walk-in)."""

    def get_serializer_class(self):
        return serializers.StaffBookingSerializer if self.action == "create" else super().get_serializer_class()

    def get_permissions(self):
        if self.action == "create":
            self.staff_permission = "bookings.book_for_customer"
            return [StaffWithPermission()]
        return super().get_permissions()

    @extend_schema(
        request=serializers.StaffBookingSerializer,
        responses={201: BookingDetailSerializer, **BOOKING_REFUSALS},
    )
    def create(self, request):
        payload = serializers.StaffBookingSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        fields = payload.validated_data
        refuse_unpermitted_desk_money(request.user, fields.get("payment"), fields["pay_later"])
        booking = book_for_customer(
            staff=request.user, customer_email=fields["customer_email"], customer_name=fields["customer_name"],
            phone=fields["phone"], venue=fields["venue"], start=fields["start_datetime"], end=fields["end_datetime"],
            kind=fields["kind"], title=fields["title"], items=fields["items"], guests=fields["guests"],
            is_public=fields["is_public"], discount_percent=fields["discount_percent"],
            override_rules=fields["override_rules"], payment=fields.get("payment"), pay_later=fields["pay_later"],
        )  # fmt: skip
        return Response(booking_answer(request, booking), status=status.HTTP_201_CREATED)


def visible_series(request, series_id):
    return get_object_or_404(selectors.series_visible_to(request.user).select_related("venue"), pk=series_id)


class SeriesPaymentsView(APIView):
    """POST (the series' customer): one Razorpay order for what the whole series owes now."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={201: serializers.OnlinePaymentSerializer, **REFUSALS})
    def post(self, request, series_id):
        series = visible_series(request, series_id)
        return online_payment_answer(request, series, start_series_online_payment)


class AdminSeriesPaymentView(APIView):
    """Staff record money received for a whole series: shared out over its bookings, deposits first."""

    permission_classes = [StaffWithPermission]
    staff_permission = "payments.add_payment"

    @extend_schema(
        request=serializers.OfflinePaymentSerializer, responses={201: serializers.SeriesPaymentSerializer, **REFUSALS}
    )
    def post(self, request, series_id):
        series = get_object_or_404(BookingSeries, pk=series_id)
        payload = serializers.OfflinePaymentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        payments = record_series_offline_payment(series, by_user=request.user, **payload.validated_data)
        answer = {"series": series.pk, "amount": payload.validated_data["amount"], "payments": payments}
        return Response(serializers.SeriesPaymentSerializer(answer).data, status=status.HTTP_201_CREATED)


class SeriesCancelView(APIView):
    """Cancel a series from a date: each booking from then on is cancelled and refunded by the policy."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=SeriesCancelSerializer, responses=SeriesSerializer)
    def post(self, request, series_id):
        series = visible_series(request, series_id)
        if series.user_id != request.user.pk and not request.user.has_perm("bookings.cancel_booking"):
            raise PermissionDenied()
        payload = SeriesCancelSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        cancel_series_from(series, request.user, payload.validated_data["from_date"], payload.validated_data["reason"])
        return Response(SeriesSerializer(series, context={"request": request}).data)
