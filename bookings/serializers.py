"""Input and output shapes of the bookings API. Rules live in services, not here."""

import zoneinfo
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

from bookings.models import Booking, BookingChange, BookingItem, BookingSeries, Closure, Item, Refund, Venue
from bookings.rules import (
    MAX_ITEM_LINES,
    MAX_ITEM_QUANTITY,
    RULE_CODES,
    availability_date_range,
    merge_rules,
    validate_rules,
)
from lebrq.fields import NonNegativeDecimalField
from lebrq.validators import refuse_control_characters

MAX_CAPACITY = 100_000
MAX_ITEM_STOCK = 1_000_000


def price_field():
    return NonNegativeDecimalField(max_digits=12, decimal_places=2)


def gst_rate_field():
    return NonNegativeDecimalField(max_digits=5, decimal_places=2, max_value=100, required=False)


class VenueSerializer(serializers.ModelSerializer):
    hourly_rate = price_field()
    gst_rate = gst_rate_field()
    rules = serializers.JSONField(
        required=False,
        help_text="The venue's rules (DESIGN Part 2). PATCH merges the keys sent over the current rules (opening "
        "hours day by day); POST and PUT take the object whole, a key left out at its default.",
    )

    class Meta:
        model = Venue
        fields = [
            "id", "name", "slug", "city", "address", "state_code", "timezone", "capacity", "hourly_rate",
            "gst_rate", "sac_code", "rules", "description", "is_active",
        ]  # fmt: skip
        extra_kwargs = {"capacity": {"min_value": 1, "max_value": MAX_CAPACITY}}

    def validate_rules(self, rules):
        """The complete rules to store, or 400 `{"rules": {"<key>": [message]}}` naming the bad key."""
        try:
            if self.instance is not None and self.partial:
                return merge_rules(self.instance.rules, rules)
            return validate_rules(rules)
        except DjangoValidationError as refusal:
            errors = refusal.message_dict
            if "rules" in errors:  # not an object at all
                raise serializers.ValidationError(errors["rules"]) from None
            raise serializers.ValidationError(
                {key.removeprefix("rules."): messages for key, messages in errors.items()}
            ) from None


class ItemSerializer(serializers.ModelSerializer):
    unit_price = price_field()
    gst_rate = gst_rate_field()

    class Meta:
        model = Item
        fields = ["id", "name", "description", "unit_price", "gst_rate", "sac_code", "stock", "is_active"]
        extra_kwargs = {"stock": {"max_value": MAX_ITEM_STOCK}}


class OffsetDateTimeField(serializers.DateTimeField):
    """An ISO datetime that states its UTC offset: a bare local time is ambiguous across venues' zones."""

    default_error_messages = {"naive": "Give the time with its UTC offset, e.g. 2027-01-15T09:00:00+05:30."}

    def to_internal_value(self, value):
        if isinstance(value, str):
            parsed = parse_datetime(value.strip()) if len(value) <= 64 else None
            if parsed is not None and timezone.is_naive(parsed):
                self.fail("naive")
        return super().to_internal_value(value)


class ClosureSerializer(serializers.ModelSerializer):
    """A closure of `context["venue"]`, its times shown in the venue's own time zone."""

    start = OffsetDateTimeField()
    end = OffsetDateTimeField()
    reason = serializers.CharField(
        max_length=300, required=False, default="", allow_blank=True, validators=[refuse_control_characters]
    )

    class Meta:
        model = Closure
        fields = ["id", "venue", "start", "end", "reason", "created_at"]
        read_only_fields = ["id", "venue", "created_at"]

    def validate(self, attrs):
        if attrs["end"] <= attrs["start"]:
            raise serializers.ValidationError({"end": ["The end must be after the start."]})
        first, last = availability_date_range()
        for key in ("start", "end"):
            if not first <= timezone.localdate(attrs[key]) <= last + timedelta(days=1):
                raise serializers.ValidationError({key: [f"Give a time between {first} and {last}."]})
        return attrs

    def to_representation(self, closure):
        data = super().to_representation(closure)
        zone = zoneinfo.ZoneInfo(self.context["venue"].timezone)
        for key in ("start", "end"):
            data[key] = getattr(closure, key).astimezone(zone).isoformat()
        return data


class ClosureConflictingBookingSerializer(serializers.Serializer):
    booking = serializers.IntegerField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()


class ClosureConflictSerializer(serializers.Serializer):
    """The 409 `closure_conflict` body (for the OpenAPI schema)."""

    detail = serializers.CharField()
    code = serializers.ChoiceField(choices=["closure_conflict"])
    conflicts = ClosureConflictingBookingSerializer(many=True)


