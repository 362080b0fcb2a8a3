"""Money racing through gunicorn: a checkout's verify against its webhook and the webhook's
replays, and a customer who paid the same order twice. Confirmed once, one invoice, one
receipt per rupee received, every rupee returned a Refund row."""

import threading
from decimal import Decimal

import pytest
import requests
from django.db.models import Sum
from rest_framework_simplejwt.tokens import RefreshToken

from bookings.models import Booking
from invoices.models import Invoice
from payments.models import Payment, ProviderEvent
from tests.bookings.conftest import book, hall  # noqa: F401 - hall is a fixture
from tests.payments.fake_razorpay import KEY_ID, KEY_SECRET, WEBHOOK_SECRET, FakeRazorpay

pytestmark = pytest.mark.e2e
WEBHOOK = "/api/payments/webhooks/razorpay"


@pytest.fixture
def razorpay_server(gunicorn_server):
    fake = FakeRazorpay().start()
    server = gunicorn_server(
        WEB_CONCURRENCY=2, GUNICORN_THREADS=8, RAZORPAY_KEY_ID=KEY_ID, RAZORPAY_KEY_SECRET=KEY_SECRET,
        RAZORPAY_WEBHOOK_SECRET=WEBHOOK_SECRET, RAZORPAY_API_BASE=fake.url,
    )  # fmt: skip
    yield fake, server
    fake.stop()


def all_at_once(calls):
    barrier = threading.Barrier(len(calls))
    answers = [None] * len(calls)

    def run(index):
        barrier.wait()
        answers[index] = calls[index]()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def checkout(server, token, booking):
    response = requests.post(
        server.url(f"/api/bookings/{booking.pk}/payments/"), headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    assert response.status_code == 201, response.text
    return response.json()


def post_webhook(server, fake, payment_id, event_id):
    body, signature = fake.event("payment.captured", payment=fake.payments[payment_id])
    headers = {"X-Razorpay-Signature": signature, "X-Razorpay-Event-Id": event_id, "Content-Type": "application/json"}
    return lambda: requests.post(server.url(WEBHOOK), data=body, headers=headers, timeout=60).status_code


def test_verify_racing_its_webhook_and_replays_confirms_once(razorpay_server, alice, hall):
    fake, server = razorpay_server
    token = str(RefreshToken.for_user(alice).access_token)
    bookings = [book(alice, hall, days=30 + index) for index in range(3)]
    for booking in bookings:
        payment = checkout(server, token, booking)
        order_id = payment["checkout"]["order_id"]
        payment_id, signature = fake.pay(order_id)
        body = {"razorpay_order_id": order_id, "razorpay_payment_id": payment_id, "razorpay_signature": signature}

        def verify(payment=payment, body=body):
            url = server.url(f"/api/payments/{payment['id']}/verify")
            return requests.post(url, json=body, headers={"Authorization": f"Bearer {token}"}, timeout=60).status_code

        webhook = post_webhook(server, fake, payment_id, f"evt_{payment_id}")
        answers = all_at_once([verify, webhook, webhook, webhook, verify])
        assert answers == [200] * 5, server.log_text()[-3000:]

    for booking in bookings:
        booking.refresh_from_db()
        assert (booking.status, booking.amount_paid) == ("confirmed", booking.deposit_amount)
        assert Payment.objects.filter(booking=booking, status="captured").count() == 1
        assert Invoice.objects.filter(booking=booking, kind="invoice").count() == 1
        assert Invoice.objects.filter(booking=booking, kind="receipt").count() == 1
    assert ProviderEvent.objects.count() == 3


def test_two_payments_of_one_order_at_once_are_both_kept_and_one_refunded(razorpay_server, alice, hall):
    fake, server = razorpay_server
    token = str(RefreshToken.for_user(alice).access_token)
    booking = book(alice, hall, days=3)  # the deposit is the whole total
    order_id = checkout(server, token, booking)["checkout"]["order_id"]
    first, second = fake.pay(order_id)[0], fake.pay(order_id)[0]

    answers = all_at_once([post_webhook(server, fake, first, "evt_1"), post_webhook(server, fake, second, "evt_2")])

    assert answers == [200, 200], server.log_text()[-3000:]
    booking.refresh_from_db()
    received = booking.payments.filter(status="captured").aggregate(total=Sum("amount"))["total"]
    returned = booking.refunds.aggregate(total=Sum("amount"))["total"]
    assert booking.status == Booking.Status.CONFIRMED
    assert (received, returned) == (2 * booking.total, booking.total)
    assert (booking.amount_paid, booking.amount_refunded) == (received, returned)
    assert Invoice.objects.filter(booking=booking, kind="invoice").count() == 1
    assert Invoice.objects.filter(booking=booking, kind="receipt").count() == 2
    assert booking.net_paid == booking.total > Decimal("0")
