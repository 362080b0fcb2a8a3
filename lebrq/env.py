"""Typed readers for environment variables that fail loudly on a bad value.

Settings read the environment once, through these, so a typo such as
``MEMORY_THRESHOLD_PERCENT=8O`` stops the process at start instead of
surfacing at the first request.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
# DRF reads only the first letter of the period; these are the spellings its documentation uses.
_THROTTLE_RATE = re.compile(r"^\s*([0-9]+)\s*/\s*(s|sec|second|m|min|minute|h|hour|d|day)\s*$")


def env_str(name, default=None, *, required=False):
    value = os.environ.get(name)
    if value is None:
        if required:
            raise ImproperlyConfigured(f"Environment variable {name} is required.")
        return default
    return value


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true/false).")


def env_int(name, default, *, minimum=None):
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}.")
    return value


def env_float(name, default, *, minimum=None, maximum=None):
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a number.") from None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ImproperlyConfigured(f"{name}={value} must lie in [{minimum}, {maximum}].")
    return value


def env_throttle_rate(name, default):
    """A DRF throttle rate such as ``5/min``, checked here because DRF parses it per request."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    match = _THROTTLE_RATE.match(raw)
    if not match or int(match[1]) < 1:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a throttle rate (use N/s, N/sec, N/min, N/hour or N/day with N at least 1)."
        )
    return f"{int(match[1])}/{match[2]}"


def env_choice(name, default, choices):
    """One of `choices` (compared lower-cased); anything else stops the process."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={raw!r} is not one of: {', '.join(choices)}.")
    return value


def env_list(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [part.strip() for part in raw.split(",") if part.strip()]


def parse_cache_url(url):
    """Turn CACHE_URL into a Django CACHES entry.

    Supported: ``redis://host:port/db`` (and ``rediss://``), ``file:///abs/path``,
    ``locmem://`` and ``dummy://``.
    """
    parts = urlsplit(url)
    scheme = parts.scheme
    if scheme in ("redis", "rediss"):
        return {
            "BACKEND": "lebrq.redis_cache.PooledClientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    if scheme == "file":
        # file://var/cache parses as host "var" + path "/cache": refuse it instead of writing to /cache.
        if parts.netloc or not parts.path.startswith("/"):
            raise ImproperlyConfigured(f"CACHE_URL {url!r}: a file cache needs an absolute path (file:///abs/path).")
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": parts.path}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": parts.netloc or "lebrq"}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL {url!r}: unsupported scheme {scheme!r}.")


def ensure_dir(path):
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    return path
