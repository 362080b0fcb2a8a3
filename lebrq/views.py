import hmac
import ipaddress

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST

from lebrq.metrics import exposition


def may_scrape(request):
    """A METRICS_TOKEN bearer, or a client on loopback that no proxy forwarded (behind nginx every
    request comes from loopback, with X-Forwarded-For set)."""
    if settings.METRICS_TOKEN:
        expected = f"Bearer {settings.METRICS_TOKEN}".encode()
        if hmac.compare_digest(request.META.get("HTTP_AUTHORIZATION", "").encode(), expected):
            return True
    if "HTTP_X_FORWARDED_FOR" in request.META or "HTTP_X_REAL_IP" in request.META:
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@require_safe
def metrics(request):
    if not may_scrape(request):
        response = JsonResponse(
            {"detail": "Metrics are served to loopback or a METRICS_TOKEN bearer.", "code": "metrics_forbidden"},
            status=403,
        )
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
