"""Outbound webhooks: the endpoints staff register, one delivery per event and endpoint, and
every attempt at it (shown inline in the admin)."""

import secrets

from django.db import models

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
