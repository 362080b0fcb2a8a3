"""Upload failures as DRF exceptions: raised from handlers and services, rendered as
{"detail": ...} by the API exception handler."""

from rest_framework import status
from rest_framework.exceptions import APIException


class UploadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "upload_too_large"


class UnsupportedFileType(APIException):
    status_code = status.HTTP_415_UNSUPPORTED_MEDIA_TYPE
    default_code = "unsupported_file_type"


class InsufficientStorage(APIException):
    status_code = 507
    default_detail = "The server has no disk space left for this upload; retry later."
    default_code = "insufficient_storage"


class InvalidUpload(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_upload"


class UploadIncomplete(APIException):
    """The client closed the connection before the whole body arrived."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The request body ended before its Content-Length: upload incomplete."
    default_code = "upload_incomplete"


class UploadTooSlow(APIException):
    """The body arrived slower than UPLOAD_MIN_BYTES_PER_SECOND over a whole window."""

    status_code = status.HTTP_408_REQUEST_TIMEOUT
    default_code = "upload_too_slow"

    def __init__(self, floor):
        super().__init__(
            f"The upload arrived slower than {floor.min_bytes_per_second} bytes/s over "
            f"{floor.window_seconds:g} s; retry on a faster connection."
        )