class BookingListSerializer(serializers.Serializer):
    """A row of `selectors.booking_list` (a dict of LIST_COLUMNS)."""

    id = serializers.IntegerField()
    venue = serializers.IntegerField(source="venue_id")
    venue_name = serializers.CharField(source="venue__name")
    kind = serializers.ChoiceField(choices=Booking.Kind.choices)
    title = serializers.CharField()
    start_datetime = serializers.DateTimeField()
    end_datetime = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=Booking.Status.choices)
    is_public = serializers.BooleanField()
    total = serializers.DecimalField(max_digits=12, decimal_places=2)
    created_at = serializers.DateTimeField()


class AdminBookingListSerializer(BookingListSerializer):
    user = serializers.IntegerField(source="user_id")
    user_email = serializers.EmailField(source="user__email")


class BookingItemSerializer(serializers.ModelSerializer):
    item_name = serializers.CharField(source="item.name", read_only=True)

    class Meta:
        model = BookingItem
        fields = ["item", "item_name", "quantity", "unit_price", "gst_rate"]
        read_only_fields = fields


class RefundSerializer(serializers.ModelSerializer):
    class Meta:
        model = Refund
        fields = ["id", "amount", "percent", "status", "provider", "reference", "reason", "created_at", "processed_at"]
        read_only_fields = fields


class BookingDetailSerializer(serializers.ModelSerializer):
    venue_name = serializers.CharField(source="venue.name", read_only=True)
    items = BookingItemSerializer(many=True, read_only=True)
    customer_email = serializers.EmailField(source="user.email", read_only=True)
    refunds = RefundSerializer(many=True, read_only=True)
    amount_due = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = Booking
        fields = [
            "id", "user", "customer_email", "venue", "venue_name", "kind", "title", "start_datetime", "end_datetime",
            "status", "hold_expires_at", "decision_due_at", "is_public", "guests", "series", "discount_percent",
            "venue_hourly_rate", "venue_gst_rate", "subtotal", "tax_total", "total", "deposit_amount",
            "balance_due_at", "amount_paid", "amount_refunded", "amount_due", "items", "refunds", "sequence",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class BookingItemInputSerializer(serializers.Serializer):
    item = serializers.PrimaryKeyRelatedField(queryset=Item.objects.all())
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_ITEM_QUANTITY)


class BookingCreateSerializer(serializers.Serializer):
    venue = serializers.PrimaryKeyRelatedField(queryset=Venue.objects.all())
    start_datetime = serializers.DateTimeField()
    end_datetime = serializers.DateTimeField()
    kind = serializers.ChoiceField(choices=Booking.Kind.choices, default=Booking.Kind.EVENT)
    title = serializers.CharField(max_length=200, validators=[refuse_control_characters])
    is_public = serializers.BooleanField(default=False)
    guests = serializers.IntegerField(min_value=1, max_value=MAX_CAPACITY, default=1)
    items = BookingItemInputSerializer(many=True, required=False, default=list, max_length=MAX_ITEM_LINES)


class BookingQuoteSerializer(BookingCreateSerializer):
    """The body of a booking create; a quote needs no title."""

    title = serializers.CharField(max_length=200, required=False, default="", validators=[refuse_control_characters])


def money_field():
    return serializers.DecimalField(max_digits=12, decimal_places=2)


class QuoteLineSerializer(serializers.Serializer):
    description = serializers.CharField()
    sac_code = serializers.CharField()
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2)
    unit_price = money_field()
    taxable_value = money_field()
    gst_rate = serializers.DecimalField(max_digits=5, decimal_places=2)
    cgst = money_field()
    sgst = money_field()
    igst = money_field()
    amount = money_field()


class CancellationTierSerializer(serializers.Serializer):
    hours_before = serializers.IntegerField()
    refund_percent = serializers.IntegerField()


class QuoteSerializer(serializers.Serializer):
    lines = QuoteLineSerializer(many=True)
    subtotal = money_field()
    tax_total = money_field()
    total = money_field()
    deposit_due = money_field()
    balance_due = money_field()
    balance_due_at = serializers.DateTimeField()
    hold_minutes = serializers.IntegerField()
    cancellation_policy = CancellationTierSerializer(many=True)


class RuleViolationSerializer(serializers.Serializer):
    """A 400: a venue rule broken (`detail` and `code`), or DRF's map of fields to messages."""

    detail = serializers.CharField(required=False)
    code = serializers.CharField(
        required=False, help_text=f"One of {', '.join(RULE_CODES)}, or amount_too_large; absent for field errors."
    )


class BookingConflictSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()


class BookingConflictResponseSerializer(serializers.Serializer):
    """A 409: the slot (buffers included) or an add-on's stock is taken."""

    detail = serializers.CharField()
    code = serializers.CharField(help_text="slot_unavailable or item_unavailable (or a status conflict's code).")
    conflicts = BookingConflictSerializer(
        many=True, required=False, help_text="slot_unavailable: the bookings in the way, without their buffers."
    )
    item = serializers.IntegerField(required=False, help_text="item_unavailable: the add-on's id.")
    available = serializers.IntegerField(required=False, help_text="item_unavailable: units left for this time.")


class ConfirmBookingSerializer(serializers.Serializer):
    pay_later = serializers.BooleanField()

    def validate_pay_later(self, value):
        if not value:
            raise serializers.ValidationError(
                "Staff confirm without payment with pay_later: true; money confirms by itself."
            )
        return value


class ApproveBookingSerializer(serializers.Serializer):
    pay_later = serializers.BooleanField(
        default=False, help_text="Confirm at once without payment; otherwise the booking is held for its deposit."
    )


class RejectBookingSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=300, validators=[refuse_control_characters], help_text="Told to the customer."
    )


class RescheduleSerializer(serializers.Serializer):
    start_datetime = serializers.DateTimeField()
    end_datetime = serializers.DateTimeField()
    override_rules = serializers.BooleanField(
        default=False, help_text="Staff only: ignore the notice, the horizon and the opening hours."
    )


class BookingChangeSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="email", read_only=True, help_text="null for the system.")
    changes = serializers.DictField(
        child=serializers.ListField(min_length=2, max_length=2), read_only=True, help_text="{field: [before, after]}"
    )

    class Meta:
        model = BookingChange
        fields = ["at", "actor", "action", "changes"]
        read_only_fields = fields


class ProgramSerializer(serializers.ModelSerializer):
    """A public series on the programme: the series' id, and when it next meets."""

    venue_name = serializers.CharField(source="venue.name", read_only=True)
    city = serializers.CharField(source="venue.city", read_only=True)
    next_occurrence = serializers.DateTimeField(read_only=True)
    next_occurrence_end = serializers.DateTimeField(read_only=True)

    class Meta:
        model = BookingSeries
        fields = ["id", "title", "rrule", "venue", "venue_name", "city", "next_occurrence", "next_occurrence_end"]
        read_only_fields = fields


class SeriesCreateSerializer(BookingCreateSerializer):
    kind = serializers.ChoiceField(choices=Booking.Kind.choices, default=Booking.Kind.PROGRAM)
    rrule = serializers.CharField(
        max_length=500, help_text="RFC 5545 RRULE with COUNT or UNTIL, e.g. FREQ=WEEKLY;BYDAY=MO,WE;COUNT=12."
    )
    on_conflict = serializers.ChoiceField(choices=["fail", "skip"], default="fail")


class SkippedDateSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    code = serializers.CharField()


class SeriesBookingSerializer(serializers.ModelSerializer):
    amount_due = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = Booking
        fields = [
            "id", "start_datetime", "end_datetime", "status", "hold_expires_at", "total", "deposit_amount",
            "amount_paid", "amount_due",
        ]  # fmt: skip
        read_only_fields = fields


