"""Carry out a purge: bump tags in the shared store and send PURGE requests to the edge.

Called by the signal handlers (``signal_handlers.py``) right after the change is committed,
so a story published is gone from every cache within the tag memo (half a second)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from . import tags as cache_tags

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


def purge_edge(*, paths: Iterable[str], root_url: str | None = None) -> None:
    """Send an HTTP PURGE for each path to every configured edge cache.

    Side effects: network requests to the edge caches (errors are logged by Wagtail)."""
    paths = list(dict.fromkeys(paths))
    if not paths or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    root = (root_url or settings.SITE_URL).rstrip("/")
    batch = PurgeBatch()
    batch.add_urls([root + path for path in paths])
    batch.purge()


def purge(*, tags: Iterable[str] = (), paths: Iterable[str] = (), root_url: str | None = None):
    """Bump ``tags`` and the path tag of each of ``paths`` (one shared write), then purge
    ``paths`` at the edge. Side effects: a shared write and the edge's PURGE requests."""
    paths = list(dict.fromkeys(paths))
    cache_tags.bump([*tags, *(cache_tags.path(path) for path in paths)])
    try:
        purge_edge(paths=paths, root_url=root_url)
    except Exception:  # noqa: BLE001 - the edge keeps its copy until it expires; log it
        logger.exception("Could not purge %d paths at the edge", len(paths))
