from django.contrib import admin
from django.utils.html import format_html

from uploads.links import media_url
from uploads.models import MediaFile
from uploads.services import delete_media_file


@admin.register(MediaFile)
class MediaFileAdmin(admin.ModelAdmin):
    """Uploads are created through the API only; staff look them up, open and delete them."""

    list_display = [
        "id",
        "kind",
        "original_name",
        "content_type",
        "size",
        "owner",
        "booking",
        "created_at",
        "open_link",
    ]
    list_filter = ["kind", "content_type", "created_at"]
    search_fields = ["original_name", "stored_name", "sha256", "owner__email"]
    list_select_related = ["owner", "booking"]
    readonly_fields = [field.name for field in MediaFile._meta.fields] + ["open_link"]
    actions = ["delete_with_files"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="File")
    def open_link(self, media):
        return format_html('<a href="{}" target="_blank">open</a>', media_url(media))

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # the bulk delete would leave the files on disk
        return actions

    def delete_model(self, request, obj):
        delete_media_file(obj)

    @admin.action(description="Delete selected media and their files", permissions=["delete"])
    def delete_with_files(self, request, queryset):
        for media in queryset:
            delete_media_file(media)
        self.message_user(request, f"Deleted {len(queryset)} media file(s).")
