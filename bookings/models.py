import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import STATE_CODE_VALIDATOR
from bookings.pricing import MONEY, RATE  # noqa: F401 - MONEY is imported from here by invoices
from bookings.rules import default_rules, validate_rules_field
from lebrq.validators import refuse_control_characters

SAC_CODE_VALIDATOR = RegexValidator(r"^[0-9]{4,8}\Z", "A SAC code is 4 to 8 digits.")
# Services Accounting Codes printed on invoice lines (GST): hire of a non-residential property,
# and event equipment and support services.
VENUE_HIRE_SAC = "997212"
EVENT_SERVICES_SAC = "998596"


def validate_timezone_name(name):
    if name not in zoneinfo.available_timezones():
        raise ValidationError(f"{name!r} is not an IANA time zone (e.g. Asia/Kolkata).")


class Venue(models.Model):
    name = models.CharField(max_length=200, validators=[refuse_control_characters])
    slug = models.SlugField(max_length=200, unique=True)
    city = models.CharField(max_length=100, validators=[refuse_control_characters])
    address = models.CharField(max_length=300, blank=True, validators=[refuse_control_characters])
    state_code = models.CharField(
        max_length=2, validators=[STATE_CODE_VALIDATOR], help_text="GST state code of the venue, e.g. 29 for Karnataka."
    )
    timezone = models.CharField(max_length=64, default="Asia/Kolkata", validators=[validate_timezone_name])
    capacity = models.PositiveIntegerField(help_text="Most guests a booking may bring.")
    hourly_rate = models.DecimalField(**MONEY, validators=[MinValueValidator(Decimal("0"))])
    gst_rate = models.DecimalField(**RATE, default=Decimal("18.00"), validators=[MinValueValidator(Decimal("0"))])
    sac_code = models.CharField(max_length=8, default=VENUE_HIRE_SAC, validators=[SAC_CODE_VALIDATOR])
    rules = models.JSONField(default=default_rules, validators=[validate_rules_field])
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return f"{self.name} ({self.city})"


class Item(models.Model):
    """An add-on booked with a venue: chairs, sound system, catering per plate."""

    name = models.CharField(max_length=200, unique=True, validators=[refuse_control_characters])
    description = models.TextField(blank=True)
    unit_price = models.DecimalField(**MONEY, validators=[MinValueValidator(Decimal("0"))])
    gst_rate = models.DecimalField(**RATE, default=Decimal("18.00"), validators=[MinValueValidator(Decimal("0"))])
    sac_code = models.CharField(max_length=8, default=EVENT_SERVICES_SAC, validators=[SAC_CODE_VALIDATOR])
    stock = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many exist: bookings overlapping in time share them. Empty = unlimited."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class Closure(models.Model):
    """A time the venue takes no bookings (maintenance, a festival, a private function)."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="closures")
    start = models.DateTimeField()
    end = models.DateTimeField()
    reason = models.CharField(max_length=300, blank=True, validators=[refuse_control_characters])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "id"]
        indexes = [models.Index(fields=["venue", "start"], name="closure_venue_start")]
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="closure_ends_after_start")]

    def __str__(self):
        return f"{self.venue_id}: {self.start:%Y-%m-%d %H:%M} - {self.end:%Y-%m-%d %H:%M}"


class BookingSeries(models.Model):
    """A recurring programme: bookings at the times an RFC 5545 rule gives, held and paid as one.

    Each occurrence is a Booking of its own (its own slot, invoice and status); the series is
    what the customer created, pays the deposits of, and cancels from a date.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="booking_series")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="booking_series")
    kind = models.CharField(max_length=10, default="program")
    title = models.CharField(max_length=200, validators=[refuse_control_characters])
    rrule = models.CharField(max_length=500, help_text="RFC 5545 recurrence rule, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=12.")
    is_public = models.BooleanField(default=False, help_text="Listed among the public regular programmes.")
    guests = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "booking series"

    def __str__(self):
        return f"Series #{self.pk} {self.title}"

    @property
    def ordered_bookings(self):
        return self.bookings.order_by("start_datetime", "id")

    @property
    def amount_due(self):
        """What one payment of the series covers now: the next amount due of each booking that
        is confirmed or holds its slot (payments.series_payments charges the same)."""
        now = timezone.now()
        return sum(
            (
                booking.amount_due
                for booking in self.bookings.all()
                if booking.status == Booking.Status.CONFIRMED
                or (booking.status == Booking.Status.PENDING and (booking.hold_expires_at or now) >= now)
            ),
            Decimal("0.00"),
        )


