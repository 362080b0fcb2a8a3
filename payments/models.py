"""Money received for bookings, and the provider events that moved it.

Every rupee received is a captured Payment row; every rupee returned is a bookings.Refund row
(paid out by payments.services). A Payment is never deleted.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from bookings.models import MONEY, Booking
from lebrq.validators import refuse_control_characters


class Payment(models.Model):
    class Provider(models.TextChoices):
        OFFLINE = "offline", "Offline (recorded by staff)"
        RAZORPAY = "razorpay", "Razorpay"

    class Method(models.TextChoices):
        UPI = "upi", "UPI"
        BANK_TRANSFER = "bank_transfer", "Bank transfer"
        CASH = "cash", "Cash"
        CHEQUE = "cheque", "Cheque"
        CARD_TERMINAL = "card_terminal", "Card terminal"
        RAZORPAY = "razorpay", "Razorpay checkout"

    class Status(models.TextChoices):
        CREATED = "created", "Created (awaiting the customer)"
        CAPTURED = "captured", "Captured"
        FAILED = "failed", "Failed"

    OFFLINE_METHODS = (Method.UPI, Method.BANK_TRANSFER, Method.CASH, Method.CHEQUE, Method.CARD_TERMINAL)

    booking = models.ForeignKey(Booking, on_delete=models.PROTECT, related_name="payments")
    # A series is paid as one (DESIGN Part 2): the money is shared out as one Payment row per
    # booking; the shares point at the row the provider or the desk took it on (`parent`).
    series = models.ForeignKey(
        "bookings.BookingSeries", on_delete=models.PROTECT, null=True, blank=True, related_name="payments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="shares",
        help_text="For a share of a series payment: the payment the money came in on.",
    )  # fmt: skip
    provider = models.CharField(max_length=10, choices=Provider.choices)
    method = models.CharField(max_length=15, choices=Method.choices)
    amount = models.DecimalField(**MONEY)
    currency = models.CharField(max_length=3, default="INR")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CREATED)
    reference = models.CharField(
        max_length=120, blank=True, validators=[refuse_control_characters],
        help_text="UPI reference, UTR, cheque number or terminal slip: what staff recorded.",
    )  # fmt: skip
    provider_order_id = models.CharField(max_length=64, null=True, blank=True, unique=True)
    provider_payment_id = models.CharField(max_length=64, null=True, blank=True, unique=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    captured_at = models.DateTimeField(null=True, blank=True)
    failure_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["booking", "status"], name="payment_booking_status")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=Q(status="created") | Q(status="failed") | Q(captured_at__isnull=False),
                name="payment_captured_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.get_method_display()} {self.amount} for booking #{self.booking_id} ({self.status})"


OFFLINE_METHOD_CHOICES = [(method.value, method.label) for method in Payment.OFFLINE_METHODS]


class ProviderEvent(models.Model):
    """A provider webhook applied once: a replay finds its id here and changes nothing."""

    provider = models.CharField(max_length=10, choices=Payment.Provider.choices)
    event_id = models.CharField(max_length=64)
    event = models.CharField(max_length=64)
    received_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="provider_event_once")]

    def __str__(self):
        return f"{self.provider} {self.event} {self.event_id}"
