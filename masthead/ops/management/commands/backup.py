from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from masthead.ops.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database and all media into one .tar.gz file."

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            nargs="?",
            help="file to write (default: var/backups/masthead-<time>.tar.gz)",
        )

    def handle(self, *args, destination=None, **options):
        from django.conf import settings

        if destination is None:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            destination = settings.VAR_DIR / "backups" / f"masthead-{stamp}.tar.gz"
        manifest = backup_create(destination=Path(destination), progress=True)
        self.stdout.write(
            f"Backed up the {manifest['database']} database and "
            f"{len(manifest['media'])} media files to {destination}"
        )