class Booking(models.Model):
    class Kind(models.TextChoices):
        EVENT = "event", "Event"
        PROGRAM = "program", "Programme"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending (held, awaiting payment)"
        REQUESTED = "requested", "Requested (awaiting staff)"
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"
        REJECTED = "rejected", "Rejected"
        EXPIRED = "expired", "Expired"
        COMPLETED = "completed", "Completed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="bookings")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EVENT)
    title = models.CharField(max_length=200)
    start_datetime = models.DateTimeField()
    end_datetime = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    is_public = models.BooleanField(default=False, help_text="Listed among the public regular programmes.")
    guests = models.PositiveIntegerField(default=1)
    # A pending booking blocks its slot only until then; a lapsed hold is free for others at once.
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    # A request (venue requiring approval) blocks its slot until staff decide, at the latest then.
    decision_due_at = models.DateTimeField(null=True, blank=True)
    # Raised on every change of time or status: the iCal SEQUENCE calendars order updates by.
    sequence = models.PositiveIntegerField(default=0)
    series = models.ForeignKey(BookingSeries, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings")
    # Who made it when staff booked on a customer's behalf (phone, walk-in); null for the customer.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Staff's discount on every line, kept so a reschedule re-prices the booking the same way.
    discount_percent = models.DecimalField(
        **RATE, default=Decimal("0.00"), validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
    )
    # Money snapshot taken when the booking is priced; invoices print these, never today's prices.
    venue_hourly_rate = models.DecimalField(**MONEY, default=Decimal("0.00"))
    venue_gst_rate = models.DecimalField(**RATE, default=Decimal("0.00"))
    subtotal = models.DecimalField(**MONEY, default=Decimal("0.00"))
    tax_total = models.DecimalField(**MONEY, default=Decimal("0.00"))
    total = models.DecimalField(**MONEY, default=Decimal("0.00"))
    # Payment terms fixed at creation (bookings.pricing.payment_terms) and the money ledger:
    # amount_paid and amount_refunded are kept by payments.services under the booking's row
    # lock, always equal to the booking's captured Payment rows and processed-or-owed Refund rows.
    deposit_amount = models.DecimalField(**MONEY, default=Decimal("0.00"))
    balance_due_at = models.DateTimeField(null=True, blank=True)
    amount_paid = models.DecimalField(**MONEY, default=Decimal("0.00"))
    amount_refunded = models.DecimalField(**MONEY, default=Decimal("0.00"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_datetime", "-id"]
        indexes = [
            models.Index(fields=["user", "status"], name="booking_user_status"),
            models.Index(fields=["start_datetime"], name="booking_start"),
            # Availability and search read these five columns of a venue's range: the index answers
            # them alone, without a lookup of each row (a dense venue's 62 days are ~2,000 rows).
            models.Index(
                fields=["venue", "start_datetime", "end_datetime", "status", "hold_expires_at"],
                name="booking_venue_span",
            ),
            # Cover the list orderings, so a deep page walks an index instead of the rows.
            models.Index(fields=["user", "start_datetime", "id"], name="booking_user_start"),
            models.Index(fields=["status", "start_datetime", "id"], name="booking_status_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_datetime__gt=F("start_datetime")), name="booking_ends_after_start"),
        ]
        # Staff actions beyond Django's add/change/delete/view, checked by the admin actions and the API.
        permissions = [
            ("confirm_booking", "Can confirm a pending booking"),
            ("cancel_booking", "Can cancel any booking, with a refund"),
            ("approve_booking", "Can approve or reject a requested booking"),
            ("reschedule_booking", "Can move any booking to another time"),
            ("book_for_customer", "Can book on a customer's behalf"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.title}"

    @property
    def amount_due(self):
        """What must be paid next: the deposit until it is paid, then the balance, then 0.00.

        Nothing is due on a booking that is over (cancelled, rejected, expired, completed).
        """
        if self.status not in (self.Status.PENDING, self.Status.REQUESTED, self.Status.CONFIRMED):
            return Decimal("0.00")
        if self.net_paid < self.deposit_amount:
            return self.deposit_amount - self.net_paid
        return self.unpaid_total

    @property
    def net_paid(self):
        """Money kept so far: received less returned."""
        return self.amount_paid - self.amount_refunded

    @property
    def unpaid_total(self):
        return max(self.total - self.net_paid, Decimal("0.00"))


class BookingItem(models.Model):
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    # Copied from the Item at booking time so later price changes never alter a booking.
    unit_price = models.DecimalField(**MONEY)
    gst_rate = models.DecimalField(**RATE)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["booking"], name="booking_item_booking")]

    def __str__(self):
        return f"{self.quantity} x {self.item_id}"


class BookingChange(models.Model):
    """One entry of a booking's history: who did what, when, and each field before and after.

    Written by bookings.services (and payments.services) in the transaction of the change
    itself, so the history never misses a change that committed nor shows one that did not.
    """

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        CONFIRMED = "confirmed", "Confirmed"
        PAYMENT_RECEIVED = "payment_received", "Payment received"
        RESCHEDULED = "rescheduled", "Rescheduled"
        CANCELLED = "cancelled", "Cancelled"
        REFUND_PROCESSED = "refund_processed", "Refund processed"
        EXPIRED = "expired", "Expired"
        COMPLETED = "completed", "Completed"
        UPDATED = "updated", "Updated"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField()
    # Null for the system (a job, a provider's webhook).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    # {field: [before, after]} as JSON values (datetimes ISO 8601, money decimal strings).
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["booking", "at"], name="booking_change_booking_at")]

    def __str__(self):
        return f"#{self.booking_id} {self.action} at {self.at:%Y-%m-%d %H:%M}"


class Refund(models.Model):
    """Money returned to a customer: one row per payment it goes back through.

    A cancellation by the policy, or money that arrived after its hold lapsed onto a slot
    taken since. payments.services pays it out (the provider's refund API, or a payout staff
    settle and mark processed or failed); bookings never calls a provider.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PROCESSED = "processed", "Processed"
        FAILED = "failed", "Failed"

    class Provider(models.TextChoices):
        OFFLINE = "offline", "Offline (paid out by staff)"
        RAZORPAY = "razorpay", "Razorpay"

    booking = models.ForeignKey(Booking, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(**MONEY)
    percent = models.PositiveSmallIntegerField(help_text="Share of what was paid that is returned.")
    reason = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    provider = models.CharField(max_length=10, choices=Provider.choices, default=Provider.OFFLINE)
    # The payment it goes back through (payments.Payment's id: a plain column, as bookings may
    # not depend on payments), and the provider's or the bank's reference once paid out.
    payment_id = models.PositiveBigIntegerField(null=True, blank=True)
    provider_refund_id = models.CharField(max_length=64, blank=True, db_index=True)
    reference = models.CharField(max_length=120, blank=True, validators=[refuse_control_characters])
    created_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [
            ("settle_refund", "Can mark a refund payout processed or failed"),
            ("refund_above_policy", "Can refund more than the venue's cancellation policy"),
        ]

    def __str__(self):
        return f"Refund {self.amount} for booking #{self.booking_id}"


class IdempotencyKey(models.Model):
    """The first result of a `POST /api/bookings/` sent with an `Idempotency-Key` header.

    Kept in the database (unique per user) so a retry landing on another worker still finds it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_fingerprint = models.CharField(max_length=64, help_text="sha256 of the normalised request body.")
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_per_user")]

    def __str__(self):
        return f"{self.key} -> booking #{self.booking_id}"
