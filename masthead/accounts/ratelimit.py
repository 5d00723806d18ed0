"""A fixed-window counter in the cache, shared by the reader-facing apps (answer 429)."""

from django.core.cache import cache


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one action under `key`; True while at or under `limit` in the window."""
    cache_key = f"ratelimit:{key}"
    cache.add(cache_key, 0, window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window ended between add and incr
        cache.set(cache_key, 1, window)
        count = 1
    return count <= limit
