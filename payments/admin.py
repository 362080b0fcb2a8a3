"""Payments and refunds in the admin, and the money actions on the booking admin.

bookings.admin cannot show payments (bookings may not import payments), so this module
re-registers the booking admin with payments and refunds inline and the actions that move
money: cancel with refund, record an offline payment.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from rest_framework.exceptions import APIException

from bookings.admin import BookingActionForm, BookingAdmin
from bookings.models import Booking, Refund
from payments.admin_forms import AddOnFormSet, StaffBookingForm
from payments.models import Payment, ProviderEvent
from payments.services import cancel_with_refund, record_offline_payment, settle_refund
from payments.staff_bookings import book_for_customer, refuse_unpermitted_desk_money


class MoneyActionForm(BookingActionForm):
    """The fields shown beside the action menu: what the money actions need to know."""

    amount = forms.CharField(required=False, help_text="INR; empty = what is due now.")
    method = forms.ChoiceField(
        required=False, choices=[("", "method")] + [(m.value, m.label) for m in Payment.OFFLINE_METHODS]
    )
    reference = forms.CharField(required=False, max_length=120, help_text="UPI ref, UTR, cheque number...")


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    can_delete = False
    fields = readonly_fields = [
        "created_at", "provider", "method", "amount", "status", "reference", "provider_payment_id", "captured_at",
        "recorded_by",
    ]  # fmt: skip

    def has_add_permission(self, request, obj=None):
        return False  # money is recorded through the action, which confirms and refunds by rule


class RefundInline(admin.TabularInline):
    model = Refund
    extra = 0
    can_delete = False
    fields = readonly_fields = ["created_at", "amount", "percent", "provider", "status", "reference", "processed_at"]

    def has_add_permission(self, request, obj=None):
        return False


admin.site.unregister(Booking)


@admin.register(Booking)
class BookingWithMoneyAdmin(BookingAdmin):
    inlines = [*BookingAdmin.inlines, PaymentInline, RefundInline]
    actions = [*BookingAdmin.actions, "record_offline_payment", "cancel_selected_with_refund"]
    action_form = MoneyActionForm

    def has_add_permission(self, request):
        return request.user.has_perm("bookings.book_for_customer")

    def add_view(self, request, form_url="", extra_context=None):
        """Book for a customer: the same service as POST /api/admin/bookings/."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = StaffBookingForm(request.POST or None)
        add_ons = AddOnFormSet(request.POST or None, prefix="items")
        if request.method == "POST" and form.is_valid() and add_ons.is_valid():
            arguments = form.service_arguments(add_ons)
            try:
                refuse_unpermitted_desk_money(request.user, arguments["payment"], arguments["pay_later"])
                booking = book_for_customer(staff=request.user, **arguments)
            except APIException as refusal:
                form.add_error(None, refusal_text(refusal))
            else:
                self.message_user(request, f"Booking #{booking.pk} is {booking.get_status_display()}.")
                return redirect(reverse("admin:bookings_booking_change", args=[booking.pk]))
        context = {
            **self.admin_site.each_context(request), "title": "Book for a customer", "form": form,
            "add_ons": add_ons, "opts": self.opts, "media": self.media + form.media, **(extra_context or {}),
        }  # fmt: skip
        return TemplateResponse(request, "admin/bookings/booking/book_for_customer.html", context)

    def has_cancel_permission(self, request):
        return request.user.has_perm("bookings.cancel_booking")

    def has_record_payment_permission(self, request):
        return request.user.has_perm("payments.add_payment")

    @admin.action(
        description="Record offline payment (amount, method, reference above)", permissions=["record_payment"]
    )
    def record_offline_payment(self, request, queryset):
        method = request.POST.get("method", "")
        if method not in Payment.OFFLINE_METHODS:
            self.message_user(request, "Choose how the money was paid (method).", messages.ERROR)
            return
        try:
            amount = Decimal(request.POST["amount"]) if request.POST.get("amount") else None
        except InvalidOperation:
            self.message_user(request, "The amount is not a number of rupees.", messages.ERROR)
            return
        reference = request.POST.get("reference", "")[:120]
        self._apply(
            request,
            queryset,
            lambda booking: record_offline_payment(
                booking, request.user, amount if amount is not None else booking.amount_due, method, reference
            ),
            "paid",
        )

    @admin.action(description="Cancel selected bookings with refund by policy", permissions=["cancel"])
    def cancel_selected_with_refund(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda booking: cancel_with_refund(booking, request.user, "Cancelled by staff"),
            "cancelled",
        )


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["id", "booking", "provider", "method", "amount", "status", "reference", "created_at", "captured_at"]
    list_filter = ["status", "provider", "method"]
    list_select_related = ["booking"]
    search_fields = ["=id", "=booking__id", "reference", "provider_order_id", "provider_payment_id"]
    readonly_fields = [field.name for field in Payment._meta.fields]

    def has_add_permission(self, request):
        return False  # the booking's "record offline payment" action records money

    def has_delete_permission(self, request, obj=None):
        return False  # every rupee received stays on record


class SettleActionForm(ActionForm):
    reference = forms.CharField(required=False, max_length=120, help_text="The bank's or provider's reference.")


@admin.register(Refund)
class RefundAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "booking",
        "amount",
        "percent",
        "provider",
        "status",
        "reference",
        "created_at",
        "processed_at",
    ]
    list_filter = ["status", "provider"]
    list_select_related = ["booking"]
    search_fields = ["=booking__id", "booking__title", "booking__user__email", "reference"]
    readonly_fields = [field.name for field in Refund._meta.fields]
    actions = ["mark_processed", "mark_failed"]
    action_form = SettleActionForm

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_settle_permission(self, request):
        return request.user.has_perm("bookings.settle_refund")

    @admin.action(description="Mark payout processed (reference above)", permissions=["settle"])
    def mark_processed(self, request, queryset):
        self._settle(request, queryset, processed=True)

    @admin.action(description="Mark payout failed", permissions=["settle"])
    def mark_failed(self, request, queryset):
        self._settle(request, queryset, processed=False)

    def _settle(self, request, queryset, processed):
        reference = request.POST.get("reference", "")[:120]
        done = 0
        for refund in queryset:
            try:
                settle_refund(refund, processed=processed, reference=reference, by_user=request.user)
                done += 1
            except APIException as refusal:
                self.message_user(request, f"Refund #{refund.pk}: {refusal.detail}", messages.WARNING)
        if done:
            self.message_user(request, f"{done} refund(s) marked {'processed' if processed else 'failed'}.")


@admin.register(ProviderEvent)
class ProviderEventAdmin(admin.ModelAdmin):
    list_display = ["received_at", "provider", "event", "event_id", "outcome"]
    list_filter = ["provider", "event"]
    search_fields = ["event_id"]
    readonly_fields = [field.name for field in ProviderEvent._meta.fields]

    def has_add_permission(self, request):
        return False


def refusal_text(refusal):
    """A DRF refusal (400/409) as one sentence for the admin page."""
    detail = refusal.detail
    if isinstance(detail, dict):
        if "detail" in detail:
            return str(detail["detail"])
        return "; ".join(f"{field}: {' '.join(map(str, errors))}" for field, errors in detail.items())
    return str(detail)
