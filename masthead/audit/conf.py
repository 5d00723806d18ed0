"""Settings of the audit app, each overridable in Django settings."""

from django.conf import settings


def retention_days() -> int:
    """Entries older than this many days are deleted by `manage.py audit_prune` (read on each
    call so tests and deployments can change it without a restart of the importer)."""
    return int(getattr(settings, "AUDIT_LOG_RETENTION_DAYS", 730))
