"""Import a Substack publication from its export (.zip)."""

from django.core.management.base import CommandError

from masthead.importers.command import ImportCommand, existing_file


class Command(ImportCommand):
    help = (
        "Import posts (paid ones as premium) and subscribers from a Substack export zip. "
        "Run again to bring in what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The .zip from Settings → Exports.")
        parser.add_argument(
            "--author", default="", help="The byline for every post (the export has none)."
        )
        self.add_common_arguments(parser)

    def read(self, options):
        from masthead.importers import substack
        from masthead.importers.items import ExportError

        path = existing_file(options["export"])
        try:
            return substack.read(path, author=options["author"])
        except ExportError as error:
            raise CommandError(str(error)) from error
