"""Not a benchmark: the settings module and URLconf of the gunicorn that bench_uploads.py and
bench_media.py start. It is production settings plus baseline routes measured against the
real ones in the same run:

- POST /api/uploads/bench-default-handlers: the real upload view with Django's default upload
  handlers (64 KiB pieces into a temporary file), then hashed and moved into MEDIA_ROOT;
- POST /api/uploads/bench-raw-read: wsgi.input read in 1 MiB pieces straight into a file
  (no parsing, no hashing): the ceiling for Python storing a body under gunicorn;
- GET /bench/file-response/<name>: Django's plain FileResponse (ignores Range);
- GET /bench/ranged-response/<name>: django-ranged-response 0.2.0 as shipped.

(Both upload baselines declare `streams_request_body`, so the memory guard's body limit does not apply.)
"""

from lebrq.settings import *  # noqa: E402,F401,F403

ROOT_URLCONF = __name__
MEBIBYTE = 1024 * 1024


def __getattr__(name):
    # Django imports this module as settings before apps are loaded, and later as the
    # URLconf: build the URL patterns (which import views and models) only on that second use.
    if name == "urlpatterns":
        return _urlpatterns()
    raise AttributeError(name)


def _urlpatterns():
    from django.urls import path
    from django.views.decorators.csrf import csrf_exempt

    import lebrq.urls

    return [
        path("api/uploads/bench-default-handlers", _default_handlers_view()),
        path("api/uploads/bench-raw-read", csrf_exempt(_raw_read)),
        path("bench/file-response/<str:name>", _file_response),
        path("bench/ranged-response/<str:name>", _ranged_response),
        *lebrq.urls.urlpatterns,
    ]


def _default_handlers_view():
    import hashlib
    import os
    import uuid

    from rest_framework.response import Response
    from rest_framework.views import APIView

    from uploads.models import MediaFile, media_directory
    from uploads.serializers import MediaFileSerializer

    class DefaultHandlersUploadView(APIView):
        """What a plain Django/DRF upload view does: default handlers, then hash and move."""

        throttle_scope = "uploads"
        streams_request_body = True

        def post(self, request):
            upload = request.FILES["file"]
            digest = hashlib.sha256()
            for block in upload.chunks(MEBIBYTE):
                digest.update(block)
            directory = media_directory("video")
            directory.mkdir(parents=True, exist_ok=True)
            stored_name = f"{uuid.uuid4().hex}.mp4"
            os.replace(upload.temporary_file_path(), directory / stored_name)
            media = MediaFile.objects.create(
                kind="video",
                stored_name=stored_name,
                size=upload.size,
                sha256=digest.hexdigest(),
                content_type="video/mp4",
                original_name=upload.name,
                owner=request.user,
            )
            return Response(MediaFileSerializer(media, context={"request": request}).data, status=201)

    return DefaultHandlersUploadView.as_view()


def _raw_read(request):
    import uuid

    from django.http import JsonResponse

    from uploads.models import media_directory

    directory = media_directory("bench-raw")
    directory.mkdir(parents=True, exist_ok=True)
    size = 0
    with open(directory / uuid.uuid4().hex, "xb") as file:
        while block := request.read(MEBIBYTE):
            file.write(block)
            size += len(block)
    return JsonResponse({"size": size}, status=201)


_raw_read.streams_request_body = True


def _media_file(name):
    from uploads.models import MediaFile

    return MediaFile.objects.get(stored_name=name)


def _file_response(request, name):
    from django.http import FileResponse

    media = _media_file(name)
    return FileResponse(open(media.path, "rb"), content_type=media.content_type)


def _ranged_response(request, name):
    from ranged_response import RangedFileResponse

    media = _media_file(name)
    return RangedFileResponse(request, open(media.path, "rb"), content_type=media.content_type)
