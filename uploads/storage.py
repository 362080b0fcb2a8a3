"""Where stored media lives: under MEDIA_ROOT (the default) or in an S3 bucket (MEDIA_STORAGE=s3).

Uploads in progress are `.part` files under MEDIA_ROOT either way. On S3 a finished `.part` file
goes up by multipart upload (boto3's transfer manager: parts of S3_MULTIPART_CHUNK_MB, two at a
time, so memory is bounded whatever the size; a failed transfer aborts its multipart upload) to
the key `<kind>/<stored name>`, and reads are 302 redirects to presigned URLs (uploads/responses.py).
"""

from contextlib import contextmanager

from boto3.s3.transfer import S3UploadFailedError, TransferConfig
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import storages

from uploads.exceptions import MediaStoreUnavailable

PART_CONCURRENCY = 2


def media_on_s3():
    return settings.MEDIA_STORAGE == "s3"


def s3_storage():
    return storages["media"]


def object_key(kind, stored_name):
    return f"{kind}/{stored_name}"


def bucket():
    return s3_storage().bucket


def transfer_config():
    part_bytes = settings.S3_MULTIPART_CHUNK_MB * 1024 * 1024
    return TransferConfig(
        multipart_threshold=part_bytes,
        multipart_chunksize=part_bytes,
        max_concurrency=PART_CONCURRENCY,
        max_io_queue=PART_CONCURRENCY,
    )


@contextmanager
def store_errors():
    """A refusal or an outage of the object store is the store's, not the client's: 503."""
    try:
        yield
    except (ClientError, BotoCoreError, S3UploadFailedError) as error:
        raise MediaStoreUnavailable() from error


def put_file(path, kind, stored_name, content_type):
    with store_errors():
        bucket().Object(object_key(kind, stored_name)).upload_file(
            str(path), ExtraArgs={"ContentType": content_type}, Config=transfer_config()
        )


def delete_object(kind, stored_name):
    with store_errors():
        bucket().Object(object_key(kind, stored_name)).delete()


def presigned_url(kind, stored_name, *, method="GET", overrides=None):
    """A URL that reads the object for S3_PRESIGN_SECONDS; `overrides` are S3's Response* parameters."""
    return s3_storage().url(
        object_key(kind, stored_name),
        parameters=overrides or {},
        expire=settings.S3_PRESIGN_SECONDS,
        http_method=method,
    )
