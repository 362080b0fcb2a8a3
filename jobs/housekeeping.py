"""Nightly-style housekeeping: one function, run as a job (`housekeeping` task) or a command."""

import logging

from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from bookings.services import complete_past_bookings, delete_expired_idempotency_keys
from uploads.maintenance import stale_part_files

# Longer than any upload can run, so a .part still being written is never touched.
STALE_PART_AGE_SECONDS = 6 * 3600

logger = logging.getLogger("lebrq.jobs")


def flush_expired_tokens(now):
    """Expired refresh tokens (and, by cascade, their blacklist rows) are dead weight."""
    deleted, _ = OutstandingToken.objects.filter(expires_at__lt=now).delete()
    return deleted


def delete_stale_part_files():
    deleted = 0
    for path in stale_part_files(STALE_PART_AGE_SECONDS):
        path.unlink(missing_ok=True)
        deleted += 1
    return deleted


def run_housekeeping(now=None):
    now = now or timezone.now()
    report = {
        "bookings_completed": complete_past_bookings(now=now),
        "expired_tokens_deleted": flush_expired_tokens(now),
        "idempotency_keys_deleted": delete_expired_idempotency_keys(now),
        "stale_part_files_deleted": delete_stale_part_files(),
    }
    logger.info("Housekeeping: %s", report)
    return report
