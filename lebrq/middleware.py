import logging
import time

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

from lebrq.metrics import queries_so_far, record_request

logger = logging.getLogger("lebrq.timing")

COMPRESSIBLE_TYPES = frozenset({"application/json", "application/javascript", "application/x-ndjson"})


def is_compressible(content_type):
    """JSON (including `+json` types such as the OpenAPI schema), NDJSON, JavaScript and text."""
    mime_type = content_type.partition(";")[0].strip().lower()
    return mime_type in COMPRESSIBLE_TYPES or mime_type.startswith("text/") or mime_type.endswith("+json")


class RequestTimingMiddleware:
    """Adds X-Process-Time (seconds) to every response and logs requests slower than SLOW_REQUEST_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.slow_seconds = settings.SLOW_REQUEST_SECONDS

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = time.perf_counter() - started
        response["X-Process-Time"] = f"{elapsed:.6f}"
        if elapsed > self.slow_seconds:
            logger.warning("Slow request: %s %s took %.2fs", request.method, request.path, elapsed)
        return response


class MetricsMiddleware:
    """Counts and times every response by route pattern, with the database queries it ran."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        queries_before = queries_so_far()
        response = self.get_response(request)
        record_request(request, response, time.perf_counter() - started, queries_so_far() - queries_before)
        return response


class TextOnlyGZipMiddleware(GZipMiddleware):
    """GZip for JSON and text only: media and PDFs are already compressed, and
    compressing them would break byte ranges and Content-Length."""

    def process_response(self, request, response):
        if not is_compressible(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
