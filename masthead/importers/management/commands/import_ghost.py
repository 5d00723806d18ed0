"""Import a Ghost site from its JSON export (versions 4 to 6) and its content folder."""

from django.core.management.base import CommandError

from masthead.importers.command import ImportCommand, existing_dir, existing_file


class Command(ImportCommand):
    help = (
        "Import posts, pages, authors, tags, feature images, newsletters and members from a "
        "Ghost JSON export. Run again to bring in what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The .json file from Settings → Labs → Export.")
        parser.add_argument(
            "--content", help="The site's content folder (holding images/): pictures are read."
        )
        parser.add_argument(
            "--internal-tags",
            choices=["ignore", "tags"],
            default="ignore",
            help="Ghost's internal #tags: left out (default) or kept as tags without the #.",
        )
        self.add_common_arguments(parser)

    def read(self, options):
        from masthead.importers import ghost
        from masthead.importers.items import ExportError

        path = existing_file(options["export"])
        try:
            return ghost.read(
                path,
                content_dir=existing_dir(options["content"]),
                internal_tags=options["internal_tags"],
            )
        except ExportError as error:
            raise CommandError(str(error)) from error
