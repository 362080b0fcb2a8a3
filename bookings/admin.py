from functools import cache

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from rest_framework.exceptions import APIException

from bookings.closures import delete_closure, save_closure
from bookings.forms import OPENING_HOURS_HELP, WEEKDAYS, ClosureInlineForm, VenueAdminForm, hours_field_name
from bookings.models import Booking, BookingChange, BookingItem, BookingSeries, Closure, IdempotencyKey, Item, Venue
from bookings.services import approve_booking, confirm_booking, reject_booking
from lebrq.validators import refuse_control_characters


@cache
def database_converts_time_zones():
    """MySQL/MariaDB answer NULL from CONVERT_TZ until their time-zone tables are loaded
    (`mariadb-tzinfo-to-sql /usr/share/zoneinfo | mariadb mysql`)."""
    if connection.vendor != "mysql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT CONVERT_TZ('2000-01-01 00:00:00', 'UTC', %s)", [settings.TIME_ZONE])
        return cursor.fetchone()[0] is not None


class ClosureInline(admin.TabularInline):
    model = Closure
    form = ClosureInlineForm
    extra = 1
    fields = ["start", "end", "reason"]
    verbose_name_plural = "Closures (times the venue takes no bookings)"


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    form = VenueAdminForm
    list_display = ["name", "city", "capacity", "timezone", "state_code", "hourly_rate", "gst_rate", "is_active"]
    list_filter = ["is_active", "city", "state_code"]
    search_fields = ["name", "city", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ClosureInline]
    fieldsets = [
        (None, {"fields": [
            "name", "slug", "city", "address", "state_code", "timezone", "capacity", "hourly_rate", "gst_rate",
            "sac_code", "description", "is_active",
        ]}),
        ("Opening hours (local time)", {
            "fields": [hours_field_name(day) for day in WEEKDAYS], "description": OPENING_HOURS_HELP,
        }),
        ("Booking rules", {"fields": [
            "slot_minutes", "buffer_minutes", "min_duration_minutes", "max_duration_minutes", "min_notice_hours",
            "max_advance_days", "hold_minutes", "requires_approval", "approval_hours",
        ]}),
        ("Payment and cancellation", {"fields": ["deposit_percent", "balance_due_days", "cancellation_policy"]}),
    ]  # fmt: skip

    def save_formset(self, request, form, formset, change):
        if formset.model is not Closure:
            return super().save_formset(request, form, formset, change)
        # Through the service, as the API: the conflict check and the save share the venue lock.
        for closure in formset.save(commit=False):
            save_closure(closure)
        for closure in formset.deleted_objects:
            delete_closure(closure)


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["name", "unit_price", "gst_rate", "sac_code", "stock", "is_active"]
    list_filter = ["is_active", "gst_rate", "sac_code"]
    search_fields = ["name"]


class BookingItemInline(admin.TabularInline):
    model = BookingItem
    extra = 0
    can_delete = False
    fields = readonly_fields = ["item", "quantity", "unit_price", "gst_rate"]

    def has_add_permission(self, request, obj=None):
        # Lines are priced snapshots taken with the booking's totals: adding one would leave them wrong.
        return False

    def has_view_permission(self, request, obj=None):
        # Lines are part of the booking (they have no admin of their own): whoever sees it sees them.
        return request.user.has_perm("bookings.view_booking")


