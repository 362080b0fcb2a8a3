"""Payment providers behind one small interface.

`offline`: staff record money that arrived by UPI, bank transfer, cash, cheque or card terminal;
its refunds are payouts staff make and then mark processed or failed. `razorpay`: the official
SDK for Orders, the checkout signature, webhooks and the Refunds API, turned on by its three
settings. Money is Decimal rupees here and integer paise at Razorpay.
"""

from dataclasses import dataclass
from decimal import Decimal

import razorpay
import requests
from django.conf import settings

from bookings.pricing import to_paise

# A provider call waits this long before the request fails (the SDK sets no timeout of its own).
PROVIDER_TIMEOUT_SECONDS = 10


class ProviderUnavailable(Exception):
    """The provider could not be reached or refused the call; nothing was charged or refunded."""


def paise(amount):
    return int(to_paise(amount) * 100)


def rupees(amount_in_paise):
    return (Decimal(int(amount_in_paise)) / 100).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class ProviderRefund:
    refund_id: str
    processed: bool


class RazorpayGateway:
    name = "razorpay"

    def __init__(self, key_id, key_secret, webhook_secret, api_base):
        self.key_id = key_id
        self.webhook_secret = webhook_secret
        self.client = razorpay.Client(auth=(key_id, key_secret), base_url=api_base)
        self.client.set_app_details({"title": "LeBrq", "version": "2"})

    def create_order(self, amount, receipt, notes):
        order = self._call(
            self.client.order.create,
            {"amount": paise(amount), "currency": "INR", "receipt": receipt, "notes": notes},
        )
        return order["id"]

    def checkout_signature_is_valid(self, order_id, payment_id, signature):
        return self._signature_is_valid(
            self.client.utility.verify_payment_signature,
            {"razorpay_order_id": order_id, "razorpay_payment_id": payment_id, "razorpay_signature": signature},
        )

    def webhook_signature_is_valid(self, body, signature):
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return self._signature_is_valid(
            self.client.utility.verify_webhook_signature, text, signature, self.webhook_secret
        )

    def refund(self, provider_payment_id, amount, notes):
        answer = self._call(self.client.payment.refund, provider_payment_id, {"amount": paise(amount), "notes": notes})
        return ProviderRefund(refund_id=answer["id"], processed=answer.get("status") == "processed")

    def _call(self, method, *args):
        try:
            return method(*args, timeout=PROVIDER_TIMEOUT_SECONDS)
        except (razorpay.errors.BadRequestError, razorpay.errors.GatewayError, razorpay.errors.ServerError) as error:
            raise ProviderUnavailable(f"Razorpay refused the call: {error}") from error
        except (requests.RequestException, ValueError, KeyError) as error:
            raise ProviderUnavailable(f"Razorpay could not be reached: {error}") from error

    @staticmethod
    def _signature_is_valid(check, *args):
        # The SDK compares with hmac.compare_digest; a signature that is not text cannot match.
        if not all(isinstance(arg, str | dict) for arg in args):
            return False
        try:
            return bool(check(*args))
        except (razorpay.errors.SignatureVerificationError, TypeError, ValueError):
            return False


def online_gateway():
    """The Razorpay gateway when its keys are configured, else None (offline payments only)."""
    if not settings.RAZORPAY_ENABLED:
        return None
    return RazorpayGateway(
        key_id=settings.RAZORPAY_KEY_ID,
        key_secret=settings.RAZORPAY_KEY_SECRET,
        webhook_secret=settings.RAZORPAY_WEBHOOK_SECRET,
        api_base=settings.RAZORPAY_API_BASE,
    )
