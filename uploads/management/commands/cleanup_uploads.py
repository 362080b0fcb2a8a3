from django.core.management.base import BaseCommand
from tqdm import tqdm

from uploads.maintenance import orphan_files, stale_part_files


class Command(BaseCommand):
    help = "Find stale .part files and stored files without a database row; delete them with --delete."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete what is found (default: dry run).")
        parser.add_argument(
            "--part-age-hours",
            type=float,
            default=6.0,
            help="A .part file is stale when untouched this long (default 6: longer than any upload runs).",
        )

    def handle(self, *args, delete, part_age_hours, **options):
        found = [*stale_part_files(part_age_hours * 3600), *orphan_files()]
        freed = 0
        for path in tqdm(found, desc="cleanup_uploads", unit="file", disable=not found or options["verbosity"] == 0):
            size = path.stat().st_size
            if delete:
                path.unlink(missing_ok=True)
                freed += size
            self.stdout.write(f"{'deleted' if delete else 'would delete'} {path} ({size} bytes)")
        verb = "Deleted" if delete else "Dry run: would delete"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {len(found)} file(s), {freed if delete else sum_sizes(found)} bytes.")
        )


def sum_sizes(paths):
    return sum(path.stat().st_size for path in paths)
