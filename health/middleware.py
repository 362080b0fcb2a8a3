import gc
import logging
import re

from django.conf import settings
from django.http import JsonResponse

from health.memory import current_memory_reading, memory_status
from lebrq.metrics import MEMORY_GUARD_REJECTIONS

logger = logging.getLogger("lebrq.memory")

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH"})
HEALTH_PREFIX = "/api/health"
# ASCII digits only: int() would also take " 12", "+12", "1_2", "١٢" and, past 4,300 digits, raise.
_CONTENT_LENGTH = re.compile(r"[0-9]{1,19}", re.ASCII)


def declared_body_length(meta):
    """The request's Content-Length (0 when absent); ValueError when it is not a plain number."""
    raw = meta.get("CONTENT_LENGTH") or "0"
    if not _CONTENT_LENGTH.fullmatch(raw):
        raise ValueError(f"invalid Content-Length {raw[:40]!r}")
    return int(raw)


def streams_request_body(view_func):
    """Whether the view streams its body to disk under its own limits (the upload views declare it)."""
    return getattr(getattr(view_func, "view_class", view_func), "streams_request_body", False)


def _refusal(status, code, detail):
    return JsonResponse({"detail": detail, "code": code}, status=status)


def _unavailable(detail):
    response = JsonResponse({"detail": detail}, status=503)
    response["Retry-After"] = str(settings.MEMORY_RETRY_AFTER_SECONDS)
    return response


class MemoryGuardMiddleware:
    """Sheds load before memory runs out, and refuses oversized bodies unread.

    - at or above MEMORY_THRESHOLD_PERCENT: writes (POST/PUT/PATCH) get 503 + Retry-After;
    - at or above MEMORY_CRITICAL_PERCENT: every request but health gets 503;
    - a chunked body gets 411 and an unreadable Content-Length 400, on every route;
    - a body over MAX_BODY_SIZE_MB gets 413, unless the view declares `streams_request_body`
      (uploads stream to disk under their own per-kind limits);
    - a MemoryError from a view is answered with 503 after a gc.collect().

    The body checks run in process_view, where the view is known: after URL resolution and
    before any view, DRF authentication (SessionAuthentication's CSRF check reads request.POST)
    or parser has read a byte of the body.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.max_body_bytes = settings.MAX_BODY_SIZE_MB * settings.MEBIBYTE

    def __call__(self, request):
        rejection = self.reject_for_memory(request)
        if rejection is not None:
            return rejection
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            # Upload handlers count the body against Content-Length; without one they cannot.
            return _refusal(411, "length_required", "Request bodies need a Content-Length header (not chunked).")
        try:
            length = declared_body_length(request.META)
        except ValueError:
            return _refusal(400, "invalid_content_length", "Invalid Content-Length header.")
        if length > self.max_body_bytes and not streams_request_body(view_func):
            detail = f"Request body too large: limit is {settings.MAX_BODY_SIZE_MB} MiB."
            return _refusal(413, "request_too_large", detail)
        return None

    # Django turns an exception from the view into a response before it reaches __call__,
    # so a MemoryError can only be caught here.
    def process_exception(self, request, exception):
        if isinstance(exception, MemoryError):
            return self.recover_from_memory_error(request)
        return None

    def reject_for_memory(self, request):
        if request.path.startswith(HEALTH_PREFIX):
            return None
        used_percent = current_memory_reading().used_percent
        status = memory_status(used_percent)
        if status == "ok" or (status == "warning" and request.method not in WRITE_METHODS):
            return None
        MEMORY_GUARD_REJECTIONS.labels(status).inc()
        logger.warning(
            "[Memory Protection] Rejecting %s %s - Memory usage: %.1f%%", request.method, request.path, used_percent
        )
        return _unavailable(f"Server is low on memory ({used_percent:.1f}% used); retry shortly.")

    def recover_from_memory_error(self, request):
        collected = gc.collect()
        MEMORY_GUARD_REJECTIONS.labels("memory_error").inc()
        logger.error(
            "[Memory Protection] Collected %d objects after MemoryError on %s %s",
            collected,
            request.method,
            request.path,
        )
        return _unavailable("Server ran out of memory handling this request; retry shortly.")
