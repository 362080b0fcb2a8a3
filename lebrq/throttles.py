import ipaddress
import logging

import redis.exceptions
from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import BaseThrottle, ScopedRateThrottle, UserRateThrottle

logger = logging.getLogger("lebrq.throttles")


class ThrottleCache:
    """Counters live in their own cache alias, configured never to cull (settings.CACHES["throttle"]):
    Django's file and local-memory caches drop random entries past MAX_ENTRIES, counters included.
    Settings that define only `default` (a test overriding CACHES) keep the counters there."""

    def __getattr__(self, name):
        alias = "throttle" if "throttle" in settings.CACHES else "default"
        return getattr(caches[alias], name)


throttle_cache = ThrottleCache()

CACHE_OUTAGES = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


def client_address(request):
    """The client's address as DRF's throttles see it (NUM_PROXIES), for django-axes too, so the
    login throttle and the lockout agree on who is asking. Anything but an IP falls back to the peer."""
    ident = BaseThrottle().get_ident(request)
    try:
        return str(ipaddress.ip_address(ident))
    except ValueError:
        return request.META.get("REMOTE_ADDR")


class CacheOutageTolerantMixin:
    """Throttles live in the shared cache; if that cache is down, let the request through
    (and log it) rather than answer 500: losing rate limits for a minute beats losing the API.
    Only outages are forgiven: any other error is a bug and must be seen."""

    cache = throttle_cache

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except CACHE_OUTAGES as error:
            logger.warning("Throttle cache unavailable, not throttling: %s", error)
            return True


class GeneralRateThrottle(CacheOutageTolerantMixin, UserRateThrottle):
    """Every API request: per user when authenticated, else per client IP."""

    scope = "general"


class ScopedThrottle(CacheOutageTolerantMixin, ScopedRateThrottle):
    """Extra limit for views that set `throttle_scope` (login, refresh, register, uploads, search)."""
