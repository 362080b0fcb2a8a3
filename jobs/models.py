from django.db import models

from bookings.models import Booking


class BookingNotification(models.Model):
    """One row per (booking, event): the guard that an email is sent once, however often
    the job runs (a retry after a timeout, a signal sent twice, two workers)."""

    class Event(models.TextChoices):
        CONFIRMED = "confirmed", "Booking confirmed"
        CANCELLED = "cancelled", "Booking cancelled"
        EXPIRED = "expired", "Hold expired"
        BALANCE_DUE = "balance", "Balance due"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="notifications")
    event = models.CharField(max_length=10, choices=Event.choices)
    recipient = models.EmailField()
    # Set by the run that is sending, before the mail goes out; sent_at once it has.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["booking", "event"], name="one_notification_per_event")]

    def __str__(self):
        return f"{self.get_event_display()} -> {self.recipient}"
