"""Notifications: calendar feeds, the scheduler's runs, and outbound webhooks (endpoints, deliveries, attempts)."""

import secrets

from django.conf import settings
from django.db import models


class CalendarFeed(models.Model):
    """The secret in a customer's feed URL. Revoking replaces the token: the old URL is 404."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Calendar feed of {self.user}"


class ScheduledRun(models.Model):
    """One row per (job, due time): whichever scheduler inserts it enqueues the job, so two
    schedulers (two hosts) enqueue each due run once; the unique constraint decides."""

    name = models.CharField(max_length=50)
    due_at = models.DateTimeField()
    enqueued_at = models.DateTimeField(auto_now_add=True)
    host = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-due_at"]
        constraints = [models.UniqueConstraint(fields=["name", "due_at"], name="one_run_per_due_time")]

    def __str__(self):
        return f"{self.name} due {self.due_at:%Y-%m-%d %H:%M}"


WEBHOOK_EVENTS = (
    ("booking.created", "Booking created (held or requested)"),
    ("booking.confirmed", "Booking confirmed"),
    ("booking.cancelled", "Booking cancelled"),
    ("booking.rescheduled", "Booking rescheduled"),
    ("payment.received", "Payment received"),
    ("refund.processed", "Refund processed"),
    ("invoice.issued", "Document issued (invoice, credit note, receipt, voucher)"),
)
EVENT_TYPES = tuple(name for name, _ in WEBHOOK_EVENTS)


def new_secret():
    return secrets.token_hex(32)


class WebhookEndpoint(models.Model):
    url = models.URLField(max_length=500, help_text="https:// preferred; private addresses are refused.")
    secret = models.CharField(max_length=128, default=new_secret, help_text="Shared key of the HMAC signature.")
    events = models.JSONField(default=list, help_text="Event types sent to this endpoint.")
    active = models.BooleanField(default=True)
    description = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.url

    def wants(self, event_type):
        return self.active and event_type in self.events


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed for good"

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.CharField(max_length=40, db_index=True, help_text="The body's `id`, the same on every attempt.")
    event_type = models.CharField(max_length=40)
    body = models.TextField(help_text="The exact JSON that is signed and POSTed.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.event_type} {self.event_id} -> {self.endpoint.url}"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveIntegerField()
    at = models.DateTimeField()
    status_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    response_body = models.CharField(max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["delivery", "number"]

    @property
    def succeeded(self):
        return self.status_code is not None and 200 <= self.status_code < 300
