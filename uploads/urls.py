from django.urls import path, register_converter

from uploads import policies
from uploads.views import AudioNoteMediaView, AudioNotesView, MediaUploadView, ProgramImagesUploadView, PublicMediaView

app_name = "uploads"


class PublicKindConverter:
    regex = "poster|image|video|program_image"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class StoredNameConverter:
    """Only names the server generates (32 hex digits and an extension): `..`, slashes and
    absolute paths never reach the view."""

    regex = r"[0-9a-f]{32}\.[a-z0-9]{2,4}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PublicKindConverter, "public_media_kind")
register_converter(StoredNameConverter, "stored_media_name")

# No trailing slashes on upload routes: settings.UPLOAD_PATH_PATTERN matches them exactly.
urlpatterns = [
    path("uploads/poster", MediaUploadView.as_view(policy=policies.POSTER), name="upload-poster"),
    path("uploads/image", MediaUploadView.as_view(policy=policies.IMAGE), name="upload-image"),
    path("uploads/video", MediaUploadView.as_view(policy=policies.VIDEO), name="upload-video"),
    path("uploads/program-images", ProgramImagesUploadView.as_view(), name="upload-program-images"),
    path("uploads/<public_media_kind:kind>/<stored_media_name:name>", PublicMediaView.as_view(), name="media"),
    path("bookings/<int:booking_id>/audio-notes", AudioNotesView.as_view(), name="audio-notes"),
    path("bookings/<int:booking_id>/audio-notes/<int:note_id>", AudioNoteMediaView.as_view(), name="audio-note"),
]
