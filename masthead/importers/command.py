"""What the three import commands share: options, running the writer, the report."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class ImportCommand(BaseCommand):
    """Subclasses add their arguments and implement ``read(options) -> Export``."""

    def add_common_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Report, store nothing.")
        parser.add_argument(
            "--fetch-remote",
            action="store_true",
            help="Download pictures the export only links to (public addresses only).",
        )
        parser.add_argument(
            "--section",
            default="news",
            help="The section (slug or name) for articles with none of their own.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def read(self, options):
        raise NotImplementedError

    def handle(self, *args, **options):
        from .writer import ItemError, Writer

        export = self.read(options)
        try:
            writer = Writer(
                source=export.source,
                dry_run=options["dry_run"],
                fetch_remote=options["fetch_remote"],
                section=options["section"],
                locate_image=export.locate_image,
                progress=not options["no_progress"],
            )
        except ItemError as error:
            raise CommandError(str(error)) from error
        report = writer.run(
            export.posts, export.subscribers, total=len(export.posts) + len(export.subscribers)
        )
        if not options["dry_run"]:
            from masthead.audit.log import record

            record("importers.run", source=export.source, **report.as_dict())
        for line in report.lines():
            self.stdout.write(line)
        self.report = report
        return None


def existing_file(value: str) -> Path:
    path = Path(value)
    if not path.is_file():
        raise CommandError(f"{value}: no such file")
    return path


def existing_dir(value: str | None) -> Path | None:
    if value is None:
        return None
    path = Path(value)
    if not path.is_dir():
        raise CommandError(f"{value}: no such folder")
    return path
