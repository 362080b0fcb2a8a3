from django.contrib import admin

from notifications.models import ScheduledRun


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
