from django.core.management.base import BaseCommand

from uploads.maintenance import STALE_PART_AGE_SECONDS, delete_stale_part_files, remove_orphans


class Command(BaseCommand):
    help = (
        "Find stale .part files and stored files (or S3 objects and unfinished multipart uploads) without a "
        "database row; delete them with --delete."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete what is found (default: dry run).")
        parser.add_argument(
            "--part-age-hours",
            type=float,
            default=STALE_PART_AGE_SECONDS / 3600,
            help="A .part file is stale when untouched this long (default %(default)s: longer than any upload runs).",
        )

    def handle(self, *args, delete, part_age_hours, **options):
        dry_run = not delete
        found = [
            *delete_stale_part_files(part_age_hours * 3600, dry_run=dry_run),
            *remove_orphans(dry_run=dry_run),
        ]
        for path, size in found:
            self.stdout.write(f"{'would delete' if dry_run else 'deleted'} {path} ({size} bytes)")
        verb = "Dry run: would delete" if dry_run else "Deleted"
        total = sum(size for _, size in found)
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(found)} file(s), {total} bytes."))
