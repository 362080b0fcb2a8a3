from django.http import UnreadablePostError
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from bookings.selectors import bookings_visible_to
from health.middleware import declared_body_length
from uploads.exceptions import InvalidUpload, UploadIncomplete
from uploads.handlers import CompleteBodyStream, StreamingUploadHandler
from uploads.links import SIGNATURE_PARAM, signature_grants_access
from uploads.models import MediaFile
from uploads.policies import AUDIO_NOTE
from uploads.responses import MEDIA_SECURITY_HEADERS, PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL, media_response
from uploads.serializers import (
    FilesUploadSerializer,
    FileUploadSerializer,
    MediaFileListSerializer,
    MediaFileSerializer,
)
from uploads.services import store_received_files


class StreamingUploadMixin:
    """Streams POSTed files to disk with the policy's handler as the only upload handler.

    The handler is installed on the Django request before DRF wraps it, so it is in force
    whoever reads the body first: DRF's parser, or SessionAuthentication's CSRF check,
    which reads request.POST during authentication. Whatever happens, files that no row
    claimed are removed when the request ends. `streams_request_body` tells the memory guard
    that MAX_BODY_SIZE_MB is not this view's limit (the policy's is); the guard also refuses
    chunked bodies before the view runs.
    """

    streams_request_body = True
    policy = None
    parser_classes = [MultiPartParser]
    upload_handler = None
    body_stream = None

    @property
    def throttle_scope(self):
        return "uploads" if self.request.method == "POST" else None

    def initialize_request(self, request, *args, **kwargs):
        if request.method == "POST":
            self.upload_handler = StreamingUploadHandler(self.policy, request)
            request.upload_handlers = [self.upload_handler]
            self.body_stream = CompleteBodyStream(
                request._stream, declared_body_length(request.META), sock=request.META.get("gunicorn.socket")
            )
            request._stream = self.body_stream
        return super().initialize_request(request, *args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        finally:
            if self.upload_handler is not None:
                self.body_stream.stop_watching()
                self.upload_handler.discard_unfinished()

    def receive_files(self):
        try:
            files = self.request.FILES.getlist(self.policy.field_name)
        except UnreadablePostError as error:
            raise UploadIncomplete() from error
        if not files:
            raise InvalidUpload(f"No file received: send it in the multipart field {self.policy.field_name!r}.")
        return files

    def created_response(self, stored):
        items = MediaFileSerializer(stored, many=True, context={"request": self.request}).data
        body = {"items": items} if self.policy.max_files > 1 else items[0]
        return Response(body, status=status.HTTP_201_CREATED)


MEDIA_BYTES_RESPONSES = {
    (200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, description="The whole file."),
    (206, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, description="One byte range (Range: bytes=a-b, a-, -n)."),
    302: OpenApiResponse(
        description="MEDIA_STORAGE=s3: to a presigned URL of the object store, which answers Range and "
        "conditional requests itself (valid S3_PRESIGN_SECONDS)."
    ),
    304: OpenApiResponse(description="Not modified (If-None-Match / If-Modified-Since)."),
    404: OpenApiResponse(description="No such media."),
    416: OpenApiResponse(description="Range not satisfiable; Content-Range: bytes */size."),
}


class MediaUploadView(StreamingUploadMixin, APIView):
    """POST a poster, image or video (field `file`)."""

    @extend_schema(request={"multipart/form-data": FileUploadSerializer}, responses={201: MediaFileSerializer})
    def post(self, request):
        stored = store_received_files(self.receive_files(), kind=self.policy.kind, owner=request.user)
        return self.created_response(stored)


class ManyFilesUploadView(MediaUploadView):
    """POST up to `max_files` files of a kind (field `files`, repeated), e.g. programme images."""

    @extend_schema(request={"multipart/form-data": FilesUploadSerializer}, responses={201: MediaFileListSerializer})
    def post(self, request):
        return super().post(request)


def upload_view(policy):
    """The view for POST /api/uploads/<policy.route>."""
    view_class = ManyFilesUploadView if policy.max_files > 1 else MediaUploadView
    return view_class.as_view(policy=policy)


class AudioNotesView(StreamingUploadMixin, GenericAPIView):
    """Audio notes of a booking its owner or staff can see: list them, or POST one (field `file`)."""

    policy = AUDIO_NOTE
    serializer_class = MediaFileSerializer

    def get_booking(self):
        return get_object_or_404(bookings_visible_to(self.request.user), pk=self.kwargs["booking_id"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request user, no booking
            return MediaFile.objects.none()
        return MediaFile.objects.filter(kind=MediaFile.Kind.AUDIO, booking=self.get_booking())

    @extend_schema(responses=MediaFileSerializer(many=True))
    def get(self, request, booking_id):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request={"multipart/form-data": FileUploadSerializer}, responses={201: MediaFileSerializer})
    def post(self, request, booking_id):
        booking = self.get_booking()  # before the body is read: a stranger's upload is never stored
        stored = store_received_files(
            self.receive_files(), kind=MediaFile.Kind.AUDIO, owner=request.user, booking=booking
        )
        return self.created_response(stored)


class MediaSecurityHeadersMixin:
    """Every answer of a media route, errors included, carries MEDIA_SECURITY_HEADERS."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        for name, value in MEDIA_SECURITY_HEADERS.items():
            response[name] = value
        return response


class PublicMediaView(MediaSecurityHeadersMixin, APIView):
    """GET/HEAD a poster, image, video or programme image, with byte ranges."""

    permission_classes = [AllowAny]
    authentication_classes = []  # public bytes: a stale token in a media request must not break playback

    @extend_schema(responses=MEDIA_BYTES_RESPONSES)
    def get(self, request, kind, name):
        media = get_object_or_404(MediaFile, kind=kind, stored_name=name)
        return media_response(request, media, cache_control=PUBLIC_CACHE_CONTROL)


class AudioNoteMediaView(MediaSecurityHeadersMixin, APIView):
    """GET/HEAD an audio note: with its signed URL, or with a Bearer token of the booking's
    owner or staff (anyone else gets 404)."""

    permission_classes = [AllowAny]  # decided below: a valid signature or a visible booking

    def get_authenticators(self):
        # A valid signature is the credential: a stale Bearer header that the browser sends
        # beside it (an expired session in the app) must not make JWTAuthentication answer 401.
        if self.has_valid_signature:
            return []
        return super().get_authenticators()

    @cached_property
    def has_valid_signature(self):
        request = getattr(self, "request", None)  # the Django request until DRF wraps it; None for the schema
        if request is None:
            return False
        return signature_grants_access(self.kwargs.get("note_id"), request.GET.get(SIGNATURE_PARAM))

    @extend_schema(
        operation_id="bookings_audio_notes_media",
        parameters=[OpenApiParameter(SIGNATURE_PARAM, str, description="From the note's `url`; valid 15 minutes.")],
        responses=MEDIA_BYTES_RESPONSES,
    )
    def get(self, request, booking_id, note_id):
        notes = MediaFile.objects.filter(kind=MediaFile.Kind.AUDIO, booking_id=booking_id)
        if not self.has_valid_signature:
            if not request.user.is_authenticated:
                if request.query_params.get(SIGNATURE_PARAM):
                    raise PermissionDenied("This media link has expired or is invalid.")
                raise NotAuthenticated()
            notes = notes.filter(booking__in=bookings_visible_to(request.user))
        note = get_object_or_404(notes, pk=note_id)
        return media_response(request, note, cache_control=PRIVATE_CACHE_CONTROL)
