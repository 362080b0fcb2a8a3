"""tus 1.0.0 at /api/uploads/tus/: creation, creation-with-upload, termination, checksum (sha1)
and expiration (https://tus.io/protocols/resumable-upload). The views parse the protocol's
headers and call uploads/resumable.py; every answer, errors included, says Tus-Resumable."""

import base64
import re

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import http_date
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from bookings.selectors import bookings_visible_to
from health.middleware import declared_body_length
from uploads.exceptions import InvalidUpload, NotOffsetOctetStream, TusVersionUnsupported, UploadNotComplete
from uploads.handlers import CompleteBodyStream, SocketBody, StreamBody
from uploads.links import media_url
from uploads.models import MediaFile
from uploads.nginx import handed_over_body
from uploads.policies import POLICIES
from uploads.resumable import (
    READ_BYTES,
    append_body,
    append_file,
    create_resumable_upload,
    resumable_upload_for,
    stored_offset,
    terminate_upload,
)
from uploads.serializers import MediaFileSerializer

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,creation-with-upload,termination,checksum,expiration"
CHECKSUM_ALGORITHMS = {"sha1": 20}  # name -> digest length in bytes
OFFSET_OCTET_STREAM = "application/offset+octet-stream"
MEDIA_URL_HEADER = "LeBrq-Media-Url"
_NUMBER = re.compile(r"[0-9]{1,19}")
# A refused chunk is read to its end (up to this much) before the answer goes out: a browser
# that is still sending does not read an early answer, and a connection closed under it is a
# network error it may retry blindly (Chromium re-sends a PATCH whose socket was reset).
DRAIN_LIMIT_BYTES = 64 * 1024 * 1024


def parse_number(value, header):
    if value is None or not _NUMBER.fullmatch(value.strip()):
        raise InvalidUpload(f"{header} must be a non-negative integer.")
    return int(value)


def parse_upload_metadata(header):
    """`key base64,key2 base64,key3` (tus 1.0.0, creation): a dict of UTF-8 strings."""
    metadata = {}
    for pair in (header or "").split(","):
        if not pair.strip():
            continue
        key, _, encoded = pair.strip().partition(" ")
        if not key or " " in encoded or key in metadata:
            raise InvalidUpload("Upload-Metadata: pairs are 'key base64-value', keys unique, comma-separated.")
        try:
            metadata[key] = base64.b64decode(encoded, validate=True).decode()
        except ValueError:  # binascii.Error, UnicodeDecodeError, non-ASCII text
            raise InvalidUpload(f"Upload-Metadata: the value of {key!r} is not base64 of UTF-8 text.") from None
    return metadata


def parse_checksum(header):
    """`sha1 <base64 digest>` (tus checksum extension) -> the digest bytes, or None when absent."""
    if header is None:
        return None
    algorithm, _, encoded = header.strip().partition(" ")
    if algorithm not in CHECKSUM_ALGORITHMS:
        raise InvalidUpload(f"Upload-Checksum: unsupported algorithm {algorithm[:20]!r} (use sha1).")
    try:
        digest = base64.b64decode(encoded, validate=True)
    except ValueError:
        digest = b""
    if len(digest) != CHECKSUM_ALGORITHMS[algorithm]:
        raise InvalidUpload("Upload-Checksum: the digest is not base64 of a sha1 digest.")
    return digest


def max_upload_bytes():
    return max(policy.max_file_bytes for policy in POLICIES.values())


