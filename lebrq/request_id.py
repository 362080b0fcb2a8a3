"""The request id: one token that follows a request through its log lines and the jobs it enqueues.

A client or a proxy (nginx sets `X-Request-ID`) may send one; it is kept when it is a short
token of safe characters, replaced by a fresh uuid4 hex otherwise, so that a forged header can
neither break a log line nor grow it without bound. The id lives in a context variable: every
thread of a gthread worker (and every job run) sees its own.
"""

import contextlib
import contextvars
import logging
import re
import uuid

from django.core.signals import request_finished

HEADER = "X-Request-ID"
NO_REQUEST = "-"
# Letters, digits and the separators of uuids, ULIDs and nginx's $request_id; at most 64 characters.
_SAFE_TOKEN = re.compile(r"[A-Za-z0-9._:-]{1,64}", re.ASCII)

_current = contextvars.ContextVar("request_id", default=NO_REQUEST)


def new_request_id():
    return uuid.uuid4().hex


def accepted_request_id(candidate):
    """The client's id when it is a safe token, else a new one."""
    if candidate and _SAFE_TOKEN.fullmatch(candidate):
        return candidate
    return new_request_id()


def current_request_id():
    return _current.get()


@contextlib.contextmanager
def bound_request_id(request_id):
    token = _current.set(request_id)
    try:
        yield request_id
    finally:
        _current.reset(token)


class RequestIdLogFilter(logging.Filter):
    """Gives every record a `request_id` attribute for the formatters ("-" outside a request)."""

    def filter(self, record):
        record.request_id = _current.get()
        return True


class RequestIdMiddleware:
    """First in MIDDLEWARE: every response, a memory-guard 503, an error or a 304 alike, carries the id.

    The id stays bound until `request_finished`, not only until this middleware returns, since
    Django logs a 4xx/5xx ("Not Found: /x") after the whole middleware chain has answered.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = accepted_request_id(request.META.get("HTTP_X_REQUEST_ID"))
        request.request_id = request_id
        _current.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


def _forget_request_id(**kwargs):
    _current.set(NO_REQUEST)


request_finished.connect(_forget_request_id, dispatch_uid="lebrq.request_id.forget")
