"""Staff in the admin: register an endpoint, send a test event, see every attempt, redeliver."""

import pytest
from django.urls import reverse

from notifications.models import WebhookDelivery, WebhookEndpoint
from tests.notifications.conftest import run_ready_jobs

pytestmark = pytest.mark.django_db


def test_staff_send_a_test_event_and_see_its_attempts_inline(
    admin_client, webhook_receiver, django_capture_on_commit_callbacks
):
    webhook_receiver.answers = [500]
    endpoint = WebhookEndpoint.objects.create(url=webhook_receiver.url, events=["booking.created"])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:notifications_webhookendpoint_changelist"),
            {"action": "send_test_event", "_selected_action": [endpoint.pk]},
        )
    assert response.status_code == 302
    run_ready_jobs()
    delivery = WebhookDelivery.objects.get()

    page = admin_client.get(reverse("admin:notifications_webhookdelivery_change", args=[delivery.pk]))
    assert page.status_code == 200 and b"500" in page.content

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:notifications_webhookdelivery_changelist"),
            {"action": "redeliver", "_selected_action": [delivery.pk]},
        )
    run_ready_jobs()
    assert WebhookDelivery.objects.filter(event_id=delivery.event_id).count() == 2
    # the test event's first attempt (500; its retry is not due yet) and the redelivery (200)
    assert len(webhook_receiver.received) == 2
    assert WebhookDelivery.objects.filter(status="delivered").exclude(pk=delivery.pk).count() == 1


def test_the_admin_refuses_to_save_a_loopback_endpoint(admin_client, settings):
    settings.WEBHOOK_ALLOW_PRIVATE = False
    response = admin_client.post(
        reverse("admin:notifications_webhookendpoint_add"),
        {"url": "http://127.0.0.1:8000/x", "secret": "s", "events": ["booking.created"], "active": "on"},
    )
    assert response.status_code == 200 and b"refused" in response.content
    assert WebhookEndpoint.objects.count() == 0
