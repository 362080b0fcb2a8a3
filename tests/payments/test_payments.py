"""Payments: holds confirmed by money, online through Razorpay (a local fake), offline at the desk."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db.models import Sum
from django.utils import timezone

from bookings.models import Booking, Refund
from payments.models import Payment, ProviderEvent
from payments.providers import ProviderUnavailable
from payments.services import HoldExpired, cancel_with_refund, pay_out_refund_now, start_online_payment
from tests.bookings.conftest import book, hall  # noqa: F401 (hall is a fixture)
from tests.conftest import pay

pytestmark = pytest.mark.django_db


def ledger_holds(booking):
    """Every rupee received is a captured Payment, every rupee returned a Refund."""
    booking.refresh_from_db()
    paid = booking.payments.filter(status="captured").aggregate(total=Sum("amount"))["total"] or Decimal("0")
    refunded = booking.refunds.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    return (booking.amount_paid, booking.amount_refunded) == (paid, refunded)


# --- offline, at the desk ---------------------------------------------------------------------


def test_the_deposit_paid_at_the_desk_confirms_the_hold_and_the_balance_is_due_next(alice, staff_client, hall):
    booking = book(alice, hall, days=30)
    deposit = booking.deposit_amount

    response = staff_client.post(
        f"/api/admin/bookings/{booking.pk}/payments/", {"amount": str(deposit), "method": "upi", "reference": "UPI-1"}
    )

    assert response.status_code == 201, response.json()
    assert (response.json()["status"], response.json()["provider"], response.json()["amount"]) == (
        "captured", "offline", str(deposit),
    )  # fmt: skip
    detail = staff_client.get(f"/api/bookings/{booking.pk}/").json()
    assert (detail["status"], detail["amount_paid"]) == ("confirmed", str(deposit))
    assert detail["amount_due"] == str(booking.total - deposit)
    assert ledger_holds(booking)


def test_part_of_the_deposit_keeps_the_hold(alice, hall):
    booking = book(alice, hall, days=30)
    pay(booking, Decimal("100.00"))

    booking.refresh_from_db()
    assert booking.status == "pending"
    assert booking.amount_due == booking.deposit_amount - Decimal("100.00")


@pytest.mark.parametrize("amount", ["0", "0.00", "999999.00", "1.001"])
def test_a_payment_of_nothing_or_more_than_is_unpaid_is_400_invalid_amount(alice, staff_client, hall, amount):
    booking = book(alice, hall, days=30)

    response = staff_client.post(f"/api/admin/bookings/{booking.pk}/payments/", {"amount": amount, "method": "cash"})

    assert response.status_code == 400
    assert not Payment.objects.exists()


def test_money_after_the_hold_lapsed_confirms_onto_a_free_slot(alice, hall):
    booking = book(alice, hall, days=30)
    with time_machine.travel(booking.hold_expires_at + timedelta(minutes=5), tick=False):
        pay(booking, booking.deposit_amount)

    booking.refresh_from_db()
    assert booking.status == "confirmed" and ledger_holds(booking)


def test_money_after_the_hold_lapsed_onto_a_taken_slot_is_refunded_in_full(alice, bob, hall):
    booking = book(alice, hall, days=30)
    with time_machine.travel(booking.hold_expires_at + timedelta(minutes=5), tick=False):
        book(bob, hall, days=30)
        pay(booking, booking.deposit_amount)

    booking.refresh_from_db()
    assert booking.status == "expired"
    refund = Refund.objects.get(booking=booking)
    assert (refund.amount, refund.percent, refund.status) == (booking.deposit_amount, 100, "pending")
    assert ledger_holds(booking) and booking.net_paid == 0


def test_cancelling_refunds_the_policy_share_of_what_was_paid(alice, alice_client, hall):
    booking = book(alice, hall, days=5)  # 2 to 7 days' notice: 50 %
    pay(booking, booking.total)

    response = alice_client.post(f"/api/bookings/{booking.pk}/cancel/", {"reason": "Monsoon"})

    assert response.status_code == 200
    assert [(r["percent"], r["amount"], r["status"]) for r in response.json()["refunds"]] == [
        (50, str(booking.total / 2), "pending")
    ]
    assert alice_client.get(f"/api/bookings/{booking.pk}/refunds/").json()["pagination"]["total"] == 1
    assert ledger_holds(booking)


def test_a_cancelled_hold_with_nothing_paid_has_no_refund(alice, alice_client, hall):
    booking = book(alice, hall, days=30)

    assert alice_client.post(f"/api/bookings/{booking.pk}/cancel/").json()["refunds"] == []


def test_another_customer_sees_no_payments_of_mine(alice, bob_client, hall):
    booking = book(alice, hall, days=30)
    pay(booking)

    assert bob_client.get(f"/api/bookings/{booking.pk}/payments/").status_code == 404
    assert bob_client.post(f"/api/bookings/{booking.pk}/payments/").status_code == 404


def test_without_razorpay_keys_online_payment_is_409(alice, alice_client, hall):
    booking = book(alice, hall, days=30)

    response = alice_client.post(f"/api/bookings/{booking.pk}/payments/")

    assert response.status_code == 409
    assert response.json()["code"] == "online_payment_unavailable"


# --- online, through Razorpay (a local server speaking its bodies) ----------------------------


def start_checkout(client, booking):
    response = client.post(f"/api/bookings/{booking.pk}/payments/")
    assert response.status_code == 201, response.json()
    return response.json()


def test_checkout_verify_confirms_once_and_the_webhook_after_it_changes_nothing(
    razorpay, alice, alice_client, anon_client, hall
):
    booking = book(alice, hall, days=30)
    payment = start_checkout(alice_client, booking)
    checkout = payment["checkout"]
    assert (checkout["amount"], checkout["currency"]) == (int(booking.deposit_amount * 100), "INR")
    assert razorpay.orders[checkout["order_id"]]["amount"] == checkout["amount"]
    payment_id, signature = razorpay.pay(checkout["order_id"])

    verified = alice_client.post(
        f"/api/payments/{payment['id']}/verify",
        {"razorpay_order_id": checkout["order_id"], "razorpay_payment_id": payment_id, "razorpay_signature": signature},
    )
    assert verified.status_code == 200, verified.json()
    assert verified.json()["status"] == "captured"

    body, webhook_signature = razorpay.event("payment.captured", payment=razorpay.payments[payment_id])
    for _ in range(2):  # the webhook, then Razorpay's replay of it
        answer = anon_client.post(
            "/api/payments/webhooks/razorpay", body, content_type="application/json",
            HTTP_X_RAZORPAY_SIGNATURE=webhook_signature, HTTP_X_RAZORPAY_EVENT_ID="evt_1",
        )  # fmt: skip
        assert answer.status_code == 200
    booking.refresh_from_db()
    assert (booking.status, booking.amount_paid) == ("confirmed", booking.deposit_amount)
    assert Payment.objects.filter(status="captured").count() == 1
    assert ProviderEvent.objects.count() == 1
    assert ledger_holds(booking)


def test_a_wrong_checkout_signature_is_400_and_changes_nothing(razorpay, alice, alice_client, hall):
    booking = book(alice, hall, days=30)
    payment = start_checkout(alice_client, booking)
    payment_id, _ = razorpay.pay(payment["checkout"]["order_id"])

    response = alice_client.post(
        f"/api/payments/{payment['id']}/verify",
        {"razorpay_order_id": payment["checkout"]["order_id"], "razorpay_payment_id": payment_id,
         "razorpay_signature": "0" * 64},
    )  # fmt: skip

    assert response.status_code == 400 and response.json()["code"] == "invalid_signature"
    assert Payment.objects.get().status == "created"
    booking.refresh_from_db()
    assert booking.status == "pending"


def test_a_second_payment_on_the_same_order_is_kept_and_refunded(razorpay, alice, alice_client, anon_client, hall):
    booking = book(alice, hall, days=3)  # the balance is due: the deposit is the whole total
    payment = start_checkout(alice_client, booking)
    order_id = payment["checkout"]["order_id"]
    for event_id in ("evt_a", "evt_b"):  # the customer paid twice (two tabs)
        payment_id, _ = razorpay.pay(order_id)
        body, signature = razorpay.event("payment.captured", payment=razorpay.payments[payment_id])
        anon_client.post(
            "/api/payments/webhooks/razorpay", body, content_type="application/json",
            HTTP_X_RAZORPAY_SIGNATURE=signature, HTTP_X_RAZORPAY_EVENT_ID=event_id,
        )  # fmt: skip

    booking.refresh_from_db()
    assert booking.status == "confirmed"
    assert Payment.objects.filter(status="captured").count() == 2
    assert Refund.objects.get(booking=booking).amount == booking.total
    assert ledger_holds(booking) and booking.net_paid == booking.total


def test_a_razorpay_refund_is_paid_out_through_the_refunds_api_then_processed_by_webhook(
    razorpay, alice, alice_client, anon_client, hall
):
    booking = book(alice, hall, days=30)
    payment = start_checkout(alice_client, booking)
    payment_id, signature = razorpay.pay(payment["checkout"]["order_id"])
    alice_client.post(
        f"/api/payments/{payment['id']}/verify",
        {"razorpay_order_id": payment["checkout"]["order_id"], "razorpay_payment_id": payment_id,
         "razorpay_signature": signature},
    )  # fmt: skip
    _, (refund,) = cancel_with_refund(booking, by_user=alice)
    razorpay.fail_next = 1
    with pytest.raises(ProviderUnavailable):
        pay_out_refund_now(refund.pk)  # the provider is down: the job retries with backoff
    assert Refund.objects.get(pk=refund.pk).status == "pending"

    paid_out = pay_out_refund_now(refund.pk)
    assert paid_out.provider_refund_id in razorpay.refunds
    assert razorpay.refunds[paid_out.provider_refund_id]["amount"] == int(refund.amount * 100)
    assert pay_out_refund_now(refund.pk).provider_refund_id == paid_out.provider_refund_id  # never sent twice

    body, signature = razorpay.event("refund.processed", refund=razorpay.refunds[paid_out.provider_refund_id])
    anon_client.post(
        "/api/payments/webhooks/razorpay", body, content_type="application/json",
        HTTP_X_RAZORPAY_SIGNATURE=signature, HTTP_X_RAZORPAY_EVENT_ID="evt_r",
    )  # fmt: skip
    assert Refund.objects.get(pk=refund.pk).status == "processed"


def test_a_webhook_with_a_bad_signature_is_400_and_changes_nothing(razorpay, alice, alice_client, anon_client, hall):
    booking = book(alice, hall, days=30)
    payment = start_checkout(alice_client, booking)
    payment_id, _ = razorpay.pay(payment["checkout"]["order_id"])
    body, signature = razorpay.event("payment.captured", payment=razorpay.payments[payment_id])

    response = anon_client.post(
        "/api/payments/webhooks/razorpay", body + b" ", content_type="application/json",
        HTTP_X_RAZORPAY_SIGNATURE=signature, HTTP_X_RAZORPAY_EVENT_ID="evt_x",
    )  # fmt: skip

    assert response.status_code == 400
    assert not ProviderEvent.objects.exists()
    assert Booking.objects.get(pk=booking.pk).status == "pending"


def test_a_signed_event_for_an_unknown_order_is_200_and_ignored(razorpay, anon_client):
    body, signature = razorpay.event("payment.captured", payment={"id": "pay_x", "order_id": "order_x", "amount": 100})

    response = anon_client.post(
        "/api/payments/webhooks/razorpay", body, content_type="application/json",
        HTTP_X_RAZORPAY_SIGNATURE=signature, HTTP_X_RAZORPAY_EVENT_ID="evt_u",
    )  # fmt: skip

    assert response.status_code == 200 and response.json()["status"].startswith("ignored")
    assert not Payment.objects.exists()


def test_a_lapsed_hold_takes_no_new_checkout(razorpay, alice, hall):
    booking = book(alice, hall, days=30)
    with time_machine.travel(booking.hold_expires_at + timedelta(seconds=1), tick=False):
        with pytest.raises(HoldExpired):
            start_online_payment(booking)

    assert not Payment.objects.exists() and not razorpay.orders


# --- receipt vouchers -------------------------------------------------------------------------


def test_every_payment_gets_a_gap_free_receipt_voucher_streamed_as_pdf(alice, alice_client, hall, tmp_path, settings):
    from invoices.models import Invoice

    settings.INVOICE_TEMP_DIR = str(tmp_path)
    booking = book(alice, hall, days=30)
    first = pay(booking, Decimal("100.00"))
    second = pay(booking)

    response = alice_client.get(f"/api/bookings/{booking.pk}/payments/{second.pk}/receipt")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].endswith('RV-26-27-000001.pdf"') or "RV-" in response["Content-Disposition"]
    again = alice_client.get(
        f"/api/bookings/{booking.pk}/payments/{second.pk}/receipt", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304
    receipts = Invoice.objects.filter(kind="receipt").order_by("sequence")
    assert [receipt.payment_id for receipt in receipts] == [second.pk]  # issued on first download here
    alice_client.get(f"/api/bookings/{booking.pk}/payments/{first.pk}/receipt")
    numbers = list(Invoice.objects.filter(kind="receipt").order_by("sequence").values_list("number", "total"))
    assert [number.split("/")[0] for number, _ in numbers] == ["RV", "RV"]
    assert [number[-6:] for number, _ in numbers] == ["000001", "000002"]
    assert sorted(total for _, total in numbers) == sorted([first.amount, second.amount])
    assert list(tmp_path.iterdir()) == []  # the temp file was unlinked at once


def test_a_receipt_is_issued_when_the_payment_commits(alice, hall, django_capture_on_commit_callbacks):
    from invoices.models import Invoice

    booking = book(alice, hall, days=30)
    with django_capture_on_commit_callbacks(execute=True):
        payment = pay(booking)

    receipt = Invoice.objects.get(kind="receipt", payment=payment)
    assert receipt.total == payment.amount
    assert sum(Decimal(line["taxable_value"]) for line in receipt.lines) == receipt.subtotal
    # The deposit confirmed the booking: its tax invoice too.
    assert Invoice.objects.filter(kind="invoice", booking=booking).exists()


def test_no_receipt_for_money_not_received_and_none_for_others(razorpay, alice, alice_client, bob_client, hall):
    booking = book(alice, hall, days=30)
    payment = start_checkout(alice_client, booking)

    assert alice_client.get(f"/api/bookings/{booking.pk}/payments/{payment['id']}/receipt").status_code == 404
    assert bob_client.get(f"/api/bookings/{booking.pk}/payments/{payment['id']}/receipt").status_code == 404


def test_the_documents_list_links_every_document_of_the_booking(
    alice, alice_client, bob_client, hall, django_capture_on_commit_callbacks
):
    booking = book(alice, hall, days=30)
    with django_capture_on_commit_callbacks(execute=True):
        deposit = pay(booking)

    response = alice_client.get(f"/api/bookings/{booking.pk}/documents/")

    assert response.status_code == 200
    documents = response.json()["items"]
    assert {document["type"] for document in documents} == {"receipt", "invoice"}
    receipt = next(document for document in documents if document["type"] == "receipt")
    assert receipt["url"].startswith(f"http://testserver/api/bookings/{booking.pk}/documents/")
    assert receipt["number"].startswith("RV/") and receipt["total"] == str(deposit.amount)
    for document in documents:
        assert alice_client.get(document["url"]).status_code == 200
    assert bob_client.get(f"/api/bookings/{booking.pk}/documents/").status_code == 404


def test_money_returned_on_a_booking_never_invoiced_gets_a_refund_voucher_against_its_receipt(
    alice, alice_client, bob, hall, django_capture_on_commit_callbacks
):
    from invoices.models import Invoice

    booking = book(alice, hall, days=30)
    with time_machine.travel(booking.hold_expires_at + timedelta(minutes=5), tick=False):
        book(bob, hall, days=30)
        with django_capture_on_commit_callbacks(execute=True):
            pay(booking)  # too late: the slot was taken, the money goes back

    refund = Refund.objects.get(booking=booking)
    voucher = Invoice.objects.get(kind="refund", refund=refund)
    receipt = Invoice.objects.get(kind="receipt", booking=booking)
    assert voucher.number.startswith("RF/") and voucher.original == receipt
    assert voucher.total == -refund.amount == -receipt.total
    assert not Invoice.objects.filter(kind__in=["invoice", "credit_note"], booking=booking).exists()
    response = alice_client.get(f"/api/bookings/{booking.pk}/refunds/{refund.pk}/voucher")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    types = [
        document["type"] for document in alice_client.get(f"/api/bookings/{booking.pk}/documents/").json()["items"]
    ]
    assert sorted(types) == ["receipt", "refund"]


def test_an_invoiced_booking_documents_its_refund_by_credit_note_not_voucher(
    alice, alice_client, hall, django_capture_on_commit_callbacks
):
    from invoices.models import Invoice

    booking = book(alice, hall, days=30)
    with django_capture_on_commit_callbacks(execute=True):
        pay(booking, booking.total)
        cancel_with_refund(booking, by_user=alice)

    refund = Refund.objects.get(booking=booking)
    assert Invoice.objects.filter(kind="credit_note", booking=booking).count() == 1
    assert not Invoice.objects.filter(kind="refund").exists()
    assert alice_client.get(f"/api/bookings/{booking.pk}/refunds/{refund.pk}/voucher").status_code == 404


def test_one_razorpay_payment_for_a_series_confirms_every_date_and_refunds_a_share_through_it(
    razorpay, alice, alice_client, hall
):
    start = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0) + timedelta(days=20)
    end = start + timedelta(hours=2)
    series = alice_client.post(
        "/api/bookings/series",
        {"venue": hall.pk, "start_datetime": start.isoformat(), "end_datetime": end.isoformat(),
         "title": "Weekly satsang", "rrule": "FREQ=WEEKLY;COUNT=3"},
    ).json()  # fmt: skip
    payment = alice_client.post(f"/api/bookings/series/{series['id']}/payments/").json()
    deposits = sum(Decimal(booking["deposit_amount"]) for booking in series["bookings"])
    assert payment["checkout"]["amount"] == int(deposits * 100)
    payment_id, signature = razorpay.pay(payment["checkout"]["order_id"])

    verified = alice_client.post(
        f"/api/payments/{payment['id']}/verify",
        {"razorpay_order_id": payment["checkout"]["order_id"], "razorpay_payment_id": payment_id,
         "razorpay_signature": signature},
    )  # fmt: skip

    assert verified.status_code == 200, verified.json()
    bookings = list(Booking.objects.filter(series_id=series["id"]).order_by("start_datetime"))
    assert {booking.status for booking in bookings} == {"confirmed"}
    assert all(ledger_holds(booking) for booking in bookings)
    assert (
        Payment.objects.filter(series_id=series["id"], status="captured").aggregate(Sum("amount"))["amount__sum"]
        == deposits
    )
    _, (refund,) = cancel_with_refund(bookings[-1], by_user=alice)
    paid_out = pay_out_refund_now(refund.pk)
    assert razorpay.refunds[paid_out.provider_refund_id]["payment_id"] == payment_id


def test_a_series_payment_captured_after_the_hold_lapsed_confirms_each_date_still_free(
    razorpay, alice, alice_client, bob, hall
):
    start = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0) + timedelta(days=20)
    end = start + timedelta(hours=2)
    series = alice_client.post(
        "/api/bookings/series",
        {"venue": hall.pk, "start_datetime": start.isoformat(), "end_datetime": end.isoformat(),
         "title": "Weekly satsang", "rrule": "FREQ=WEEKLY;COUNT=3"},
    ).json()  # fmt: skip
    payment = alice_client.post(f"/api/bookings/series/{series['id']}/payments/").json()
    # The order was made while the holds were live; they lapsed before the money arrived.
    Payment.objects.filter(pk=payment["id"]).update(created_at=timezone.now() - timedelta(minutes=20))
    Booking.objects.filter(series_id=series["id"]).update(hold_expires_at=timezone.now() - timedelta(minutes=5))
    taken = book(bob, hall, days=34, hour=18)  # the last date, taken since the hold lapsed
    payment_id, signature = razorpay.pay(payment["checkout"]["order_id"])

    alice_client.post(
        f"/api/payments/{payment['id']}/verify",
        {"razorpay_order_id": payment["checkout"]["order_id"], "razorpay_payment_id": payment_id,
         "razorpay_signature": signature},
    )  # fmt: skip

    dates = list(Booking.objects.filter(series_id=series["id"]).order_by("start_datetime"))
    assert [booking.status for booking in dates] == ["confirmed", "confirmed", "expired"]
    assert dates[-1].amount_refunded == dates[-1].amount_paid > 0  # its share went back in full
    assert all(ledger_holds(booking) for booking in dates)
    assert taken.start_datetime == dates[-1].start_datetime
