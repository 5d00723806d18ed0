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
import threading
import time
from collections import OrderedDict
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


# Fragments this process lately used, as (tag versions, expiry time, value): read from the
# shared cache (Redis: a round trip and an unpickle each) once, then checked against the same
# tag versions as the shared copy, so a purge reaches them as fast, and never used past the
# shared copy's own expiry. Bounded by FRAGMENT_CACHE_LOCAL_BYTES of text.
_local: OrderedDict[str, tuple[dict, float, Any]] = OrderedDict()
_local_size = 0
_local_lock = threading.Lock()


def _local_get(key: str, versions: dict) -> Any:
    found = _local.get(key)
    if found is None or found[0] != versions or found[1] <= time.time():
        return None
    return found[2]


def _local_put(key: str, versions: dict, expires: float, value: Any) -> None:
    global _local_size
    limit = getattr(settings, "FRAGMENT_CACHE_LOCAL_BYTES", 8 * 1024 * 1024)
    size = len(value) if isinstance(value, str) else 0
    if not limit or not size or size > limit:
        return
    with _local_lock:
        old = _local.pop(key, None)
        if old is not None:
            _local_size -= len(old[2])
        _local[key] = (versions, expires, value)
        _local_size += size
        while _local_size > limit and _local:
            _, (_, _, dropped) = _local.popitem(last=False)
            _local_size -= len(dropped)


def clear_local() -> None:
    """Forget this process's copies (the shared cache was cleared)."""
    global _local_size
    with _local_lock:
        _local.clear()
        _local_size = 0


def get_or_render(key: str, render: Callable[[], Any], *, timeout: int | None = None) -> Any:
    """The stored value under ``key`` if no content changed since it was stored, else
    ``render()`` (stored for next time). Side effects: a cache read unless this process holds
    a current copy, and a write on a miss; the tag versions are read through the page cache's
    short in-process memo."""
    if not enabled():
        return render()
    versions = page_cache.tag_versions(TAGS)
    value = _local_get(key, versions)
    if value is not None:
        return value
    store = _store()
    entry = store.get(key)
    if isinstance(entry, tuple) and len(entry) == 3 and entry[0] == versions:
        _local_put(key, versions, entry[1], entry[2])
        return entry[2]
    value = render()
    if timeout is None:
        timeout = getattr(settings, "FRAGMENT_CACHE_TIMEOUT", 300)
    expires = time.time() + timeout
    store.set(key, (versions, expires, value), timeout)
    _local_put(key, versions, expires, value)
    return value
