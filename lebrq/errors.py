"""JSON errors everywhere under /api/, in DRF's `{"detail": ...}` shape."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import JsonResponse
from rest_framework.views import exception_handler

logger = logging.getLogger("lebrq.errors")


def api_exception_handler(exc, context):
    response = exception_handler(exc, context)
    if response is not None:
        return response
    if isinstance(exc, (OperationalError, InterfaceError)):
        # A database that is down or restarting: tell the client to retry rather than 500.
        logger.error("Database unavailable: %s", exc)
        return JsonResponse(
            {"detail": "Database temporarily unavailable; retry shortly."}, status=503, headers={"Retry-After": "5"}
        )
    if isinstance(exc, DatabaseError):
        logger.exception("Database error")
    return None


def json_not_found(request, exception=None):
    return JsonResponse({"detail": "Not found."}, status=404)


def json_server_error(request):
    return JsonResponse({"detail": "Internal server error."}, status=500)


def json_bad_request(request, exception=None):
    return JsonResponse({"detail": "Bad request."}, status=400)


def json_permission_denied(request, exception=None):
    return JsonResponse({"detail": "You do not have permission to perform this action."}, status=403)
