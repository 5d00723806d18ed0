"""Attempt every webhook delivery whose time has come (at most 1000 a run). The worker does
this by itself (each retry is a deferred task); run this after restoring a task queue, or
on a task backend that cannot defer."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from masthead.webhooks.services import deliveries_due


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        count = deliveries_due(
            progress=lambda ids: tqdm(ids, desc="webhook deliveries", unit="delivery")
        )
        self.stdout.write(f"{count} webhook deliveries attempted.")
