import logging

from rest_framework.throttling import ScopedRateThrottle, UserRateThrottle

logger = logging.getLogger("lebrq.throttles")


class CacheOutageTolerantMixin:
    """Throttles live in the shared cache; if that cache is down, let the request through
    (and log it) rather than answer 500: losing rate limits for a minute beats losing the API."""

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception as error:  # redis.ConnectionError, OSError from a file cache, ...
            logger.warning("Throttle cache unavailable, not throttling: %s", error)
            return True


class GeneralRateThrottle(CacheOutageTolerantMixin, UserRateThrottle):
    """Every API request: per user when authenticated, else per client IP."""

    scope = "general"


class ScopedThrottle(CacheOutageTolerantMixin, ScopedRateThrottle):
    """Extra limit for views that set `throttle_scope` (auth, uploads, search)."""
