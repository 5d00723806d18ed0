"""The reader site's knobs. Each reads an optional MASTHEAD_* Django setting, so an operator
can change it in settings or the environment without touching code."""

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, f"MASTHEAD_{name}", default)


def news_feed_page_size() -> int:
    return _get("NEWS_FEED_PAGE_SIZE", 30)


def news_feed_column_size() -> int:
    return _get("NEWS_FEED_COLUMN_SIZE", 8)


def news_feed_poll_seconds() -> int:
    """How often open pages ask for new feed items. Readers must see an item within 5 s."""
    return _get("NEWS_FEED_POLL_SECONDS", 3)


def popular_window_hours() -> int:
    return _get("POPULAR_WINDOW_HOURS", 24)


def popular_size() -> int:
    return _get("POPULAR_SIZE", 5)


def popular_flush_seconds() -> int:
    """At most this long between moving counted views from the counters to the database."""
    return _get("POPULAR_FLUSH_SECONDS", 60)


def popular_retention_days() -> int:
    return _get("POPULAR_RETENTION_DAYS", 8)


def popular_counter() -> str:
    """'redis' (shared by every process; needs REDIS_URL) or 'local' (this process's memory)."""
    default = "redis" if getattr(settings, "REDIS_URL", "") else "local"
    return _get("POPULAR_COUNTER", default)


def popular_redis_url() -> str:
    return _get("POPULAR_REDIS_URL", "") or getattr(settings, "REDIS_URL", "")


def popular_redis_key() -> str:
    return _get("POPULAR_REDIS_KEY", "masthead:popular")
