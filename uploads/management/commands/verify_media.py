from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from uploads.maintenance import media_problem
from uploads.models import MediaFile


class Command(BaseCommand):
    help = "Check every stored media file against the size and sha256 in the database; fail if any differ."

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=MediaFile.Kind.values, help="Only this kind of media.")

    def handle(self, *args, kind, **options):
        media_files = MediaFile.objects.order_by("pk")
        if kind:
            media_files = media_files.filter(kind=kind)
        problems = 0
        total = media_files.count()
        for media in tqdm(
            media_files.iterator(chunk_size=500),
            total=total,
            desc="verify_media",
            unit="file",
            disable=options["verbosity"] == 0,
        ):
            problem = media_problem(media)
            if problem:
                problems += 1
                self.stderr.write(f"#{media.pk} {media.kind}/{media.stored_name}: {problem}")
        if problems:
            raise CommandError(f"{problems} of {total} media file(s) failed verification.")
        self.stdout.write(self.style.SUCCESS(f"All {total} media file(s) match their sha256."))
