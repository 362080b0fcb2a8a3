"""RFC 9110 responses for stored media: full, one range, 416, 304/412, HEAD.

The body is a file object seeked to the range start and bounded to its length, handed to
FileResponse so that gunicorn's wsgi.file_wrapper can sendfile() it; it is never read whole
and always closed with the response. django-ranged-response is not used: see
docs/decisions.md (Uploads).
"""

import os

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date, parse_http_date_safe

from uploads.ranges import ByteRange, RangeOutcome, parse_range_header
from uploads.storage import media_on_s3, presigned_url

# On every answer of a media route: a stored file is never a page of the API's origin, so
# whatever a browser renders from it (a PDF, a crafted image) runs sandboxed, loads nothing
# and sends no Referer that could carry a signed URL.
MEDIA_SECURITY_HEADERS = {"Content-Security-Policy": "default-src 'none'; sandbox", "Referrer-Policy": "no-referrer"}
# Browsers show these in their own players and viewers; anything else (PDF) is downloaded.
INLINE_TYPE_PREFIXES = ("image/", "video/", "audio/")
PUBLIC_CACHE_CONTROL = "public, max-age=31536000, immutable"  # a stored name never changes content
PRIVATE_CACHE_CONTROL = "private, max-age=900"
BLOCK_SIZE = 64 * 1024  # read size when the server cannot sendfile (e.g. the test client)


class FileSlice:
    """A binary file positioned at `start` that reads at most `length` bytes.

    gunicorn sendfile()s `Content-Length` bytes from the current offset of `fileno()`;
    without sendfile, `read()` stops at the end of the slice. It deliberately has no
    seek()/tell(): FileResponse.set_headers() reads a seekable object without tell() to
    the end just to count its bytes.
    """

    def __init__(self, file, start, length):
        file.seek(start)
        self._file = file
        self._remaining = length

    def read(self, size=-1):
        if self._remaining <= 0:
            return b""
        if size is None or size < 0 or size > self._remaining:
            size = self._remaining
        data = self._file.read(size)
        self._remaining -= len(data)
        return data

    def fileno(self):
        return self._file.fileno()

    def close(self):
        self._file.close()


def media_response(request, media, *, cache_control):
    if media_on_s3():
        return presigned_redirect(request, media, cache_control)
    if settings.MEDIA_ACCEL_REDIRECT:
        return accel_redirect_response(media, cache_control)
    try:
        file = open(media.path, "rb")
    except FileNotFoundError:
        raise Http404("Media file missing.") from None
    try:
        response = _file_response(request, media, file, cache_control)
    except BaseException:
        file.close()
        raise
    if not isinstance(response, FileResponse):
        file.close()
    return response


def accel_redirect_response(media, cache_control):
    """Let nginx send the bytes (and answer Range itself) from an internal location."""
    response = HttpResponse(content_type=media.content_type)
    response["X-Accel-Redirect"] = f"{settings.MEDIA_ACCEL_REDIRECT.rstrip('/')}/{media.kind}/{media.stored_name}"
    response["Cache-Control"] = cache_control
    response["Content-Disposition"] = content_disposition(media)
    return response


def presigned_redirect(request, media, cache_control):
    """302 to the object store's own origin, which answers Range and conditional requests; the
    object's Cache-Control and Content-Disposition are set by the URL's response overrides. The
    redirect itself is never cached: it outlives its signature otherwise."""
    url = presigned_url(
        media.kind,
        media.stored_name,
        method="HEAD" if request.method == "HEAD" else "GET",
        overrides={
            "ResponseCacheControl": cache_control,
            "ResponseContentDisposition": content_disposition(media),
            "ResponseContentType": media.content_type,
        },
    )
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "no-store"
    return response


def content_disposition(media):
    """Inline for images, video and audio; an attachment otherwise. The file name is the
    server's (hex + the extension of the detected type), never the client's."""
    inline = media.content_type.startswith(INLINE_TYPE_PREFIXES)
    return content_disposition_header(not inline, media.stored_name)


def _file_response(request, media, file, cache_control):
    size = os.fstat(file.fileno()).st_size
    validators = HttpResponse()
    validators["ETag"] = f'"{media.sha256}"'
    validators["Last-Modified"] = http_date(media.created_at.timestamp())
    validators["Cache-Control"] = cache_control
    validators["Accept-Ranges"] = "bytes"
    validators["Content-Disposition"] = content_disposition(media)
    conditional = get_conditional_response(
        request, etag=validators["ETag"], last_modified=int(media.created_at.timestamp()), response=validators
    )
    if conditional is not validators:
        return conditional  # 304 Not Modified or 412 Precondition Failed

    outcome = RangeOutcome.IGNORE
    if _if_range_allows(request, validators):
        outcome = parse_range_header(request.META.get("HTTP_RANGE"), size)
    if outcome is RangeOutcome.UNSATISFIABLE:
        return _with_headers(
            HttpResponse(status=416), validators, {"Content-Range": f"bytes */{size}", "Content-Length": "0"}
        )

    byte_range = outcome if isinstance(outcome, ByteRange) else ByteRange(0, size - 1)
    status = 206 if isinstance(outcome, ByteRange) else 200
    headers = {"Content-Length": str(byte_range.length if size else 0)}
    if status == 206:
        headers["Content-Range"] = byte_range.content_range(size)
    if request.method == "HEAD":
        return _with_headers(HttpResponse(status=status, content_type=media.content_type), validators, headers)
    response = FileResponse(
        FileSlice(file, byte_range.start, byte_range.length if size else 0),
        status=status,
        content_type=media.content_type,
    )
    response.block_size = BLOCK_SIZE
    return _with_headers(response, validators, headers)


def _if_range_allows(request, validators):
    """RFC 9110 13.1.5: apply Range only if If-Range (when sent) still names this
    representation: the exact strong ETag, or exactly the Last-Modified date."""
    if_range = request.META.get("HTTP_IF_RANGE")
    if not if_range:
        return True
    if_range = if_range.strip()
    if if_range.startswith(('"', "W/")):
        return if_range == validators["ETag"]
    date = parse_http_date_safe(if_range)
    return date is not None and http_date(date) == validators["Last-Modified"]


def _with_headers(response, validators, headers):
    for name in ("ETag", "Last-Modified", "Cache-Control", "Accept-Ranges", "Content-Disposition"):
        response[name] = validators[name]
    for name, value in headers.items():
        response[name] = value
    return response
