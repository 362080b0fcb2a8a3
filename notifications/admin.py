"""Notifications in the admin: the scheduler's runs (read only), webhook endpoints, deliveries and attempts."""

from django import forms
from django.contrib import admin, messages

from notifications.models import WEBHOOK_EVENTS, ScheduledRun, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from notifications.webhooks import redeliver, send_test_event, validate_webhook_url


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    """What the scheduler enqueued, on which host: read only (the scheduler writes it)."""

    list_display = ["name", "due_at", "host", "enqueued_at"]
    list_filter = ["name", "host"]
    date_hierarchy = "due_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(choices=WEBHOOK_EVENTS, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "secret", "events", "active", "description"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        validate_webhook_url(url)  # checked again at every send (DNS rebinding)
        return url


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ["url", "active", "event_list", "created_at"]
    list_filter = ["active"]
    actions = ["send_test_event"]

    @admin.display(description="events")
    def event_list(self, endpoint):
        return ", ".join(endpoint.events)

    @admin.action(description="Send test event", permissions=["change"])
    def send_test_event(self, request, queryset):
        for endpoint in queryset:
            send_test_event(endpoint)
        self.message_user(request, f"Test event queued for {queryset.count()} endpoint(s).", messages.SUCCESS)


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    fields = ["number", "at", "status_code", "error", "response_body", "duration_ms"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["event_type", "event_id", "endpoint", "status", "created_at", "next_attempt_at"]
    list_filter = ["status", "event_type"]
    search_fields = ["event_id", "endpoint__url"]
    readonly_fields = ["endpoint", "event_id", "event_type", "body", "status", "created_at", "next_attempt_at"]
    inlines = [WebhookAttemptInline]
    actions = ["redeliver"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Redeliver", permissions=["view"])
    def redeliver(self, request, queryset):
        if not request.user.has_perm("notifications.change_webhookendpoint"):
            self.message_user(request, "Redelivering needs the permission to change endpoints.", messages.ERROR)
            return
        for delivery in queryset:
            redeliver(delivery)
        self.message_user(request, f"{queryset.count()} delivery(ies) queued again.", messages.SUCCESS)
