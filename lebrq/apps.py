from django.apps import AppConfig


class LebrqConfig(AppConfig):
    """The project package as an app, so that its system checks are registered."""

    name = "lebrq"
    verbose_name = "LeBrq"

    def ready(self):
        from lebrq import checks, fields  # noqa: F401 - registers the checks and the schema extension
        from lebrq.metrics import connect_receivers

        connect_receivers()
