"""Cached public answers served without authenticating against the database or running the view.

Availability of an active venue and search are the same for every caller, and the catalogue is
the same for every anonymous one (bookings/caching.py keys each answer by its audience). For a
GET of one of those routes this middleware does what DRF's dispatch does, the view's handler
replaced by the entry the view stored: the view's content negotiation, permissions and
throttles (`general`, and `search` where the view sets that scope) run as DRF runs them (a
throttled caller gets DRF's 429 from here), then the stored bytes and ETag are the answer (304
for a matching If-None-Match). The caller is found without a query: anonymous, or the user a
bearer token names once its signature and expiry verify (simplejwt's stateless authentication),
which is all the throttles key on. The cache costs two round trips: the entry with its
versions and the throttles' histories, then the histories' updates.

Anything it cannot answer exactly as the view would goes on to the view: another method or
route, no entry or a stale one, a session cookie (only the session says who that is), a token
that does not verify (the view answers 401), the catalogue for a caller with a token (staff may
see inactive rows), a client asking for anything but JSON. A token whose user was deactivated
since it was issued still gets public answers here until it expires: anonymous callers get them.
"""

import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import Resolver404, resolve
from django.utils import timezone
from rest_framework.exceptions import APIException
from rest_framework.request import ForcedAuthentication
from rest_framework_simplejwt.authentication import JWTStatelessUserAuthentication

from bookings import caching
from lebrq.cache import cache_get_many
from lebrq.throttles import CACHE_OUTAGES, throttle_cache

logger = logging.getLogger("lebrq.throttles")


class CachedAnswerMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return cached_answer(request) or self.get_response(request)


def cached_answer(request):
    """The cached answer to `request`, or None to let the view answer."""
    if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    view = _view_keeping_answers(request)
    credentials = _credentials(request) if view else None
    if credentials is None:
        return None
    try:
        url = request.build_absolute_uri()
    except DisallowedHost:
        return None
    if not _negotiates_json(view, request, credentials):
        return None
    throttles = _BatchedThrottles(view)
    audiences = [caching.EVERYONE] if credentials else [caching.EVERYONE, caching.PUBLIC]
    entry = _current_entry([caching.answer_key(audience, url) for audience in audiences], view, throttles)
    return entry and _dispatch(view, request, entry, throttles)


def _view_keeping_answers(request):
    """The DRF view that would answer, set up as ViewSetMixin.as_view sets it up, if it keeps
    cached answers for this action (`cached_answer_actions`)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    request.resolver_match = match  # what Django's handler would set: metrics label the route by it
    actions = getattr(match.func, "actions", None) or {}
    if actions.get("get") not in getattr(getattr(match.func, "cls", None), "cached_answer_actions", ()):
        return None
    view = match.func.cls(**match.func.initkwargs)
    view.action_map = {"head": actions["get"], **actions}
    for method, action in view.action_map.items():
        setattr(view, method, getattr(view, action))  # Allow lists them
    view.action, view.args, view.kwargs = actions["get"], match.args, match.kwargs
    return view


def _credentials(request):
    """() for an anonymous caller, the authenticator of a bearer token that verifies, None for
    a token that does not."""
    try:
        authenticated = JWTStatelessUserAuthentication().authenticate(request)
    except APIException:
        return None
    return (ForcedAuthentication(*authenticated),) if authenticated else ()


def _negotiates_json(view, request, credentials):
    """Set up DRF's request on `view` as dispatch does; whether the client takes JSON."""
    view.request = drf_request = view.initialize_request(request)
    drf_request.authenticators = credentials
    view.headers, view.format_kwarg = view.default_response_headers, view.get_format_suffix(**view.kwargs)
    try:
        renderer, _ = view.perform_content_negotiation(drf_request)
    except APIException:
        return False
    return renderer.format == "json"


def _current_entry(answer_keys, view, throttles):
    """The first of `answer_keys` cached and current, read in one round trip with the versions
    the view expects it to depend on (any other it names is read after) and, when they share
    the cache, the throttles' histories."""
    version_keys = [caching.version_key(scope) for scope in view.cached_answer_scopes()]
    throttle_keys = throttles.keys if throttles.share_the_default_cache() else []
    found = cache_get_many([*answer_keys, *version_keys, *throttle_keys])
    entry = next((found[key] for key in answer_keys if key in found), None)
    if entry is None:
        return None
    unread = [key for key in entry["versions"] if key not in version_keys]
    versions = {**found, **(cache_get_many(unread) if unread else {})}
    if not caching.is_current(entry, versions, timezone.now()):
        return None
    throttles.load({key: found[key] for key in throttle_keys if key in found} if throttle_keys else None)
    return entry


def _dispatch(view, request, entry, throttles):
    """DRF's APIView.dispatch with the entry as the handler's answer."""
    view.get_throttles = throttles.get_throttles
    try:
        view.initial(view.request, *view.args, **view.kwargs)
        response = caching.response_of(request, entry)
    except Exception as error:  # what dispatch hands to the exception handler: a throttle's 429
        response = view.handle_exception(error)
    finally:
        throttles.save()
    response = view.finalize_response(view.request, response, *view.args, **view.kwargs)
    return response.render() if hasattr(response, "render") else response


class _BatchedThrottles:
    """The view's throttles, reading all their histories in one round trip (the entry's, when
    they share its cache) and writing them in one, instead of a read and a write each. DRF's
    SimpleRateThrottle reads and writes its history through `self.cache.get` and `.set` only: a
    first pass through `allow_request` against an empty cache learns the keys, recording
    nothing. A cache that is down lets the request through, as CacheOutageTolerantMixin does."""

    def __init__(self, view):
        self.throttles = view.get_throttles()
        learner = _ThrottleCache({})
        for throttle in self.throttles:
            throttle.cache = learner
            throttle.allow_request(view.request, view)
        self.keys = sorted(learner.read)

    @staticmethod
    def share_the_default_cache():
        return settings.CACHES.get("throttle", settings.CACHES["default"]) == settings.CACHES["default"]

    def load(self, histories=None):
        """Give the throttles their histories: `histories` as read with the entry, or read now."""
        if histories is None:
            try:
                histories = throttle_cache.get_many(self.keys) if self.keys else {}
            except CACHE_OUTAGES as error:
                logger.warning("Throttle cache unavailable, not throttling: %s", error)
                histories = {}
        self.cache = _ThrottleCache(histories)
        for throttle in self.throttles:
            throttle.cache = self.cache

    def get_throttles(self):
        return self.throttles

    def save(self):
        by_timeout = {}
        for key, (history, timeout) in self.cache.written.items():
            by_timeout.setdefault(timeout, {})[key] = history
        try:
            for timeout, histories in by_timeout.items():
                throttle_cache.set_many(histories, timeout)
        except CACHE_OUTAGES as error:
            logger.warning("Throttle cache unavailable, not throttling: %s", error)


class _ThrottleCache:
    """What a throttle sees of the cache: histories read beforehand, writes kept for later."""

    def __init__(self, histories):
        self.histories, self.read, self.written = histories, set(), {}

    def get(self, key, default=None):
        self.read.add(key)
        return self.histories.get(key, default)

    def set(self, key, value, timeout=None):
        self.written[key] = (value, timeout)
