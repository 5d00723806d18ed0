"""Carry out a purge: bump tags in the shared store and send PURGE requests to the edge.

Called by the signal handlers (``signal_handlers.py``) right after the change is committed,
so a story published is gone from every cache at once on Redis (the bump is announced to
every process), within the tag memo (half a second) with diskcache."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from . import tags as cache_tags
from . import warm

logger = logging.getLogger(__name__)


def page_path(page) -> str | None:
    """A page's path on its site, or None if it has none (not routable)."""
    url = page.get_url(None)
    return urlsplit(url).path if url else None


def reverse_path(name: str, **kwargs) -> str | None:
    """The path of a named URL, or None where this deployment has no such URL."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def purge_edge(*, paths: Iterable[str]) -> None:
    """Send an HTTP PURGE for each path, on the site's one public address (SITE_URL), to
    every configured edge cache, now and once more when every server process has seen the
    purge (``seen_everywhere_after``) and what it was answering then has gone out.

    The second PURGE closes a race: the edge asks again at once, and a process that has not
    yet re-read the tag versions may answer with the old page, which the edge would then keep
    until the next purge (in the spike bench, the next feed item 5 s later).
    Sent here, not through Wagtail's purge task: behind narration in the task queue a purge
    waited seconds, while breaking news must leave the edge within one.
    Side effects: network requests to the edge caches (the second from a timer thread); a
    failing one is logged."""
    paths = list(dict.fromkeys(paths))
    if not paths or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import get_backends

    root = settings.SITE_URL.rstrip("/")
    urls = [root + path for path in paths]
    # The second PURGE goes to the edges the first went to, as configured now.
    backends = get_backends()
    _send(urls, backends)
    wait = seen_everywhere_after()
    if wait is not None:
        timer = threading.Timer(wait + EDGE_REPURGE_MARGIN_SECONDS, _send, args=(urls, backends))
        timer.daemon = True
        timer.start()


# Time for a request the edge sent just before every process saw the purge (the memo ran
# out, the announcement arrived) to be answered.
EDGE_REPURGE_MARGIN_SECONDS = 0.3


def seen_everywhere_after() -> float | None:
    """Seconds until every server process sees a bump made now: on Redis as soon as the
    announcement arrives (a process that does not hear them keeps no memo: announce.py),
    else when the tag memo runs out; None when no process keeps one (nothing to wait for)."""
    from . import announce

    if announce.in_use():
        return 0.0
    return getattr(settings, "CACHE_TAG_MEMO_SECONDS", 0.5) or None


def _send(urls: list[str], backends: dict) -> None:
    for name, backend in backends.items():
        try:
            backend.purge_batch(urls)
        except Exception:  # noqa: BLE001 - one edge down must not stop the others
            logger.exception("Could not purge %d URLs at the edge %s", len(urls), name)


def purge(
    *, tags: Iterable[str] = (), paths: Iterable[str] = (), changed: Iterable[str] = ()
) -> None:
    """Bump ``tags`` and the path tag of each of ``paths`` (one shared write), render again
    the purged pages readers have copies of and the ``changed`` pages' own (``warm.py``),
    then purge ``paths`` at the edge, which so fetches the new copies.
    Side effects: shared reads and writes, renders, and the edge's PURGE requests."""
    paths = list(dict.fromkeys(paths))
    held = warm.hold(warm.to_warm(paths, changed=changed))
    cache_tags.bump([*tags, *(cache_tags.path(path) for path in paths)])
    warm.warm(held)
    purge_edge(paths=paths)
