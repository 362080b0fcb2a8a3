"""What each upload kind accepts: chunk size, size limit, file count and the content types
recognised from the first bytes of the file (never from its name or the client's header)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from uploads.models import PUBLIC_KINDS, MediaFile

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
    """Everything about one kind of upload. The kinds themselves are MediaFile.Kind; routes, URL
    converters, limits and their variables (UPLOAD_LIMIT_<KIND>_MB) are derived from POLICIES."""

    kind: str  # a MediaFile.Kind
    chunk_size: int
    default_limit_mb: int
    accepted_types: dict  # detected MIME type -> file extension
    route: str = ""  # POST /api/uploads/<route> for public kinds; audio notes are posted to their booking
    field_name: str = "file"
    max_files: int = 1

    @property
    def limit_variable(self):
        return f"UPLOAD_LIMIT_{self.kind.upper()}_MB"

    @property
    def max_file_bytes(self):
        return settings.UPLOAD_LIMITS_MB.get(self.kind, self.default_limit_mb) * settings.MEBIBYTE

    @property
    def max_body_bytes(self):
        return self.max_file_bytes * self.max_files + MULTIPART_OVERHEAD_BYTES * self.max_files

    def served_type(self, detected_type):
        return SERVED_TYPE.get((self.kind, detected_type), detected_type)


Kind = MediaFile.Kind
POLICIES = {
    Kind.POSTER: UploadPolicy(Kind.POSTER, 1 * MIB, 20, POSTER_TYPES, route="poster"),
    Kind.IMAGE: UploadPolicy(Kind.IMAGE, 1 * MIB, 20, IMAGE_TYPES, route="image"),
    # DESIGN.md says 2 MiB chunks for video; measured here 1 MiB is faster (docs/decisions.md, Uploads).
    Kind.VIDEO: UploadPolicy(Kind.VIDEO, 1 * MIB, 2048, VIDEO_TYPES, route="video"),
    Kind.PROGRAM_IMAGE: UploadPolicy(
        Kind.PROGRAM_IMAGE, 1 * MIB, 20, IMAGE_TYPES, route="program-images", field_name="files", max_files=10
    ),
    Kind.AUDIO: UploadPolicy(Kind.AUDIO, 512 * KIB, 50, AUDIO_TYPES),
}
PUBLIC_POLICIES = [POLICIES[kind] for kind in PUBLIC_KINDS]
AUDIO_NOTE = POLICIES[Kind.AUDIO]


def check_limit_variables(limits_mb):
    """UPLOAD_LIMIT_<KIND>_MB variables that name no kind fail at start, not silently."""
    unknown = sorted(set(limits_mb) - set(POLICIES))
    if unknown:
        names = ", ".join(f"UPLOAD_LIMIT_{kind.upper()}_MB" for kind in unknown)
        known = ", ".join(policy.limit_variable for policy in POLICIES.values())
        raise ImproperlyConfigured(f"{names}: no such upload kind (the limits are {known}).")
