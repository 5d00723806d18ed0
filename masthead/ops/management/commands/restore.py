import tarfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from masthead.ops.backup import backup_restore


class Command(BaseCommand):
    help = "Replace the database and media with a backup made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the .tar.gz written by `manage.py backup`")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, source, yes=False, **options):
        path = Path(source)
        if not path.is_file():
            raise CommandError(f"{path} is not a file")
        if not yes and input("This replaces the current database and media. Type 'yes': ") != "yes":
            raise CommandError("Restore cancelled.")
        try:
            manifest = backup_restore(source=path, progress=True)
        except (ValueError, KeyError, OSError, tarfile.TarError) as error:
            raise CommandError(f"Cannot restore {path}: {error}") from error
        self.stdout.write(
            f"Restored the {manifest['database']} database and "
            f"{len(manifest['media'])} media files from {path} "
            f"(made {manifest['created_at']})"
        )