class TusProtocolMixin:
    """What every tus route shares: the protocol's headers, its version check, raw bodies (no
    parser, no upload handler) and the `uploads` throttle on creations only."""

    streams_request_body = True  # the memory guard's MAX_BODY_SIZE_MB is not the limit here
    parser_classes = []
    versionless_methods = ("OPTIONS", "GET")  # tus asks Tus-Resumable of every other request

    @property
    def throttle_scope(self):
        return "uploads" if self.request.method == "POST" else None

    def get_permissions(self):
        if self.request.method == "OPTIONS":
            return []  # discovery needs no account
        return super().get_permissions()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method not in self.versionless_methods and request.headers.get("Tus-Resumable") != TUS_VERSION:
            raise TusVersionUnsupported()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Tus-Resumable"] = TUS_VERSION
        response["Cache-Control"] = "no-store"
        if response.status_code == status.HTTP_412_PRECONDITION_FAILED:
            response["Tus-Version"] = TUS_VERSION
        if response.status_code >= 400:
            discard_unread_body(request._request)
        return response

    @extend_schema(exclude=True)
    def options(self, request, *args, **kwargs):
        return Response(
            status=status.HTTP_204_NO_CONTENT,
            headers={
                "Tus-Version": TUS_VERSION,
                "Tus-Extension": TUS_EXTENSIONS,
                "Tus-Max-Size": str(max_upload_bytes()),
                "Tus-Checksum-Algorithm": ",".join(CHECKSUM_ALGORITHMS),
            },
        )

    def receive_chunk(self, upload, offset):
        """Append the request's body (from nginx's file, or from the socket) at `offset`."""
        request = self.request._request
        checksum = parse_checksum(request.headers.get("Upload-Checksum"))
        body_file = handed_over_body(request.META)
        if body_file is not None:
            return append_file(upload, body_file, offset=offset, checksum=checksum)
        length = declared_body_length(request.META)
        body = SocketBody.of(request.META, length) or StreamBody(
            CompleteBodyStream(request._stream, length, sock=request.META.get("gunicorn.socket"))
        )
        try:
            return append_body(upload, body, offset=offset, length=length, checksum=checksum)
        finally:
            body.close()

    def upload_headers(self, upload, offset):
        headers = {"Upload-Offset": str(offset), "Upload-Length": str(upload.length)}
        if upload.is_complete:
            headers[MEDIA_URL_HEADER] = self.request.build_absolute_uri(media_url(upload.media))
        else:
            headers["Upload-Expires"] = http_date(upload.expires_at.timestamp())
        return headers


def discard_unread_body(request):
    """Read what is left of the body (Django's LimitedStream stops at Content-Length)."""
    stream = request._stream
    left = getattr(stream, "limit", 0) - getattr(stream, "_pos", 0)
    if not 0 < left <= DRAIN_LIMIT_BYTES:
        return
    try:
        while stream.read(READ_BYTES):
            pass
    except OSError:  # the client is gone: nothing to keep in order
        pass


def has_chunk(request):
    return request.content_type == OFFSET_OCTET_STREAM


class TusCreationView(TusProtocolMixin, APIView):
    """POST creates an upload (Upload-Length, Upload-Metadata `kind`, `filename`, and `booking`
    for an audio note), with its first chunk when the body is one (creation-with-upload)."""

    @extend_schema(exclude=True)
    def post(self, request):
        metadata = parse_upload_metadata(request.headers.get("Upload-Metadata"))
        kind = metadata.get("kind", "")
        if kind not in POLICIES:
            raise InvalidUpload(f"Upload-Metadata needs a kind: one of {', '.join(POLICIES)}.")
        if not has_chunk(request) and declared_body_length(request.META) > 0:
            raise NotOffsetOctetStream()
        upload = create_resumable_upload(
            owner=request.user,
            kind=kind,
            length=parse_number(request.headers.get("Upload-Length"), "Upload-Length"),
            original_name=metadata.get("filename", ""),
            booking=self.booking_of(metadata) if kind == MediaFile.Kind.AUDIO else None,
        )
        offset = self.receive_chunk(upload, 0) if has_chunk(request) else 0
        location = request.build_absolute_uri(reverse("uploads:tus-upload", kwargs={"upload_id": upload.id}))
        headers = {"Location": location, **self.upload_headers(upload, offset)}
        return Response(status=status.HTTP_201_CREATED, headers=headers)

    def booking_of(self, metadata):
        booking_id = parse_number(metadata.get("booking"), "Upload-Metadata booking")
        return get_object_or_404(bookings_visible_to(self.request.user), pk=booking_id)


class TusUploadView(TusProtocolMixin, APIView):
    """HEAD tells the stored offset, PATCH appends a chunk, DELETE terminates; GET answers the
    stored file's JSON (as a multipart upload's 201) once the upload is complete."""

    def get_upload(self):
        return resumable_upload_for(self.request.user, self.kwargs["upload_id"])

    @extend_schema(exclude=True)
    def head(self, request, upload_id):
        upload = self.get_upload()
        return Response(status=status.HTTP_200_OK, headers=self.upload_headers(upload, stored_offset(upload)))

    @extend_schema(exclude=True)
    def patch(self, request, upload_id):
        if not has_chunk(request):
            raise NotOffsetOctetStream()
        upload = self.get_upload()
        offset = self.receive_chunk(upload, parse_number(request.headers.get("Upload-Offset"), "Upload-Offset"))
        return Response(status=status.HTTP_204_NO_CONTENT, headers=self.upload_headers(upload, offset))

    @extend_schema(exclude=True)
    def delete(self, request, upload_id):
        terminate_upload(self.get_upload())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={200: MediaFileSerializer})
    def get(self, request, upload_id):
        upload = self.get_upload()
        if not upload.is_complete:
            raise UploadNotComplete()
        return Response(MediaFileSerializer(upload.media, context={"request": request}).data)