class SeriesSerializer(serializers.ModelSerializer):
    venue_name = serializers.CharField(source="venue.name", read_only=True)
    bookings = SeriesBookingSerializer(many=True, read_only=True, source="ordered_bookings")
    amount_due = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta:
        model = BookingSeries
        fields = [
            "id", "venue", "venue_name", "kind", "title", "rrule", "is_public", "guests", "amount_due", "bookings",
            "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class SeriesCreatedSerializer(SeriesSerializer):
    skipped = SkippedDateSerializer(many=True, read_only=True)

    class Meta(SeriesSerializer.Meta):
        fields = [*SeriesSerializer.Meta.fields, "skipped"]
        read_only_fields = fields


class SeriesListSerializer(serializers.ModelSerializer):
    class Meta:
        model = BookingSeries
        fields = ["id", "venue", "kind", "title", "rrule", "is_public", "created_at"]
        read_only_fields = fields


class SeriesCancelSerializer(serializers.Serializer):
    from_date = serializers.DateField(help_text="Occurrences on this local date and after are cancelled.")
    reason = serializers.CharField(
        max_length=300, required=False, default="", allow_blank=True, validators=[refuse_control_characters]
    )


class BusySlotSerializer(serializers.Serializer):
    start_datetime = serializers.DateTimeField()
    end_datetime = serializers.DateTimeField()


class AvailabilitySerializer(serializers.Serializer):
    venue = serializers.IntegerField()
    date = serializers.DateField()
    busy = BusySlotSerializer(many=True)


class AvailabilityQuerySerializer(serializers.Serializer):
    """`?date=` (Part 1: one day's busy slots) or `?from=&to=` (both included; `to` defaults to `from`)."""

    date = serializers.DateField(required=False, help_text="Part 1 form: one local day's busy slots.")
    to = serializers.DateField(required=False, help_text="Last local day, included (default: `from`).")

    def get_fields(self):
        # `from` is a Python keyword: it cannot be declared as a class attribute.
        fields = super().get_fields()
        return {
            "date": fields["date"],
            "from": serializers.DateField(required=False, help_text="First local day, included; at most 62 days."),
            "to": fields["to"],
        }

    def validate(self, attrs):
        if "date" in attrs and ("from" in attrs or "to" in attrs):
            raise serializers.ValidationError({"date": ["Send either date or from (and to), not both."]})
        if "to" in attrs and "from" not in attrs:
            raise serializers.ValidationError({"from": [self.fields["from"].error_messages["required"]]})
        if "date" not in attrs and "from" not in attrs:
            raise serializers.ValidationError({"date": [self.fields["date"].error_messages["required"]]})
        if "from" in attrs:
            attrs.setdefault("to", attrs["from"])
        return attrs


class BusyIntervalSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    reason = serializers.ChoiceField(choices=["booked", "held", "closed", "buffer"])


def interval_list_field(help_text):
    pair = serializers.ListField(child=serializers.DateTimeField(), min_length=2, max_length=2)
    return serializers.ListField(child=pair, help_text=help_text)


class AvailabilityDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    open = interval_list_field("[start, end] of each opening interval.")
    busy = BusyIntervalSerializer(many=True)
    free = interval_list_field("[start, end] bookable now: open minus busy, on the grid, long enough.")


class AvailabilityRangeSerializer(serializers.Serializer):
    """Datetimes are written in the venue's time zone, with its offset."""

    venue = serializers.IntegerField()
    timezone = serializers.CharField()
    days = AvailabilityDaySerializer(many=True)

    def to_representation(self, instance):
        if api_settings.DATETIME_FORMAT.lower() == ISO_8601:
            return _days_in_local_time(instance)
        with timezone.override(ZoneInfo(instance["timezone"])):
            return super().to_representation(instance)


def _days_in_local_time(instance):
    """What the fields above write, built directly, with each datetime in the venue's zone left
    for the renderer to write (as a DateTimeField(format=None) leaves it): DRF's encoder and
    lebrq.renderers write ISO 8601 alike. A dense 62-day answer holds thousands of datetimes, and
    DRF's walk field by field, then Python's isoformat, cost more than computing the answer."""
    zone = ZoneInfo(instance["timezone"])
    return {
        "venue": instance["venue"],
        "timezone": instance["timezone"],
        "days": [
            {
                "date": day.date.isoformat(),
                "open": [[start.astimezone(zone), end.astimezone(zone)] for start, end in day.open],
                "busy": [
                    {"start": busy.start.astimezone(zone), "end": busy.end.astimezone(zone), "reason": busy.reason}
                    for busy in day.busy
                ],
                "free": [[start.astimezone(zone), end.astimezone(zone)] for start, end in day.free],
            }
            for day in instance["days"]
        ],
    }


class VenueSearchQuerySerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    guests = serializers.IntegerField(min_value=1, max_value=MAX_CAPACITY, default=1)
    city = serializers.CharField(max_length=100, required=False, validators=[refuse_control_characters])


class VenueQuoteSerializer(serializers.Serializer):
    total = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="Venue hire, GST included.")
    deposit_due = serializers.DecimalField(max_digits=12, decimal_places=2)


class VenueSearchResultSerializer(VenueSerializer):
    quote = VenueQuoteSerializer(read_only=True)

    class Meta(VenueSerializer.Meta):
        fields = [*VenueSerializer.Meta.fields, "quote"]
        read_only_fields = fields


class ExportQuerySerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=["csv", "ndjson"], default="csv")
    bom = serializers.BooleanField(default=False, help_text="Start the CSV with a UTF-8 byte-order mark, for Excel.")

    def validate(self, attrs):
        if attrs["bom"] and attrs["format"] != "csv":
            raise serializers.ValidationError({"bom": ["Only the CSV export takes a byte-order mark."]})
        return attrs
