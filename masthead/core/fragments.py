"""Rendered parts of pages kept in the cache and shared by every request that shows them.

The header, the footer, the rail beside each article and the article's own text cost most of
an uncached page's CPU, and they are the same for every reader. Each fragment is stored with
the page cache's tag versions current when it was rendered (``core/cache.py``); a fragment
whose tags have since been bumped is a miss. So a fragment is purged exactly when a cached
page would be: publishing, unpublishing or deleting any page, editing an author, a news-feed
item, a promotion or a site setting (``ops/signal_handlers.py``), within the page cache's
one-second promise. A fragment must hold nothing personal: callers put what varies (the site,
the page, whether the reader may edit it) in its key and keep per-reader parts outside.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches

from . import cache as page_cache

PREFIX = "frag:"
# Anything published anywhere may show in a fragment (the rail, the front page's blocks), so
# every fragment depends on every content tag: a change of any kind is a miss for all.
TAGS = [page_cache.SITE_TAG, page_cache.group_tag("listing"), page_cache.group_tag("article")]


def enabled() -> bool:
    return getattr(settings, "FRAGMENT_CACHE_ENABLED", True)


def _store():
    alias = getattr(settings, "FRAGMENT_CACHE_ALIAS", "default")
    return caches[alias if alias in settings.CACHES else "default"]


def key_for(name: str, *parts: Any) -> str:
    raw = "\x1f".join([name, *(str(part) for part in parts)])
    return PREFIX + name + ":" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


def get_or_render(key: str, render: Callable[[], Any], *, timeout: int | None = None) -> Any:
    """The stored value under ``key`` if no content changed since it was stored, else
    ``render()`` (stored for next time). Side effects: one cache read, and a write on a miss;
    the tag versions are read through the page cache's short in-process memo."""
    if not enabled():
        return render()
    store = _store()
    versions = page_cache.tag_versions(TAGS)
    entry = store.get(key)
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == versions:
        return entry[1]
    value = render()
    if timeout is None:
        timeout = getattr(settings, "FRAGMENT_CACHE_TIMEOUT", 300)
    store.set(key, (versions, value), timeout)
    return value
