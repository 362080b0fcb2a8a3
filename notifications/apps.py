from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Mail, calendars (iCal) and outbound webhooks: the last app in the dependency line, so it
    may import every other app and none imports it. It hears about bookings and payments by the
    signals they send on commit."""

    name = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from notifications import receivers, webhook_receivers  # noqa: F401  (connect the mail and webhook receivers)
