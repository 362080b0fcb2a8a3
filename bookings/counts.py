"""A version stamp for booking data, so cached list counts are dropped on every write.

List views cache `COUNT(*)` per filter under the current version; any write to bookings
(service, admin, bulk update) moves the version on commit, so a cached `total` is never stale.
"""

import uuid

from django.db import transaction

from lebrq.cache import cache_add, cache_get, cache_set

VERSION_KEY = "bookings:data-version"


def booking_data_version():
    version = cache_get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        # add(), not set(): two workers racing here must agree on one version.
        cache_add(VERSION_KEY, version, timeout=None)
        version = cache_get(VERSION_KEY, version)
    return version


def invalidate_booking_counts():
    """Move the version now, so this transaction's own reads see fresh counts, and again on
    commit, so a count another request cached from the pre-commit rows is dropped too."""
    _move_version()
    transaction.on_commit(_move_version)


def _move_version():
    cache_set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def invalidate_on_booking_write(sender, **kwargs):
    invalidate_booking_counts()
