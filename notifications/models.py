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
