"""Small site-wide facts kept in each server process instead of read on every request.

The site's settings and whether any page has a view restriction are read by every page view
and change a few times a year. Each copy here is kept with the page cache's SITE tag version
current when it was read (``core/cache.py``); saving a setting, a Site or a view restriction
bumps that tag (``ops/signal_handlers.py``), so every process reads afresh within the tag memo
(half a second), and after SITE_MEMO_SECONDS at the latest even if the bump was lost (a cache
outage). A copy is unpickled for each caller, so nothing one request sets on it reaches another.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings

from . import cache as page_cache

_TAGS = [page_cache.SITE_TAG]
# key -> (time read, SITE tag versions then, pickled value)
_copies: dict[Any, tuple[float, dict, bytes]] = {}


def site_wide(key: Any, load: Callable[[], Any]) -> Any:
    """``load()``'s answer, read once per process until site-wide content changes.

    With SITE_MEMO_SECONDS = 0 (the tests) it simply calls ``load()``."""
    ttl = getattr(settings, "SITE_MEMO_SECONDS", 60)
    if not ttl:
        return load()
    versions = page_cache.tag_versions(_TAGS)
    now = time.monotonic()
    found = _copies.get(key)
    if found is not None and found[1] == versions and now - found[0] < ttl:
        return pickle.loads(found[2])  # noqa: S301 - bytes this process pickled itself
    value = load()
    if len(_copies) > 1000:
        _copies.clear()
    _copies[key] = (now, versions, pickle.dumps(value))
    return value


def forget(**kwargs) -> None:
    """Drop this process's copies at once (something site-wide was saved here)."""
    _copies.clear()