class BookingChangeInline(admin.TabularInline):
    """The booking's history, as the services kept it: read only."""

    model = BookingChange
    extra = 0
    can_delete = False
    fields = readonly_fields = ["at", "actor", "action", "what_changed"]
    verbose_name_plural = "history"

    @admin.display(description="changes")
    def what_changed(self, entry):
        return format_html_join(
            mark_safe("<br>"),
            "{}: {} &rarr; {}",
            ((field, before, after) for field, (before, after) in entry.changes.items()),
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("bookings.view_booking")


class BookingActionForm(ActionForm):
    """Beside the action menu: the reason a rejection or cancellation gives the customer."""

    reason = forms.CharField(required=False, max_length=300, help_text="Told to the customer (reject).")


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "venue", "user", "kind", "start_datetime", "end_datetime", "status", "total"]
    list_filter = ["status", "kind", "is_public", "venue"]
    list_select_related = ["venue", "user"]
    search_fields = ["=id", "title", "user__email", "venue__name"]
    date_hierarchy = "start_datetime"
    autocomplete_fields = ["user"]
    # Slot, status and money change only through the services (overlap check, pricing, refund,
    # signals): the actions above, or the API. Staff may fix the title, kind, visibility and owner.
    readonly_fields = [
        "venue", "start_datetime", "end_datetime", "status", "hold_expires_at", "venue_hourly_rate",
        "venue_gst_rate", "subtotal", "tax_total", "total", "deposit_amount", "balance_due_at", "amount_paid",
        "amount_refunded", "created_at", "updated_at",
    ]  # fmt: skip
    # payments.admin extends this admin with payments, refunds and the money actions.
    inlines = [BookingItemInline, BookingChangeInline]
    actions = ["confirm_selected", "approve_selected", "approve_selected_pay_later", "reject_selected"]
    action_form = BookingActionForm
    # An exact COUNT(*) of the whole table on every page view is what makes big changelists slow.
    show_full_result_count = False

    def changelist_view(self, request, extra_context=None):
        if not database_converts_time_zones():
            # The date drill-down groups by local date in SQL; without time-zone tables it
            # would crash the whole changelist, so the list goes without it.
            self.date_hierarchy = None
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        # New bookings go through create_booking (POST /api/bookings/): priced and overlap-checked.
        return False

    # Django offers (and runs) an action only to a user for whom every has_<name>_permission in
    # its `permissions` is true: staff with view permission alone see no actions at all.
    def has_confirm_permission(self, request):
        return request.user.has_perm(f"bookings.{get_permission_codename('confirm', self.opts)}")

    @admin.action(description="Confirm selected held bookings (pay later)", permissions=["confirm"])
    def confirm_selected(self, request, queryset):
        self._apply(request, queryset, lambda booking: confirm_booking(booking, by_user=request.user), "confirmed")

    def has_approve_permission(self, request):
        return request.user.has_perm("bookings.approve_booking")

    @admin.action(description="Approve selected requests (hold for the deposit)", permissions=["approve"])
    def approve_selected(self, request, queryset):
        self._apply(request, queryset, lambda booking: approve_booking(booking, request.user), "approved")

    @admin.action(description="Approve selected requests and confirm (pay later)", permissions=["approve"])
    def approve_selected_pay_later(self, request, queryset):
        self._apply(
            request, queryset, lambda booking: approve_booking(booking, request.user, pay_later=True), "approved"
        )

    @admin.action(description="Reject selected requests (reason above)", permissions=["approve"])
    def reject_selected(self, request, queryset):
        reason = request.POST.get("reason", "").strip()
        try:
            refuse_control_characters(reason)
        except ValidationError:
            reason = ""
        if not reason:
            self.message_user(request, "Give the customer a reason (plain text) to reject.", messages.ERROR)
            return
        self._apply(request, queryset, lambda booking: reject_booking(booking, request.user, reason), "rejected")

    def _apply(self, request, queryset, service, verb):
        done = 0
        for booking in queryset:
            try:
                service(booking)
                done += 1
            except APIException as refusal:
                self.message_user(request, f"Booking #{booking.pk}: {refusal.detail}", messages.WARNING)
        if done:
            self.message_user(request, f"{done} booking(s) {verb}.", messages.SUCCESS)


@admin.register(IdempotencyKey)
class IdempotencyKeyAdmin(admin.ModelAdmin):
    list_display = ["key", "user", "booking", "created_at"]
    list_select_related = ["user", "booking"]
    search_fields = ["key", "user__email"]
    readonly_fields = ["user", "key", "request_fingerprint", "booking", "created_at"]


class SeriesBookingInline(admin.TabularInline):
    model = Booking
    fk_name = "series"
    extra = 0
    can_delete = False
    show_change_link = True
    fields = readonly_fields = ["start_datetime", "end_datetime", "status", "total", "amount_paid"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(BookingSeries)
class BookingSeriesAdmin(admin.ModelAdmin):
    """Series are made through the API (POST /api/bookings/series); here staff see them and their dates."""

    list_display = ["id", "title", "venue", "user", "rrule", "is_public", "created_at"]
    list_filter = ["is_public", "venue"]
    list_select_related = ["venue", "user"]
    search_fields = ["=id", "title", "user__email"]
    readonly_fields = ["user", "venue", "kind", "rrule", "guests", "created_at"]
    fields = ["title", "user", "venue", "kind", "rrule", "guests", "is_public", "created_at"]
    inlines = [SeriesBookingInline]

    def has_add_permission(self, request):
        return False
