"""The SSRF guard: a webhook may only reach public addresses, checked when the endpoint is saved
in the admin and again at every send (a DNS answer that changes in between is caught)."""

import ipaddress
import socket

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from notifications.admin import WebhookEndpointForm
from notifications.models import WebhookEndpoint
from notifications.webhooks import UnsafeTarget, attempt_delivery, is_public_address, new_delivery, resolve_target

REFUSED = [
    "127.0.0.1", "127.8.9.10", "10.0.0.5", "172.16.3.4", "192.168.1.1", "169.254.169.254", "0.0.0.0",
    "100.64.0.1", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "fe80::1", "fc00::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "192.0.2.1", "198.18.0.1",
]  # fmt: skip


@pytest.mark.parametrize("address", REFUSED)
def test_private_loopback_link_local_multicast_and_reserved_addresses_are_refused(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are_allowed(address):
    assert is_public_address(address)


@given(st.ip_addresses())
def test_no_non_global_address_ever_passes(address):
    plain = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped else address
    if is_public_address(str(address)):
        assert plain.is_global and not plain.is_multicast and not plain.is_loopback and not plain.is_link_local


@given(st.ip_addresses(v=4, network="10.0.0.0/8") | st.ip_addresses(v=4, network="192.168.0.0/16")
       | st.ip_addresses(v=6, network="fc00::/7") | st.ip_addresses(v=4, network="127.0.0.0/8"))  # fmt: skip
def test_every_address_of_the_private_ranges_is_refused(address):
    assert not is_public_address(str(address))


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/hook", "http://localhost:8000/", "http://[::1]/", "http://169.254.169.254/latest/",
            "http://10.1.2.3/", "ftp://example.com/", "http:///nohost", "file:///etc/passwd"],
)  # fmt: skip
def test_unsafe_urls_are_refused(url):
    with pytest.raises(UnsafeTarget):
        resolve_target(url)


def test_a_host_that_does_not_resolve_is_refused():
    with pytest.raises(UnsafeTarget, match="does not resolve"):
        resolve_target("http://no-such-host.invalid/")


def test_private_targets_pass_when_allowed(settings):
    settings.WEBHOOK_ALLOW_PRIVATE = True
    assert resolve_target("http://127.0.0.1:9/x")[3] == ["127.0.0.1"]


@pytest.mark.django_db
def test_the_admin_form_refuses_a_loopback_url():
    form = WebhookEndpointForm(
        data={"url": "http://127.0.0.1:8000/hook", "secret": "s", "events": ["booking.created"], "active": True}
    )
    assert not form.is_valid()
    assert "refused" in form.errors["url"][0]


@pytest.mark.django_db
def test_a_host_that_turns_private_after_saving_is_refused_at_send(monkeypatch):
    """DNS rebinding: the name resolved to a public address at save time, to loopback now."""
    endpoint = WebhookEndpoint.objects.create(url="http://hooks.example.com/in", events=["booking.created"])
    delivery = new_delivery(endpoint, "booking.created", '{"id":"evt_1"}')
    real = socket.getaddrinfo

    def rebinding(host, *args, **kwargs):
        if host == "hooks.example.com":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 80))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    attempt_delivery(delivery.pk)
    attempt = delivery.attempts.get()
    assert attempt.status_code is None and "UnsafeTarget" in attempt.error and "127.0.0.1" in attempt.error


def test_validation_error_carries_the_reason():
    from notifications.webhooks import validate_webhook_url

    with pytest.raises(ValidationError, match="loopback"):
        validate_webhook_url("http://127.0.0.1/")
