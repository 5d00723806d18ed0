from django.core.management.base import BaseCommand

from masthead.caching.rules_table import markdown


class Command(BaseCommand):
    help = "Print what each change purges (the registry of masthead/caching) as Markdown."

    def handle(self, *args, **options):
        self.stdout.write(markdown(), ending="")
