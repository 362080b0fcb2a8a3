"""Input and output shapes of the payments API."""

from decimal import Decimal

from rest_framework import serializers

from bookings.serializers import BookingCreateSerializer
from lebrq.fields import NonNegativeDecimalField
from lebrq.validators import refuse_control_characters
from payments.models import OFFLINE_METHOD_CHOICES, Payment


class PrefillSerializer(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.EmailField()


class CheckoutSerializer(serializers.Serializer):
    """Handed to Razorpay's checkout as it is: `amount` is integer paise."""

    key_id = serializers.CharField()
    order_id = serializers.CharField()
    amount = serializers.IntegerField()
    currency = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    prefill = PrefillSerializer()


class PaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Payment
        fields = [
            "id", "booking", "provider", "method", "amount", "currency", "status", "reference", "provider_order_id",
            "provider_payment_id", "created_at", "captured_at",
        ]  # fmt: skip
        read_only_fields = fields


class SeriesPaymentSerializer(serializers.Serializer):
    """Money recorded for a whole series: its total, and the share each booking received."""

    series = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    payments = PaymentSerializer(many=True)


class OnlinePaymentSerializer(PaymentSerializer):
    checkout = CheckoutSerializer(read_only=True)

    class Meta(PaymentSerializer.Meta):
        fields = [*PaymentSerializer.Meta.fields, "checkout"]
        read_only_fields = fields


class VerifySerializer(serializers.Serializer):
    razorpay_order_id = serializers.CharField(max_length=64)
    razorpay_payment_id = serializers.CharField(max_length=64)
    razorpay_signature = serializers.CharField(max_length=128)


class OfflinePaymentSerializer(serializers.Serializer):
    amount = NonNegativeDecimalField(max_digits=12, decimal_places=2)
    method = serializers.ChoiceField(choices=OFFLINE_METHOD_CHOICES)
    reference = serializers.CharField(
        max_length=120, required=False, default="", validators=[refuse_control_characters]
    )


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=300, required=False, default="", allow_blank=True, validators=[refuse_control_characters]
    )


class StaffCancelSerializer(CancelSerializer):
    refund_percent = serializers.IntegerField(min_value=0, max_value=100, required=False)


class WebhookAnswerSerializer(serializers.Serializer):
    status = serializers.CharField()


class StaffBookingSerializer(BookingCreateSerializer):
    """A booking staff make on a customer's behalf (DESIGN Part 2, lifecycle)."""

    customer_email = serializers.EmailField(max_length=254)
    customer_name = serializers.CharField(
        max_length=150, required=False, default="", allow_blank=True, validators=[refuse_control_characters]
    )
    phone = serializers.CharField(
        max_length=20, required=False, default="", allow_blank=True, validators=[refuse_control_characters]
    )
    discount_percent = NonNegativeDecimalField(
        max_digits=5, decimal_places=2, max_value=100, required=False, default=Decimal("0.00")
    )
    override_rules = serializers.BooleanField(
        default=False, help_text="Ignore the notice, the horizon and the opening hours (never overlaps or capacity)."
    )
    payment = OfflinePaymentSerializer(required=False, help_text="Money taken at the desk, recorded with the booking.")
    pay_later = serializers.BooleanField(default=False, help_text="Confirm now; the customer pays later.")
