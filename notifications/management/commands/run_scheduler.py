import signal
import threading

from django.core.management.base import BaseCommand
from django.utils import timezone

from notifications.scheduler import delete_old_runs, enqueue_due_jobs, next_due_time


class Command(BaseCommand):
    help = (
        "Enqueue the project's time-based jobs (housekeeping, reminders, pruning) when they fall due. "
        "Safe to run on several hosts at once: each due time is enqueued once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue what is due now and exit.")

    def handle(self, *args, once=False, **options):
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        while True:
            enqueued = enqueue_due_jobs()
            if enqueued:
                delete_old_runs()
                self.stdout.write(f"Enqueued {', '.join(enqueued)}")
            if once:
                return
            # Wake at the next due time (at most a minute away, so a clock step is noticed).
            wait = (next_due_time(timezone.now()) - timezone.now()).total_seconds()
            if stop.wait(min(max(wait, 1), 60)):
                return
