"""Bookings staff make on a customer's behalf (phone, walk-in), with what they were paid at the desk.

The one service behind `POST /api/admin/bookings/` and the admin's "add booking" page. The
customer's account, the booking and the payment are written in one transaction: a refused
payment leaves no booking and no new account behind.
"""

from django.db import transaction
from rest_framework.exceptions import PermissionDenied

from accounts.services import customer_for_booking
from bookings.models import Booking
from bookings.services import confirm_booking, create_booking
from payments.services import record_offline_payment


def book_for_customer(
    *, staff, customer_email, venue, start, end, title, kind=Booking.Kind.EVENT, items=(), guests=1,
    is_public=False, customer_name="", phone="", discount_percent=None, override_rules=False, payment=None,
    pay_later=False,
):  # fmt: skip
    """Book for a customer; returns the booking as it stands after the payment, if any.

    `payment` is {amount, method, reference}. The booking is confirmed when that payment
    reaches the deposit, or at once with `pay_later`; otherwise it is pending with a hold, like
    any booking. Never a request: staff decide as they book.
    """
    with transaction.atomic():
        customer = customer_for_booking(customer_email, full_name=customer_name, phone=phone)
        booking = create_booking(
            user=customer, venue=venue, start=start, end=end, kind=kind, title=title, items=list(items),
            is_public=is_public, guests=guests, override_rules=override_rules, by_staff=staff,
            discount_percent=discount_percent or 0,
        )  # fmt: skip
        if payment:
            record_offline_payment(
                booking, by_user=staff, amount=payment["amount"], method=payment["method"],
                reference=payment.get("reference", ""),
            )  # fmt: skip
        booking.refresh_from_db()
        # A complimentary booking (100 % off) has nothing to pay: nothing would ever confirm it.
        if (pay_later or booking.total == 0) and booking.status == Booking.Status.PENDING:
            confirm_booking(booking, by_user=staff)
    return booking


def refuse_unpermitted_desk_money(user, payment, pay_later):
    """A staff booking's payment needs `add_payment`, its pay-later confirmation `confirm_booking`."""
    if payment and not user.has_perm("payments.add_payment"):
        raise PermissionDenied("Recording a payment takes the permission to add payments.")
    if pay_later and not user.has_perm("bookings.confirm_booking"):
        raise PermissionDenied("Confirming without payment takes the permission to confirm bookings.")
