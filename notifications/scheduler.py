"""The project's clock: time-based jobs enqueued once per due time, however many schedulers run.

Every entry of SCHEDULE falls due on a fixed grid (multiples of its interval since the Unix
epoch, UTC). A scheduler that sees a due time inserts the row (name, due_at) of ScheduledRun and
enqueues the job in the same transaction; the unique constraint makes a second scheduler (on
another host) fail the insert and enqueue nothing. A scheduler that was down catches up with the
latest due time only: a missed run of housekeeping is not worth running twice.
"""

import logging
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from notifications.models import ScheduledRun

logger = logging.getLogger("lebrq.jobs")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Entry:
    name: str
    task: str  # dotted path of a django-tasks task taking no arguments
    every: timedelta


SCHEDULE = [
    # Hold expiry (a hold lasts 15 minutes by default), completion, token and upload clean-up.
    Entry("housekeeping", "jobs.tasks.housekeeping", timedelta(minutes=5)),
    # The 24 h reminder and the balance-due reminder: at most a quarter of an hour late.
    Entry("reminders", "notifications.tasks.send_reminders", timedelta(minutes=15)),
    Entry("prune_task_results", "notifications.tasks.prune_task_results", timedelta(days=1)),
]


def due_time(entry, now):
    """The latest due time of `entry` at or before `now`."""
    return now - (now - EPOCH) % entry.every


def next_due_time(now, schedule=SCHEDULE):
    return min(due_time(entry, now) + entry.every for entry in schedule)


def enqueue_due_jobs(now=None, schedule=SCHEDULE, host=None):
    """Enqueue each entry whose current due time no scheduler has claimed yet; the names enqueued."""
    now = now or timezone.now()
    host = host or socket.gethostname()[:100]
    enqueued = []
    for entry in schedule:
        due_at = due_time(entry, now)
        if ScheduledRun.objects.filter(name=entry.name, due_at=due_at).exists():
            continue  # the cheap read first; the insert below is what decides
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=entry.name, due_at=due_at, host=host)
                import_string(entry.task).enqueue()
        except IntegrityError:
            continue  # another scheduler took this due time
        logger.info("Scheduler enqueued %s due %s", entry.name, due_at.isoformat())
        enqueued.append(entry.name)
    return enqueued


def delete_old_runs(now=None, keep=timedelta(days=30)):
    return ScheduledRun.objects.filter(due_at__lt=(now or timezone.now()) - keep).delete()[0]
