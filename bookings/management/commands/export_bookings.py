import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from bookings.export import export_chunks
from bookings.filters import BookingFilter
from bookings.selectors import admin_booking_list


class Command(BaseCommand):
    help = "Write every matching booking as CSV or NDJSON (streamed: constant memory whatever the count)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "ndjson"], default="csv")
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")
        parser.add_argument("--bom", action="store_true", help="Start a CSV with a UTF-8 byte-order mark, for Excel.")
        parser.add_argument("--status", choices=["pending", "confirmed", "cancelled", "completed"])
        parser.add_argument("--venue", type=int, help="Venue id.")
        parser.add_argument("--date-from", help="First local day of the start, YYYY-MM-DD.")
        parser.add_argument("--date-to", help="Last local day of the start, YYYY-MM-DD.")

    def handle(self, *args, **options):
        filters = {
            "status": options["status"],
            "venue": options["venue"],
            "date_from": options["date_from"],
            "date_to": options["date_to"],
        }
        filtered = BookingFilter({key: value for key, value in filters.items() if value}, queryset=admin_booking_list())
        if not filtered.is_valid():
            raise CommandError(filtered.errors.as_text())
        bookings = filtered.qs
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as output:
                self._write(bookings, options, output, progress=True)
            self.stderr.write(f"Wrote {options['output']}")
        else:
            self._write(bookings, options, sys.stdout, progress=False)

    def _write(self, bookings, options, output, progress):
        with tqdm(total=bookings.count(), unit="row", disable=not progress, file=sys.stderr) as bar:
            for chunk in export_chunks(bookings, options["format"], byte_order_mark=options["bom"]):
                output.write(chunk)
                bar.update(chunk.count("\n"))
