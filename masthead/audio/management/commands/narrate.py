"""Backfill narrations: `manage.py narrate --all`, `--section war`, `--since 2025-01-01`.

Runs in this process with a progress bar. Articles whose audio already speaks their current
text are skipped, so an interrupted run (Ctrl+C) resumes where it stopped when run again."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from masthead.audio.models import Narration
from masthead.audio.services import narration_generate, narration_request
from masthead.audio.text import article_speech_text, text_hash


class Command(BaseCommand):
    help = "Narrate published articles that have no current audio (resumable)."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help="every published article")
        which.add_argument("--section", metavar="SLUG", help="the articles of one section")
        which.add_argument(
            "--since", metavar="YYYY-MM-DD", help="articles first published on or after a date"
        )
        parser.add_argument(
            "--force", action="store_true", help="narrate again even if the audio is current"
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="queue tasks for the workers instead of narrating here",
        )

    def articles(self, options):
        from masthead.news.models import ArticlePage, SectionPage

        # The locale says which language (and engine) each article is narrated in.
        articles = ArticlePage.objects.live().select_related("locale")
        if options["section"]:
            section = SectionPage.objects.filter(slug=options["section"]).first()
            if section is None:
                raise CommandError(f"No section with the slug {options['section']!r}.")
            articles = articles.child_of(section)
        if options["since"]:
            try:
                day = datetime.date.fromisoformat(options["since"])
            except ValueError as error:
                raise CommandError("--since takes a date like 2025-01-31.") from error
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
            articles = articles.filter(first_published_at__gte=start)
        return articles.order_by("-first_published_at", "pk").specific()

    def handle(self, *args, **options):
        articles = list(self.articles(options))
        current = {
            n.page_id: n.audio_hash
            for n in Narration.objects.ready().filter(page__in=[a.pk for a in articles])
        }
        done = skipped = failed = 0
        progress = tqdm(articles, desc="Narrating", unit="article", file=self.stderr._out)
        try:
            for page in progress:
                wanted = text_hash(article_speech_text(page))
                if not options["force"] and current.get(page.pk) == wanted:
                    skipped += 1
                    continue
                if options["enqueue"]:
                    narration_request(page=page, force=options["force"], backfill=True)
                    done += 1
                    continue
                narration = narration_request(page=page, force=options["force"], enqueue=False)
                try:
                    narration_generate(
                        page_id=page.pk, wanted_hash=narration.text_hash, force=options["force"]
                    )
                    done += 1
                except Exception as error:  # noqa: BLE001 - reported, the run goes on
                    failed += 1
                    Narration.objects.filter(pk=narration.pk).update(
                        state=Narration.State.FAILED, failure_reason=str(error)[:2000]
                    )
                    progress.write(f"Page {page.pk} failed: {error}")
        except KeyboardInterrupt:
            progress.close()
            self.stdout.write(
                f"Interrupted after {done} narrated; run the same command again to resume."
            )
            return
        verb = "queued" if options["enqueue"] else "narrated"
        self.stdout.write(
            self.style.SUCCESS(f"{done} {verb}, {skipped} already current, {failed} failed.")
        )
