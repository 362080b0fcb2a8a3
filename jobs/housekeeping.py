"""Housekeeping: one function, run as a job (`housekeeping` task, scheduled by notifications.scheduler)
or a command. Reminders are notifications' (notifications.reminders)."""

import logging

from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from bookings.services import complete_past_bookings, delete_expired_idempotency_keys, expire_lapsed_holds
from uploads.maintenance import delete_stale_part_files

logger = logging.getLogger("lebrq.jobs")


def flush_expired_tokens(now):
    """Expired refresh tokens (and, by cascade, their blacklist rows) are dead weight."""
    deleted, _ = OutstandingToken.objects.filter(expires_at__lt=now).delete()
    return deleted


def run_housekeeping(now=None):
    now = now or timezone.now()
    report = {
        "holds_expired": expire_lapsed_holds(now=now),
        "bookings_completed": complete_past_bookings(now=now),
        "expired_tokens_deleted": flush_expired_tokens(now),
        "idempotency_keys_deleted": delete_expired_idempotency_keys(now),
        "stale_part_files_deleted": len(delete_stale_part_files()),
    }
    logger.info("Housekeeping: %s", report)
    return report
