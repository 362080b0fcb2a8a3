"""Dependency probes for GET /api/health. Each raises when its dependency is unusable.

The endpoint is public, so it answers only which dependency is down: the reason (a driver's
message names hosts, ports and users) goes to the log.
"""

import logging
import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger("lebrq.health")

MIN_FREE_MEDIA_BYTES = 100 * 1024 * 1024


class DependencyDown(Exception):
    """A probe reached its dependency and found it unusable."""


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    read_back = cache.get(key)
    cache.delete(key)
    if read_back != "1":
        raise DependencyDown("the value written was not read back")


def check_media_disk():
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(media_root).free
    if free < MIN_FREE_MEDIA_BYTES:
        raise DependencyDown(f"only {free // (1024 * 1024)} MiB free under MEDIA_ROOT")


CHECKS = {"database": check_database, "cache": check_cache, "media_disk": check_media_disk}


def run_checks():
    """{name: ok} for every probe; a failing probe's exception is logged, never returned."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any error means "down" for a health probe
            logger.warning("Health check %s failed: %s: %s", name, type(error).__name__, error, exc_info=error)
            results[name] = False
        else:
            results[name] = True
    return results
