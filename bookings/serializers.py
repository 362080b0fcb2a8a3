"""Input and output shapes of the bookings API. Rules live in services, not here."""

from zoneinfo import ZoneInfo

from django.utils import timezone
from rest_framework import serializers

from bookings.models import Booking, BookingItem, Item, Refund, Venue
from bookings.rules import MAX_ITEM_LINES, MAX_ITEM_QUANTITY
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

    class Meta:
        model = Venue
        fields = [
            "id", "name", "slug", "city", "address", "state_code", "timezone", "capacity", "hourly_rate",
            "gst_rate", "sac_code", "rules", "description", "is_active",
        ]  # fmt: skip
        read_only_fields = ["rules"]
        extra_kwargs = {"capacity": {"min_value": 1, "max_value": MAX_CAPACITY}}


class ItemSerializer(serializers.ModelSerializer):
    unit_price = price_field()
    gst_rate = gst_rate_field()

    class Meta:
        model = Item
        fields = ["id", "name", "description", "unit_price", "gst_rate", "sac_code", "stock", "is_active"]
        extra_kwargs = {"stock": {"max_value": MAX_ITEM_STOCK}}


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
        fields = ["amount", "percent", "reason", "status", "created_at"]
        read_only_fields = fields


class BookingDetailSerializer(serializers.ModelSerializer):
    venue_name = serializers.CharField(source="venue.name", read_only=True)
    items = BookingItemSerializer(many=True, read_only=True)
    refund = serializers.SerializerMethodField()

    class Meta:
        model = Booking
        fields = [
            "id", "user", "venue", "venue_name", "kind", "title", "start_datetime", "end_datetime", "status",
            "is_public", "venue_hourly_rate", "venue_gst_rate", "subtotal", "tax_total", "total", "items", "refund",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_refund(self, booking) -> RefundSerializer(allow_null=True):
        refund = getattr(booking, "refund", None)
        return RefundSerializer(refund).data if refund is not None else None


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
    items = BookingItemInputSerializer(many=True, required=False, default=list, max_length=MAX_ITEM_LINES)


class CancelBookingSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=300, required=False, default="", allow_blank=True, validators=[refuse_control_characters]
    )


class ProgramSerializer(serializers.ModelSerializer):
    venue_name = serializers.CharField(source="venue.name", read_only=True)
    city = serializers.CharField(source="venue.city", read_only=True)

    class Meta:
        model = Booking
        fields = ["id", "title", "start_datetime", "end_datetime", "venue", "venue_name", "city"]
        read_only_fields = fields


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
        with timezone.override(ZoneInfo(instance["timezone"])):
            return super().to_representation(instance)


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
