"""Delete audit entries older than AUDIT_LOG_RETENTION_DAYS (default 730). Run it daily
(cron, or the ops schedule); it is the only code that deletes entries."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from masthead.audit import conf
from masthead.audit.models import AuditEntry


class Command(BaseCommand):
    help = "Delete audit-log entries older than AUDIT_LOG_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count them.")

    def handle(self, *args, dry_run=False, **options):
        days = conf.retention_days()
        if days < 1:
            raise CommandError("AUDIT_LOG_RETENTION_DAYS must be at least 1.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        if dry_run:
            count = AuditEntry.objects.filter(timestamp__lt=cutoff).count()
            self.stdout.write(f"{count} audit entries are older than {days} days.")
            return
        deleted = AuditEntry.objects.delete_older_than(cutoff)
        self.stdout.write(f"Deleted {deleted} audit entries older than {days} days.")
