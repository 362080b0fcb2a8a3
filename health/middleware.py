import gc
import logging
import re

from django.conf import settings
from django.http import JsonResponse

from health.memory import current_memory_reading, memory_status

logger = logging.getLogger("lebrq.memory")

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH"})
HEALTH_PREFIX = "/api/health"


def _unavailable(detail):
    response = JsonResponse({"detail": detail}, status=503)
    response["Retry-After"] = str(settings.MEMORY_RETRY_AFTER_SECONDS)
    return response


class MemoryGuardMiddleware:
    """Sheds load before memory runs out, and refuses oversized bodies unread.

    - at or above MEMORY_THRESHOLD_PERCENT: writes (POST/PUT/PATCH) get 503 + Retry-After;
    - at or above MEMORY_CRITICAL_PERCENT: every request but health gets 503;
    - a non-upload request whose Content-Length passes MAX_BODY_SIZE_MB gets 413
      before a byte of the body is read (upload routes stream to disk and have their own limits);
    - a MemoryError from a view is answered with 503 after a gc.collect().
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.upload_path = re.compile(settings.UPLOAD_PATH_PATTERN)
        self.max_body_bytes = settings.MAX_BODY_SIZE_MB * settings.MEBIBYTE

    def __call__(self, request):
        rejection = self.reject_for_memory(request) or self.reject_oversized_body(request)
        if rejection is not None:
            return rejection
        return self.get_response(request)

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
        logger.warning(
            "[Memory Protection] Rejecting %s %s - Memory usage: %.1f%%", request.method, request.path, used_percent
        )
        return _unavailable(f"Server is low on memory ({used_percent:.1f}% used); retry shortly.")

    def reject_oversized_body(self, request):
        if self.upload_path.match(request.path):
            return None
        meta = request.META
        if "chunked" in meta.get("HTTP_TRANSFER_ENCODING", "").lower():
            return JsonResponse({"detail": "Chunked request bodies need Content-Length on this route."}, status=411)
        try:
            length = int(meta.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return JsonResponse({"detail": "Invalid Content-Length header."}, status=400)
        if length > self.max_body_bytes:
            return JsonResponse(
                {"detail": f"Request body too large: limit is {settings.MAX_BODY_SIZE_MB} MiB."}, status=413
            )
        return None

    def recover_from_memory_error(self, request):
        collected = gc.collect()
        logger.error(
            "[Memory Protection] Collected %d objects after MemoryError on %s %s",
            collected,
            request.method,
            request.path,
        )
        return _unavailable("Server ran out of memory handling this request; retry shortly.")
