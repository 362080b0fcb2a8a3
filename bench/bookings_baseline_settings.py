"""LeBrq settings plus a plain DRF viewset over the same bookings table, for bench_bookings only."""

from lebrq.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.bookings_baseline_urls"
