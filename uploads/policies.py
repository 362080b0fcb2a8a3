"""What each upload kind accepts: chunk size, size limit, file count and the content types
recognised from the first bytes of the file (never from its name or the client's header)."""

from dataclasses import dataclass

from django.conf import settings

KIB = 1024
MIB = 1024 * KIB
# Multipart framing around the file bytes (boundaries, part headers, a few form fields).
MULTIPART_OVERHEAD_BYTES = 64 * KIB

IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif"}
POSTER_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf"}
VIDEO_TYPES = {"video/mp4": "mp4", "video/webm": "webm", "video/quicktime": "mov"}
# filetype names what it recognises; a WebM container holding only audio is still "video/webm".
AUDIO_TYPES = {
    "audio/mpeg": "mp3",
    "audio/mp4": "m4a",
    "audio/ogg": "ogg",
    "audio/x-wav": "wav",
    "video/webm": "webm",
}
# Content-Type we store and serve when it differs from the detected one.
SERVED_TYPE = {("audio", "video/webm"): "audio/webm", ("audio", "audio/x-wav"): "audio/wav"}


@dataclass(frozen=True)
class UploadPolicy:
    kind: str
    chunk_size: int
    accepted_types: dict  # detected MIME type -> file extension
    field_name: str = "file"
    max_files: int = 1

    @property
    def max_file_bytes(self):
        return settings.UPLOAD_LIMITS_MB[self.kind] * settings.MEBIBYTE

    @property
    def max_body_bytes(self):
        return self.max_file_bytes * self.max_files + MULTIPART_OVERHEAD_BYTES * self.max_files

    def served_type(self, detected_type):
        return SERVED_TYPE.get((self.kind, detected_type), detected_type)


POSTER = UploadPolicy("poster", chunk_size=1 * MIB, accepted_types=POSTER_TYPES)
IMAGE = UploadPolicy("image", chunk_size=1 * MIB, accepted_types=IMAGE_TYPES)
# DESIGN.md says 2 MiB for video; measured here 1 MiB is faster (docs/decisions.md, Uploads).
VIDEO = UploadPolicy("video", chunk_size=1 * MIB, accepted_types=VIDEO_TYPES)
PROGRAM_IMAGES = UploadPolicy(
    "program_image", chunk_size=1 * MIB, accepted_types=IMAGE_TYPES, field_name="files", max_files=10
)
AUDIO_NOTE = UploadPolicy("audio", chunk_size=512 * KIB, accepted_types=AUDIO_TYPES)

POLICIES = {policy.kind: policy for policy in (POSTER, IMAGE, VIDEO, PROGRAM_IMAGES, AUDIO_NOTE)}
