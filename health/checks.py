"""Dependency probes for GET /api/health: each returns None when healthy, else the problem."""

import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection

MIN_FREE_MEDIA_BYTES = 100 * 1024 * 1024


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver error means "down" for a health probe
        return f"{type(error).__name__}: {error}"
    return None


def check_cache():
    key = f"health:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return None if ok else "value written was not read back"


def check_media_disk():
    media_root = Path(settings.MEDIA_ROOT)
    try:
        media_root.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(media_root).free
    except OSError as error:
        return f"{type(error).__name__}: {error}"
    if free < MIN_FREE_MEDIA_BYTES:
        return f"only {free // (1024 * 1024)} MiB free"
    return None


CHECKS = {"database": check_database, "cache": check_cache, "media_disk": check_media_disk}
