from datetime import timedelta

import pytest
from django.utils import timezone
from model_bakery import baker

from lebrq.throttles import ScopedThrottle


@pytest.fixture(autouse=True)
def generous_upload_rate(monkeypatch):
    """The default 2 uploads/min would throttle tests that upload several files;
    test_throttling.py puts the real rate back."""
    monkeypatch.setitem(ScopedThrottle.THROTTLE_RATES, "uploads", "1000/min")


@pytest.fixture
def alice_booking(alice):
    start = timezone.now() + timedelta(days=10)
    return baker.make(
        "bookings.Booking",
        user=alice,
        title="Alice's recital",
        start_datetime=start,
        end_datetime=start + timedelta(hours=3),
    )


def media_files(settings):
    """Every file under MEDIA_ROOT (stored files and .part files alike), as relative paths."""
    from pathlib import Path

    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) if root.exists() else []
