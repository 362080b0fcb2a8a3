import pytest

from tests.payments.fake_razorpay import KEY_ID, KEY_SECRET, WEBHOOK_SECRET, FakeRazorpay


@pytest.fixture
def razorpay(settings):
    """A running fake Razorpay, and the settings that point the SDK at it."""
    fake = FakeRazorpay().start()
    settings.RAZORPAY_KEY_ID, settings.RAZORPAY_KEY_SECRET = KEY_ID, KEY_SECRET
    settings.RAZORPAY_WEBHOOK_SECRET, settings.RAZORPAY_API_BASE = WEBHOOK_SECRET, fake.url
    settings.RAZORPAY_ENABLED = True
    yield fake
    fake.stop()
