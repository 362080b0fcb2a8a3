from django.urls import path, register_converter
from django.urls.converters import IntConverter

from uploads.models import PUBLIC_KINDS
from uploads.policies import PUBLIC_POLICIES
from uploads.tus import TusCreationView, TusUploadView
from uploads.views import AudioNoteMediaView, AudioNotesView, PublicMediaView, upload_view

app_name = "uploads"


class PublicKindConverter:
    regex = "|".join(PUBLIC_KINDS)

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


class ObjectIdConverter(IntConverter):
    """An id that fits a BIGINT: a longer one is a 404 here, where SQLite would otherwise
    raise OverflowError (a 500) on the `booking_id` filter of an audio-note lookup."""

    regex = "[0-9]{1,18}"


register_converter(PublicKindConverter, "public_media_kind")
register_converter(ObjectIdConverter, "object_id")
register_converter(StoredNameConverter, "stored_media_name")

upload_routes = [
    path(f"uploads/{policy.route}", upload_view(policy), name=f"upload-{policy.route}") for policy in PUBLIC_POLICIES
]
urlpatterns = [
    *upload_routes,
    path("uploads/tus/", TusCreationView.as_view(), name="tus"),
    path("uploads/tus/<uuid:upload_id>", TusUploadView.as_view(), name="tus-upload"),
    path("uploads/<public_media_kind:kind>/<stored_media_name:name>", PublicMediaView.as_view(), name="media"),
    path("bookings/<object_id:booking_id>/audio-notes", AudioNotesView.as_view(), name="audio-notes"),
    path(
        "bookings/<object_id:booking_id>/audio-notes/<object_id:note_id>",
        AudioNoteMediaView.as_view(),
        name="audio-note",
    ),
]
