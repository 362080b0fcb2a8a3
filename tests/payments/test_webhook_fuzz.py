"""The Razorpay webhook route against anything: never a 5xx, never a change without a valid signature."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from bookings.models import Booking, Refund
from payments.models import Payment, ProviderEvent
from tests.payments.fake_razorpay import WEBHOOK_SECRET, sign

pytestmark = pytest.mark.django_db

HEADER_TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=80)
EVENTS = st.sampled_from(["payment.captured", "order.paid", "payment.failed", "refund.processed", "refund.failed", "x"])
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


def snapshot():
    return (
        list(Payment.objects.values_list("pk", "status", "amount")),
        list(Refund.objects.values_list("pk", "status")),
        list(Booking.objects.values_list("pk", "status", "amount_paid")),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=400), signature=HEADER_TEXT, event_id=HEADER_TEXT)
def test_unsigned_bodies_are_400_and_change_nothing(razorpay, body, signature, event_id):
    before = snapshot()

    response = APIClient().post(
        "/api/payments/webhooks/razorpay", body, content_type="application/json",
        HTTP_X_RAZORPAY_SIGNATURE=signature, HTTP_X_RAZORPAY_EVENT_ID=event_id,
    )  # fmt: skip

    assert response.status_code == 400
    assert snapshot() == before and not ProviderEvent.objects.exists()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(event=EVENTS, payload=JSONISH, event_id=HEADER_TEXT)
def test_signed_bodies_of_any_shape_never_answer_5xx(razorpay, event, payload, event_id):
    body = json.dumps({"event": event, "payload": payload}).encode()

    response = APIClient().post(
        "/api/payments/webhooks/razorpay", body, content_type="application/json",
        HTTP_X_RAZORPAY_SIGNATURE=sign(body, WEBHOOK_SECRET), HTTP_X_RAZORPAY_EVENT_ID=event_id,
    )  # fmt: skip

    assert response.status_code in (200, 400)


def test_without_razorpay_configured_the_webhook_is_400(anon_client):
    body = b'{"event": "payment.captured"}'
    response = anon_client.post(
        "/api/payments/webhooks/razorpay", body, content_type="application/json",
        HTTP_X_RAZORPAY_SIGNATURE=sign(body, WEBHOOK_SECRET), HTTP_X_RAZORPAY_EVENT_ID="evt_1",
    )  # fmt: skip
    assert response.status_code == 400 and not ProviderEvent.objects.exists()
