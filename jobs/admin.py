from django.contrib import admin

from jobs.models import BookingNotification


@admin.register(BookingNotification)
class BookingNotificationAdmin(admin.ModelAdmin):
    list_display = ["booking", "event", "recipient", "claimed_at", "sent_at", "created_at"]
    list_filter = ["event", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["recipient", "booking__title"]
    list_select_related = ["booking"]
    raw_id_fields = ["booking"]
    readonly_fields = ["booking", "event", "recipient", "claimed_at", "sent_at", "created_at"]

    def has_add_permission(self, request):
        return False
