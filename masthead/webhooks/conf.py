"""Settings of outgoing webhooks, overridable in Django settings (docs/subsystems/webhooks.md)."""

from datetime import timedelta

from django.conf import settings

# Seconds between the attempts of one delivery after the first: 7 attempts over about 18 h.
DEFAULT_RETRY_SCHEDULE = [5, 300, 1800, 7200, 18000, 36000]
# Each wait is stretched or shrunk by up to this share, so endpoints that failed together
# (an outage) are not all retried in the same second.
JITTER = 0.2
# How much of a receiver's answer the delivery log keeps.
RESPONSE_EXCERPT_CHARS = 500
# After a secret is rotated, requests are signed with the old one too for this long, so a
# receiver can switch without losing messages (Standard Webhooks allows several signatures).
ROTATION_GRACE = timedelta(hours=24)


def timeout_seconds() -> float:
    """Longest wait for one request, connect to last byte read (WEBHOOKS_TIMEOUT_SECONDS)."""
    return float(getattr(settings, "WEBHOOKS_TIMEOUT_SECONDS", 10))


def retry_schedule() -> list[float]:
    """Waits before the second, third, ... attempt (WEBHOOKS_RETRY_SCHEDULE, seconds)."""
    return [float(s) for s in getattr(settings, "WEBHOOKS_RETRY_SCHEDULE", DEFAULT_RETRY_SCHEDULE)]


def disable_after_failures() -> int:
    """Consecutive failed attempts (any delivery) after which the endpoint is disabled and its
    owner emailed (WEBHOOKS_DISABLE_AFTER_FAILURES)."""
    return int(getattr(settings, "WEBHOOKS_DISABLE_AFTER_FAILURES", 15))


def allow_private_addresses() -> bool:
    """Only for local development and tests: lets endpoints point at loopback and private
    networks (WEBHOOKS_ALLOW_PRIVATE_ADDRESSES)."""
    return bool(getattr(settings, "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", False))


def delivery_retention_days() -> int:
    """Finished deliveries older than this are deleted by `manage.py webhooks_prune`
    (WEBHOOKS_DELIVERY_RETENTION_DAYS)."""
    return int(getattr(settings, "WEBHOOKS_DELIVERY_RETENTION_DAYS", 90))
