"""Analytics knobs, each an optional MASTHEAD_ANALYTICS_* setting. The counter itself (local
or Redis, flush interval) keeps the MASTHEAD_POPULAR_* settings it had when it counted views
for Most popular alone (news/conf.py)."""

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, f"MASTHEAD_ANALYTICS_{name}", default)


def once_per_seconds() -> int:
    """One view (or play, or quartile) per article per client within this many seconds."""
    return _get("ONCE_PER_SECONDS", 24 * 3600)


def hourly_retention_days() -> int:
    return _get("HOURLY_RETENTION_DAYS", 400)


def daily_retention_days() -> int:
    return _get("DAILY_RETENTION_DAYS", 5 * 366)


def click_max_age_days() -> int:
    """How long the links in a sent newsletter keep forwarding (and counting)."""
    return _get("CLICK_MAX_AGE_DAYS", 400)


def top_size() -> int:
    return _get("TOP_SIZE", 10)
