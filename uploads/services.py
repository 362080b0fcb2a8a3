"""Writes for media: a received upload becomes a row and a file together, or neither."""

from contextlib import suppress

from django.db import transaction

from uploads.exceptions import MediaStoreUnavailable
from uploads.handlers import disk_errors
from uploads.models import MediaFile
from uploads.storage import delete_object, media_on_s3


def store_received_files(received_files, *, kind, owner, booking=None):
    """One MediaFile row per received `.part` file, each renamed into place inside the same
    transaction. On any failure (database, rename) every file of the request is removed."""
    stored = []
    try:
        if media_on_s3():
            # Up to the bucket before the transaction: no transaction stays open across a long
            # transfer (inside it, move_into_place() then has nothing left to do).
            for received in received_files:
                received.move_into_place()
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
            with suppress(MediaStoreUnavailable):  # the first error is the one to answer
                received.discard()
        raise
    return stored


def delete_media_file(media):
    """Delete the row now and the file (or object) once the deletion is committed."""
    kind, stored_name, path = media.kind, media.stored_name, media.path
    media.delete()
    if media_on_s3():
        transaction.on_commit(lambda: delete_object(kind, stored_name), robust=True)
    else:
        transaction.on_commit(lambda: path.unlink(missing_ok=True))
