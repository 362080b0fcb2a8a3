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
import json
import uuid
from datetime import timedelta

from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import parse_etags
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from lebrq.cache import cache_add, cache_get, cache_set

ANSWER_TIMEOUT = 600  # seconds; versions and validity do the real work, this only bounds memory
SEARCH_SCOPE = "search"
CATALOGUE_SCOPE = "catalogue"


def version_of(scope):
    key = f"availability:version:{scope}"
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
        cache_set(f"availability:version:{scope}", uuid.uuid4().hex, timeout=None)


def invalidate_venue_scopes(venue_id):
    _move_versions(venue_id, SEARCH_SCOPE)


def invalidate_catalogue():
    """Move the catalogue's version now and again on commit, as invalidate_venue does."""
    _move_versions(CATALOGUE_SCOPE)
    transaction.on_commit(lambda: _move_versions(CATALOGUE_SCOPE))


def cached_catalogue_answer(request, visibility, compute):
    """A catalogue list or detail answer (an ETag'd Response), cached per version, visibility and URL.

    The URL (scheme, host, path and query) is the key because the page links in the body name it.
    """
    url = request.build_absolute_uri()
    key = f"catalogue:{version_of(CATALOGUE_SCOPE)}:{visibility}:{query_digest(url)}"
    return cached_response(request, key, lambda: (compute(), timezone.now() + timedelta(seconds=ANSWER_TIMEOUT)))


def cached_response(request, key, compute, now=None):
    """Like cached_json, but the cache keeps the rendered JSON and its ETag: a hit is answered
    with those bytes as they are (200, or 304 for a matching If-None-Match), never re-rendered
    or re-hashed, which is most of what a cached 62-day availability would otherwise cost."""
    entry = _cached_entry(f"{key}:rendered", compute, _rendered, now)
    if _names(request, entry["etag"]):
        return HttpResponseNotModified(headers={"ETag": entry["etag"]})
    return HttpResponse(entry["content"], content_type="application/json", headers={"ETag": entry["etag"]})


def _rendered(data):
    content = JSONRenderer().render(data)
    return {"content": content, "etag": _etag_of(content)}


def _etag_of(content):
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def _names(request, etag):
    known = parse_etags(request.headers.get("If-None-Match", ""))
    return etag in known or "*" in known


def cached_json(key, compute, now=None):
    """The answer cached under `key` while it holds, else `compute()` -> (data, the last
    instant it holds or None to keep nothing), stored for next time as plain JSON values."""
    return _cached_entry(key, compute, lambda data: {"body": json.loads(JSONRenderer().render(data))}, now)["body"]


def _cached_entry(key, compute, build, now=None):
    """The entry under `key` while its `valid_until` holds; else `build(data)` from `compute()`,
    kept when it holds at all."""
    now = now or timezone.now()
    entry = cache_get(key)
    if entry is not None and now <= entry["valid_until"]:
        return entry
    data, valid_until = compute()
    entry = {**build(data), "valid_until": valid_until}
    if valid_until is not None and now <= valid_until:
        cache_set(key, entry, ANSWER_TIMEOUT)
    return entry


def conditional_response(request, body):
    """200 with a strong ETag of the body, or 304 when the client's If-None-Match names it."""
    etag = _etag_of(JSONRenderer().render(body))
    if _names(request, etag):
        return Response(status=304, headers={"ETag": etag})
    return Response(body, headers={"ETag": etag})


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
