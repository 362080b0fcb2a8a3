"""The admin's "add booking" page: a staff booking through payments.staff_bookings.book_for_customer."""

from decimal import Decimal

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.validators import MaxValueValidator, MinValueValidator

from bookings.models import Booking, Item, Venue
from bookings.rules import MAX_ITEM_QUANTITY
from lebrq.validators import refuse_control_characters
from payments.models import Payment


class StaffBookingForm(forms.Form):
    customer_email = forms.EmailField()
    customer_name = forms.CharField(required=False, max_length=150, validators=[refuse_control_characters])
    phone = forms.CharField(required=False, max_length=20, validators=[refuse_control_characters])
    venue = forms.ModelChoiceField(queryset=Venue.objects.filter(is_active=True))
    start = forms.SplitDateTimeField(widget=AdminSplitDateTime, help_text="Local time.")
    end = forms.SplitDateTimeField(widget=AdminSplitDateTime)
    title = forms.CharField(max_length=200, validators=[refuse_control_characters])
    kind = forms.ChoiceField(choices=Booking.Kind.choices)
    guests = forms.IntegerField(min_value=1, initial=1)
    discount_percent = forms.DecimalField(
        required=False, max_digits=5, decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )  # fmt: skip
    override_rules = forms.BooleanField(
        required=False, help_text="Ignore the notice, the horizon and the opening hours (never overlaps)."
    )
    pay_later = forms.BooleanField(required=False, help_text="Confirm now; the customer pays later.")
    amount = forms.DecimalField(
        required=False, max_digits=12, decimal_places=2, label="Paid now (INR)",
        validators=[MinValueValidator(Decimal("0.01"))],
    )  # fmt: skip
    method = forms.ChoiceField(
        required=False, choices=[("", "---------")] + [(m.value, m.label) for m in Payment.OFFLINE_METHODS]
    )
    reference = forms.CharField(required=False, max_length=120, validators=[refuse_control_characters])

    def clean(self):
        data = super().clean()
        if data.get("amount") and not data.get("method"):
            self.add_error("method", "Say how the money was paid.")
        return data

    def service_arguments(self, add_ons):
        data = self.cleaned_data
        payment = None
        if data.get("amount"):
            payment = {"amount": data["amount"], "method": data["method"], "reference": data.get("reference", "")}
        return {
            "customer_email": data["customer_email"], "customer_name": data["customer_name"], "phone": data["phone"],
            "venue": data["venue"], "start": data["start"], "end": data["end"], "title": data["title"],
            "kind": data["kind"], "guests": data["guests"], "discount_percent": data.get("discount_percent"),
            "override_rules": data["override_rules"], "pay_later": data["pay_later"], "payment": payment,
            "items": add_on_lines(add_ons),
        }  # fmt: skip


class AddOnLineForm(forms.Form):
    item = forms.ModelChoiceField(queryset=Item.objects.filter(is_active=True), required=False, label="Add-on")
    quantity = forms.IntegerField(min_value=1, max_value=MAX_ITEM_QUANTITY, required=False)

    def clean(self):
        data = super().clean()
        if data.get("item") and not data.get("quantity"):
            self.add_error("quantity", "How many?")
        return data


# Three empty lines on the page; lines left empty are ignored. The service prices and checks stock.
AddOnFormSet = forms.formset_factory(AddOnLineForm, extra=3, max_num=20, validate_max=True)


def add_on_lines(formset):
    """The add-on lines the desk filled in, as create_booking takes them."""
    return [
        {"item": line["item"], "quantity": line["quantity"]}
        for line in (form.cleaned_data for form in formset.forms)
        if line.get("item")
    ]
