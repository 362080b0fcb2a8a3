"""Writes for media: a received upload becomes a row and a file together, or neither."""

from django.db import transaction

from uploads.handlers import disk_errors
from uploads.models import MediaFile


def store_received_files(received_files, *, kind, owner, booking=None):
    """One MediaFile row per received `.part` file, each renamed into place inside the same
    transaction. On any failure (database, rename) every file of the request is removed."""
    stored = []
    try:
        with transaction.atomic():
            for received in received_files:
                stored.append(
                    MediaFile.objects.create(
                        kind=kind,
                        stored_name=received.stored_name,
                        size=received.size,
                        sha256=received.sha256,
                        content_type=received.content_type,
                        original_name=received.original_name,
                        owner=owner,
                        booking=booking,
                    )
                )
                with disk_errors():
                    received.move_into_place()
    except BaseException:
        for received in received_files:
            received.discard()
        raise
    return stored


def delete_media_file(media):
    """Delete the row now and the file once the deletion is committed."""
    path = media.path
    media.delete()
    transaction.on_commit(lambda: path.unlink(missing_ok=True))
