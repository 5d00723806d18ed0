"""`manage.py unguess_media_names [--dry-run]`: move documents and private pictures stored
before uploads got random names to unguessable names (safe to run again)."""

from django.core.management.base import BaseCommand

from masthead.images.services import media_rename_guessable


class Command(BaseCommand):
    help = "Rename documents and private picture originals stored under guessable names."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count them")

    def handle(self, *args, dry_run=False, **options):
        done = media_rename_guessable(dry_run=dry_run)
        verb = "would rename" if dry_run else "renamed"
        self.stdout.write(f"{verb} {done['documents']} documents, {done['pictures']} pictures")
