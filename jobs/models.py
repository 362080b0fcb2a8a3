from django.db import models

from bookings.models import Booking


class BookingNotification(models.Model):
    """One row per (booking, event, key): the guard that an email is sent once, however often
    the job runs (a retry after a timeout, a signal sent twice, two workers). `key` tells apart
    the mails one event sends more than once: the booking's `sequence` for each reschedule, the
    payment's id for each receipt; empty for the events that happen once."""

    class Event(models.TextChoices):
        REQUESTED = "requested", "Request received (to staff)"
        APPROVED = "approved", "Request approved"
        REJECTED = "rejected", "Request rejected"
        HELD = "held", "Hold created"
        PAYMENT = "payment", "Payment received"
        CONFIRMED = "confirmed", "Booking confirmed"
        REMINDER = "reminder", "Reminder 24 h before"
        BALANCE_DUE = "balance", "Balance due"
        RESCHEDULED = "rescheduled", "Booking rescheduled"
        CANCELLED = "cancelled", "Booking cancelled"
        EXPIRED = "expired", "Hold expired"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="notifications")
    event = models.CharField(max_length=20, choices=Event.choices)
    key = models.CharField(max_length=40, blank=True, default="")
    # One address, or a comma-separated list (a request goes to every STAFF_NOTIFY_EMAILS address).
    recipient = models.CharField(max_length=1000)
    # Set by the run that is sending, before the mail goes out; sent_at once it has.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["booking", "event", "key"], name="one_notification_per_event")]

    def __str__(self):
        return f"{self.get_event_display()} -> {self.recipient}"
