"""Project system checks, and the start-up guard gunicorn runs against the demo's staff password."""

import ipaddress

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_HOST_CACHE_BACKENDS = (
    "django.core.cache.backends.filebased.FileBasedCache",
    "django.core.cache.backends.locmem.LocMemCache",
)


@register(Tags.caches)
def production_runs_on_a_shared_cache(app_configs, **kwargs):
    per_host = [alias for alias, config in settings.CACHES.items() if config["BACKEND"] in PER_HOST_CACHE_BACKENDS]
    if settings.DEBUG or not per_host:
        return []
    return [
        Warning(
            f"DEBUG=false on a file or local-memory cache ({', '.join(per_host)}).",
            hint="Use Redis in production (CACHE_URL=redis://host:6379/0): a file or local-memory cache is "
            "per host (local memory: per worker), so throttle counters and cached counts are not shared, "
            "and the default cache culls entries at random once it holds 300.",
            id="lebrq.W001",
        )
    ]


def is_loopback_address(address):
    """gunicorn's parsed bind address: (host, port) for TCP; a path or fd for a Unix socket,
    which nginx (the public front) usually proxies to, so it does not count as loopback."""
    if not isinstance(address, tuple):
        return False
    host = address[0]
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def published_demo_password_works():
    """True while a staff account seed_demo creates still signs in with the password the docs print."""
    from django.contrib.auth import get_user_model

    from payments.management.commands.seed_demo import ADMIN, STAFF

    for email, password, *_ in (ADMIN, *STAFF):
        staff = get_user_model().objects.filter(email=email, is_active=True).first()
        if staff is not None and staff.check_password(password):
            return True
    return False
