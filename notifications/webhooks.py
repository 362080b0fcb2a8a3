"""Outbound webhooks: build the event, sign it, guard the target, POST it once.

The body is `{id, type, created, data}`; `LeBrq-Signature: t=<unix>,v1=<hex HMAC-SHA256 of
"t.body">` as Stripe does, so a receiver can refuse replays by `t`. The target's host is
resolved and every address checked before the endpoint is saved and again at each send, and the
connection goes to the address that was checked (no second lookup a rebinding DNS server could
answer differently). Redirects are never followed: a 3xx is a failed attempt.
"""

import hashlib
import hmac
import ipaddress
import json
import socket
import time
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import urllib3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from lebrq.tasks import enqueue_on_commit
from notifications.models import EVENT_TYPES, WebhookAttempt, WebhookDelivery, WebhookEndpoint

SIGNATURE_HEADER = "LeBrq-Signature"
USER_AGENT = "LeBrq-Webhooks/1"


class UnsafeTarget(ValueError):
    """The target resolves to an address webhooks may not reach (or does not resolve)."""


# --- Signing ----------------------------------------------------------------------------------
def sign(secret, body, timestamp):
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify_signature(secret, body, header, tolerance_seconds=300, now=None):
    """What a receiver does (docs/webhooks.md shows the same): constant-time compare, fresh `t`."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now or time.time()) - timestamp) > tolerance_seconds:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


# --- SSRF guard -------------------------------------------------------------------------------
def is_public_address(address):
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local or ip.is_loopback)


def resolve_target(url):
    """(scheme, host, port, [addresses]) for `url`, or UnsafeTarget."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeTarget("Only http:// and https:// URLs with a host are allowed.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeTarget(f"The host {parts.hostname} does not resolve ({error}).") from error
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not settings.WEBHOOK_ALLOW_PRIVATE:
        refused = [address for address in addresses if not is_public_address(address)]
        if refused:
            raise UnsafeTarget(
                f"{parts.hostname} resolves to {', '.join(refused)}: private, loopback, link-local, "
                "multicast and reserved addresses are refused (WEBHOOK_ALLOW_PRIVATE)."
            )
    return parts.scheme, parts.hostname, port, addresses


def validate_webhook_url(url):
    """Model/admin form validator: the same check as at send time."""
    try:
        resolve_target(url)
    except UnsafeTarget as error:
        raise ValidationError(str(error)) from error


# --- Events -----------------------------------------------------------------------------------
def queue_event(event_type, data):
    """One delivery per active endpoint that wants `event_type`, each sent by a job after commit."""
    assert event_type in EVENT_TYPES, event_type
    endpoints = [endpoint for endpoint in WebhookEndpoint.objects.filter(active=True) if endpoint.wants(event_type)]
    if not endpoints:
        return []
    body = event_body(event_type, data)
    deliveries = []
    with transaction.atomic():
        for endpoint in endpoints:
            deliveries.append(new_delivery(endpoint, event_type, body))
    return deliveries


def event_body(event_type, data, event_id=None):
    event = {
        "id": event_id or f"evt_{uuid.uuid4().hex}",
        "type": event_type,
        "created": int(timezone.now().timestamp()),
        "data": data,
    }
    return json.dumps(event, cls=DjangoJSONEncoder, separators=(",", ":"), sort_keys=True)


def new_delivery(endpoint, event_type, body):
    from notifications.tasks import deliver_webhook  # the task module imports this one

    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event_type=event_type, event_id=json.loads(body)["id"], body=body,
        next_attempt_at=timezone.now(),
    )  # fmt: skip
    enqueue_on_commit(deliver_webhook, delivery.pk)
    return delivery


def send_test_event(endpoint):
    """The admin's "send test event": a `booking.created`-shaped ping, marked `test`."""
    body = event_body("booking.created", {"test": True, "endpoint": endpoint.pk})
    return new_delivery(endpoint, "booking.created", body)


def redeliver(delivery):
    """The admin's "redeliver": a new delivery of the same body (same event id)."""
    return new_delivery(delivery.endpoint, delivery.event_type, delivery.body)


# --- Sending ----------------------------------------------------------------------------------
def retry_delay(attempt):
    """Seconds before attempt `attempt + 1`: base, 2*base, 4*base ... at most six hours."""
    return min(settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (attempt - 1), 6 * 3600)


def attempt_delivery(delivery_id):
    """POST the delivery once and log the attempt; returns the next attempt's time, or None."""
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    if delivery.status != WebhookDelivery.Status.PENDING:
        return None
    number = delivery.attempts.count() + 1
    attempt = WebhookAttempt(delivery=delivery, number=number, at=timezone.now())
    started = time.monotonic()
    try:
        response = post_signed(delivery.endpoint, delivery.body.encode())
        attempt.status_code = response.status
        attempt.response_body = response.data[:500].decode("utf-8", "replace")
    except (UnsafeTarget, urllib3.exceptions.HTTPError, OSError) as error:
        attempt.error = f"{type(error).__name__}: {error}"[:500]
    attempt.duration_ms = int((time.monotonic() - started) * 1000)
    attempt.save()
    return _after_attempt(delivery, attempt)


def _after_attempt(delivery, attempt):
    if attempt.succeeded:
        delivery.status, delivery.next_attempt_at = WebhookDelivery.Status.DELIVERED, None
    else:
        next_at = timezone.now() + timedelta(seconds=retry_delay(attempt.number))
        if next_at > delivery.created_at + timedelta(hours=settings.WEBHOOK_RETRY_HOURS):
            delivery.status, next_at = WebhookDelivery.Status.FAILED, None
        delivery.next_attempt_at = next_at
    delivery.save(update_fields=["status", "next_attempt_at"])
    return delivery.next_attempt_at


def post_signed(endpoint, body):
    scheme, host, port, addresses = resolve_target(endpoint.url)
    parts = urlsplit(endpoint.url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: sign(endpoint.secret, body, int(time.time())),
        "Host": parts.netloc.rsplit("@", 1)[-1],
    }
    timeout = urllib3.Timeout(connect=settings.WEBHOOK_TIMEOUT_SECONDS, read=settings.WEBHOOK_TIMEOUT_SECONDS)
    # Connect to the checked address itself; TLS still verifies the certificate for the host name.
    if scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            addresses[0], port, server_hostname=host, assert_hostname=host, timeout=timeout, retries=False
        )
    else:
        pool = urllib3.HTTPConnectionPool(addresses[0], port, timeout=timeout, retries=False)
    with pool:
        return pool.urlopen("POST", path, body=body, headers=headers, redirect=False, preload_content=True)
