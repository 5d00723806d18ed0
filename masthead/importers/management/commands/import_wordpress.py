"""Import a WordPress site from its export file (Tools → Export, WXR 1.0-1.2)."""

from django.core.management.base import CommandError

from masthead.importers.command import ImportCommand, existing_dir, existing_file


class Command(ImportCommand):
    help = (
        "Import posts, pages, authors, categories, tags, pictures and approved comments from "
        "a WordPress export (WXR). Run again to bring in what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The .xml file from Tools → Export.")
        parser.add_argument(
            "--categories-as",
            choices=["sections", "tags"],
            default="sections",
            help="A post's first category becomes its section (default), or every category "
            "becomes a tag.",
        )
        parser.add_argument(
            "--media-dir",
            help="The site's wp-content/uploads folder: pictures are read from it.",
        )
        self.add_common_arguments(parser)

    def read(self, options):
        from masthead.importers import wordpress
        from masthead.importers.items import ExportError

        path = existing_file(options["export"])
        try:
            return wordpress.read(
                path,
                media_dir=existing_dir(options["media_dir"]),
                categories_as=options["categories_as"],
            )
        except ExportError as error:
            raise CommandError(str(error)) from error
