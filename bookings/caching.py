"""Availability and search answers kept in the shared cache, dropped by every write that changes them.

Each venue has a version stamp moved by any write to its bookings, its closures or the venue
itself (rules, hours, capacity); search, which spans venues, has one stamp moved by all of
them. Time changes answers too: each cached answer carries the last instant it holds (a hold
lapsing, notice or horizon reaching the next grid point) and is a miss after it, so a lapsed
hold is free at once, whatever the TTL.

The public catalogue (venue and item lists and details) has one more stamp, moved by any write
to a venue or an item; its answers do not change with time, so they hold until the stamp moves.
"""

import hashlib
import uuid
from datetime import timedelta

from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import parse_etags

from lebrq.cache import cache_add, cache_get, cache_set
from lebrq.renderers import render_json

ANSWER_TIMEOUT = 600  # seconds; versions and validity do the real work, this only bounds memory
SEARCH_SCOPE = "search"
CATALOGUE_SCOPE = "catalogue"


def version_key(scope):
    return f"availability:version:{scope}"


def version_of(scope):
    key = version_key(scope)
    version = cache_get(key)
    if version is None:
        # add(), not set(): two workers racing here must agree on one version.
        cache_add(key, uuid.uuid4().hex, timeout=None)
        version = cache_get(key, "uncached")
    return version


def invalidate_venue(venue_id):
    """Move the venue's and search's versions now and again on commit (see bookings/counts.py)."""
    invalidate_venue_scopes(venue_id)
    transaction.on_commit(lambda: invalidate_venue_scopes(venue_id))


def _move_versions(*scopes):
    for scope in scopes:
        cache_set(version_key(scope), uuid.uuid4().hex, timeout=None)


def invalidate_venue_scopes(venue_id):
    _move_versions(venue_id, SEARCH_SCOPE)


def invalidate_catalogue():
    """Move the catalogue's version now and again on commit, as invalidate_venue does."""
    _move_versions(CATALOGUE_SCOPE)
    transaction.on_commit(lambda: _move_versions(CATALOGUE_SCOPE))


# Who an answer is for: EVERYONE (availability of an active venue, search) may be served before
# authentication to any caller (bookings/middleware.py); PUBLIC (the catalogue without inactive
# rows) before authentication to anonymous callers only; any other audience (ALL: staff who see
# inactive rows) only by the view, once it knows who asks.
EVERYONE, PUBLIC, ALL = "everyone", "public", "all"


def answer_key(audience, url):
    return f"answer:{audience}:{query_digest(url)}"


def cached_answer(request, *, audience, scopes, compute):
    """The answer to this GET (200 with an ETag, or 304 for a matching If-None-Match), read from
    the cache while its scopes' versions and its validity hold, else from `compute()` ->
    (data, the last instant it holds or None to keep nothing) and stored for the next caller.

    The key is the absolute URL (page links in the body name it) and the audience. An entry
    keeps the rendered JSON and its ETag, so a hit is never re-rendered or re-hashed. Versions
    are read before computing: a write during the computation leaves the entry stale at once.
    """
    key, now = answer_key(audience, request.build_absolute_uri()), timezone.now()
    versions = {version_key(scope): version_of(scope) for scope in scopes}
    entry = cache_get(key)
    if entry is None or not is_current(entry, versions, now):
        data, valid_until = compute()
        content = render_json(data)
        entry = {"content": content, "etag": _etag_of(content), "valid_until": valid_until, "versions": versions}
        if valid_until is not None and now <= valid_until:
            cache_set(key, entry, ANSWER_TIMEOUT)
    return response_of(request, entry)


def response_of(request, entry):
    """200 with the entry's bytes and ETag, or 304 when the client's If-None-Match names it."""
    if _names(request, entry["etag"]):
        return HttpResponseNotModified(headers={"ETag": entry["etag"]})
    return HttpResponse(entry["content"], content_type="application/json", headers={"ETag": entry["etag"]})


def cached_catalogue_answer(request, visibility, compute):
    """A catalogue list or detail answer for `visibility` (PUBLIC or ALL): it does not change with
    time, so it holds until the catalogue's version moves."""
    return cached_answer(
        request, audience=visibility, scopes=[CATALOGUE_SCOPE],
        compute=lambda: (compute(), timezone.now() + timedelta(seconds=ANSWER_TIMEOUT)),
    )  # fmt: skip


def is_current(entry, versions, now):
    """Whether a cached entry still answers: every scope at the version it was computed at, and
    its validity not yet past (`versions`: {version key: stamp} as read from the cache)."""
    return now <= entry["valid_until"] and all(versions.get(key) == stamp for key, stamp in entry["versions"].items())


def _etag_of(content):
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def _names(request, etag):
    """Whether If-None-Match names `etag`, compared weakly as RFC 9110 (13.1.2) asks of it: a
    gzipped answer went out as W/"..." (GZipMiddleware), and that is what comes back."""
    known = parse_etags(request.headers.get("If-None-Match", ""))
    return "*" in known or etag in {tag.removeprefix("W/") for tag in known}


def query_digest(*parts):
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def on_booking_write(sender, instance, **kwargs):
    invalidate_venue(instance.venue_id)


def on_closure_write(sender, instance, **kwargs):
    invalidate_venue(instance.venue_id)


def on_venue_write(sender, instance, **kwargs):
    invalidate_venue(instance.pk)
    invalidate_catalogue()


def on_item_write(sender, instance, **kwargs):
    invalidate_catalogue()
