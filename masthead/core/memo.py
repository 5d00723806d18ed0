"""Values kept in each server process instead of read on every request.

The site's settings, its Site rows, whether any page has a view restriction, and the live
pages themselves are read by every page view and change far less often. Each copy here is
kept with the page cache's tag versions current when it was read (``core/cache.py``); what
changes them bumps a tag (``ops/signal_handlers.py``), so every process reads afresh within
the tag memo (half a second), and after SITE_MEMO_SECONDS at the latest even if the bump was
lost (a cache outage). A copy is unpickled for each caller, so nothing one request sets on it
reaches another.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings

from . import cache as page_cache

MISSING = object()


class Kept:
    """One process's copies, checked against ``tags``. When full (``max_items`` copies, or
    ``max_bytes`` of pickled data) it starts again empty."""

    def __init__(
        self, tags: list[str], *, max_items: int | None = None, max_bytes: int | None = None
    ):
        self.tags = tags
        self.max_items = max_items
        self.max_bytes = max_bytes
        # key -> (time read, tag versions then, pickled value)
        self._copies: dict[Any, tuple[float, dict, bytes]] = {}
        self._bytes = 0

    @staticmethod
    def enabled() -> bool:
        return bool(getattr(settings, "SITE_MEMO_SECONDS", 60))

    def get(self, key: Any) -> Any:
        """A fresh copy of the value kept for ``key``, or MISSING."""
        found = self._copies.get(key)
        if found is None or not self.enabled():
            return MISSING
        if time.monotonic() - found[0] >= getattr(settings, "SITE_MEMO_SECONDS", 60):
            return MISSING
        if page_cache.tag_versions(self.tags) != found[1]:
            return MISSING
        return pickle.loads(found[2])  # noqa: S301 - bytes this process pickled itself

    def put(self, key: Any, value: Any) -> None:
        if not self.enabled():
            return
        versions = page_cache.tag_versions(self.tags)
        data = pickle.dumps(value)
        full_items = self.max_items is not None and len(self._copies) > self.max_items
        full_bytes = self.max_bytes is not None and self._bytes + len(data) > self.max_bytes
        if full_items or full_bytes:
            self.clear()
        old = self._copies.get(key)
        self._bytes += len(data) - (len(old[2]) if old else 0)
        self._copies[key] = (time.monotonic(), versions, data)

    def get_or_load(self, key: Any, load: Callable[[], Any]) -> Any:
        """``load()``'s answer, kept until the tags move; with SITE_MEMO_SECONDS = 0 (the
        tests) it simply calls ``load()``."""
        value = self.get(key)
        if value is MISSING:
            value = load()
            self.put(key, value)
        return value

    def clear(self, **kwargs) -> None:
        """Drop every copy at once (usable as a signal receiver)."""
        self._copies.clear()
        self._bytes = 0


_site_wide = Kept([page_cache.SITE_TAG], max_items=1000)


def site_wide(key: Any, load: Callable[[], Any]) -> Any:
    """``load()``'s answer, read once per process until site-wide content changes."""
    return _site_wide.get_or_load(key, load)


def forget(**kwargs) -> None:
    """Drop this process's site-wide copies at once (something site-wide was saved here)."""
    _site_wide.clear()
