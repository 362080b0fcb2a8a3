"""Cache calls for data the cache only saves work on (list counts, page anchors, their
version stamp): when the cache is down, log it and carry on as if it were empty, so a Redis
outage costs speed, not a 500. Throttles have their own fallback in lebrq/throttles.py."""

import logging

from django.core.cache import cache

from lebrq.metrics import CACHE_READS

logger = logging.getLogger("lebrq.cache")


_MISSING = object()


def cache_get(key, default=None):
    try:
        value = cache.get(key, _MISSING)
    except Exception as error:  # redis.ConnectionError, redis.TimeoutError, OSError from a file cache
        logger.warning("Cache unavailable, reading %s without it: %s", key, error)
        CACHE_READS.labels("error").inc()
        return default
    if value is _MISSING:
        CACHE_READS.labels("miss").inc()
        return default
    CACHE_READS.labels("hit").inc()
    return value


def cache_set(key, value, timeout):
    try:
        cache.set(key, value, timeout)
    except Exception as error:
        logger.warning("Cache unavailable, not storing %s: %s", key, error)


def cache_add(key, value, timeout):
    try:
        return cache.add(key, value, timeout)
    except Exception as error:
        logger.warning("Cache unavailable, not storing %s: %s", key, error)
        return False


def cache_get_many(keys):
    try:
        return cache.get_many(keys)
    except Exception as error:
        logger.warning("Cache unavailable, reading %d keys without it: %s", len(keys), error)
        return {}
