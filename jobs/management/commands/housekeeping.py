from django.core.management.base import BaseCommand

from jobs.housekeeping import run_housekeeping
from jobs.tasks import housekeeping


class Command(BaseCommand):
    help = "Mark finished bookings completed and delete expired tokens and stale upload parts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue it as a background job instead of running it now."
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = housekeeping.enqueue()
            self.stdout.write(f"Queued housekeeping job {result.id}")
            return
        for name, count in run_housekeeping().items():
            self.stdout.write(f"{name}: {count}")
