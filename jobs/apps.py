from django.apps import AppConfig


class JobsConfig(AppConfig):
    """The task plumbing (housekeeping, the notification claim rows); mail itself is notifications'."""

    name = "jobs"
    verbose_name = "Background jobs"
