"""Delete finished webhook deliveries older than WEBHOOKS_DELIVERY_RETENTION_DAYS (default
90), so the delivery log does not grow with every publish for ever. Run it daily."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from masthead.webhooks import conf
from masthead.webhooks.services import deliveries_prune


class Command(BaseCommand):
    help = "Delete finished webhook deliveries older than WEBHOOKS_DELIVERY_RETENTION_DAYS."

    def handle(self, *args, **options):
        days = conf.delivery_retention_days()
        if days < 1:
            raise CommandError("WEBHOOKS_DELIVERY_RETENTION_DAYS must be at least 1.")
        deleted = deliveries_prune(older_than=timezone.now() - datetime.timedelta(days=days))
        self.stdout.write(f"Deleted {deleted} webhook deliveries older than {days} days.")
