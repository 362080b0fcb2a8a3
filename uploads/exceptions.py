"""Upload failures as DRF exceptions: raised from handlers and services, rendered by the API
exception handler as {"detail": ..., "code": ...} (the code is `default_code`)."""

from rest_framework import status
from rest_framework.exceptions import APIException


class UploadError(APIException):
    """An upload failure whose body carries its stable `code` beside DRF's `detail`."""

    def __init__(self, detail=None):
        detail = self.default_detail if detail is None else detail
        super().__init__({"detail": str(detail), "code": self.default_code}, self.default_code)

    def get_codes(self):
        return self.default_code


class UploadTooLarge(UploadError):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "upload_too_large"


class UnsupportedFileType(UploadError):
    status_code = status.HTTP_415_UNSUPPORTED_MEDIA_TYPE
    default_code = "unsupported_file_type"


class InsufficientStorage(UploadError):
    status_code = 507
    default_detail = "The server has no disk space left for this upload; retry later."
    default_code = "insufficient_storage"


class InvalidUpload(UploadError):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_upload"


class UploadIncomplete(UploadError):
    """The client closed the connection before the whole body arrived."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The request body ended before its Content-Length: upload incomplete."
    default_code = "upload_incomplete"


class UploadTooSlow(UploadError):
    """The body arrived slower than UPLOAD_MIN_BYTES_PER_SECOND over a whole window."""

    status_code = status.HTTP_408_REQUEST_TIMEOUT
    default_code = "upload_too_slow"

    def __init__(self, floor):
        super().__init__(
            f"The upload arrived slower than {floor.min_bytes_per_second} bytes/s over "
            f"{floor.window_seconds:g} s; retry on a faster connection."
        )


# tus 1.0.0 (uploads/tus.py, uploads/resumable.py)
class TusVersionUnsupported(UploadError):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "This server speaks tus 1.0.0: send Tus-Resumable: 1.0.0."
    default_code = "tus_version_unsupported"


class OffsetMismatch(UploadError):
    status_code = status.HTTP_409_CONFLICT
    default_code = "offset_mismatch"

    def __init__(self, offset):
        super().__init__(f"Upload-Offset must be {offset}, the number of bytes stored: ask with HEAD.")


class TooManyUploads(UploadError):
    status_code = status.HTTP_409_CONFLICT
    default_code = "too_many_uploads"

    def __init__(self, limit):
        super().__init__(f"At most {limit} incomplete uploads at once: finish or delete one first.")


class UploadNotComplete(UploadError):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The upload is not complete yet: ask HEAD for its offset and PATCH the rest."
    default_code = "upload_incomplete"


class UploadAlreadyComplete(UploadError):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The upload is complete: its file is stored and can no longer be changed here."
    default_code = "upload_complete"


class UploadLocked(UploadError):
    status_code = status.HTTP_423_LOCKED
    default_detail = "Another request is writing to this upload; retry once it has ended."
    default_code = "upload_locked"


class ChecksumMismatch(UploadError):
    status_code = 460  # tus 1.0.0, checksum extension: "Checksum Mismatch"
    default_detail = "The chunk does not match its Upload-Checksum; it was discarded, send it again."
    default_code = "checksum_mismatch"


class UntrustedBodyFile(UploadError):
    status_code = status.HTTP_403_FORBIDDEN
    default_detail = "A request body handed over by path is accepted from the nginx front door only."
    default_code = "untrusted_body_file"


class NotOffsetOctetStream(UploadError):
    status_code = status.HTTP_415_UNSUPPORTED_MEDIA_TYPE
    default_detail = "A tus chunk is sent with Content-Type: application/offset+octet-stream."
    default_code = "unsupported_media_type"


class MediaStoreUnavailable(UploadError):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The media store refused or did not answer; nothing was stored, retry later."
    default_code = "media_store_unavailable"
