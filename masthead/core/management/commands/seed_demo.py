import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from masthead.core.seeding import bulk_load

# Apps that bring demo data, in the order their data depends on each other. Each may have a
# `seeds` module with `seed(*, stdout) -> None` that does nothing when its data is present.
SEED_ORDER = [
    "accounts",
    "people",
    "news",
    "editions",  # each edition's home page, after the English one
    "organisation",
    "datadesk",
    "factchecks",
    "newsletters",
    "comments",
    "memberships",
    "audio",
    "planning",
]


class Command(BaseCommand):
    help = "Load the demo newsroom (sections, authors, articles, pages, users). Idempotent."

    def handle(self, *args, **options):
        # One index pass at the end instead of a queued task per saved object (seeding.py).
        with bulk_load():
            for app in SEED_ORDER:
                try:
                    module = importlib.import_module(f"masthead.{app}.seeds")
                except ModuleNotFoundError as error:
                    if error.name != f"masthead.{app}.seeds":
                        raise
                    continue
                with transaction.atomic():
                    module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
