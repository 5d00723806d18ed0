"""Rendered parts of pages kept in the shared store and used by every request that shows them.

The header, the footer, the rails beside each article and the article's own text cost most
of an uncached page's CPU, and they are the same for every reader. A fragment is stored with
the versions of the tags it depends on (declared by its template and by the code it ran,
``tags.depends_on``), so it is purged exactly when what it shows changes: publishing one
story makes the "latest" rail a miss but leaves every other story's text, head and foot.

A fragment is never personal. One rendered for a signed-in reader is not stored (a stored
one is still served to them: it holds nothing personal), and one whose rendering declared
itself reader-specific (the paywall rule does) is never stored at all.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.utils import translation

from . import tags as cache_tags
from .local import MISSING, Hints, ProcessCopies
from .store import shared

PREFIX = "frag:"


def enabled() -> bool:
    return getattr(settings, "FRAGMENT_CACHE_ENABLED", True)


def key_for(name: str, *parts: Any) -> str:
    """The key of a fragment: its name and parts, and the active language (each edition
    draws its own header, rails and lists)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    raw = "\x1f".join([name, language, *(str(part) for part in parts)])
    return PREFIX + name + ":" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


copies = ProcessCopies(
    "fragments",
    max_bytes=lambda: getattr(settings, "FRAGMENT_CACHE_LOCAL_BYTES", 8 * 1024 * 1024),
    max_age=lambda: getattr(settings, "FRAGMENT_CACHE_TIMEOUT", 300),
)


def _size(value: Any) -> int:
    # Text is counted as it is; anything else (a JSON-ready dict) at a flat estimate.
    return len(value) if isinstance(value, str | bytes) else 4096


# The tags each fragment last depended on, read with it next time (one round trip).
hints = Hints()


def peek(
    key: str, *, entry: Any = MISSING, current: dict[str, int] | None = None
) -> tuple[str, dict[str, int]] | None:
    """(the current value under ``key``, the tag versions it holds for), or None when it is
    missing or stale. A caller that has read the shared ``entry`` and ``current`` versions
    already (a page's slots, read with the page) passes them. Side effects: one shared read
    (the entry with the versions of the tags it last had) unless this process holds a copy
    or the caller passed the entry; a second only for tags it did not have before."""
    found = copies.get(key, current)
    if found is not MISSING:
        return found
    if entry is MISSING:
        read, current = cache_tags.read([key], hints.get(key))
        entry = read.get(key)
    if not (isinstance(entry, tuple) and len(entry) == 3):
        return None
    versions, expires, value = entry
    hints.put(key, versions)
    if expires <= time.time():
        return None
    current = dict(current or {})
    unread = versions.keys() - current.keys()
    if unread:
        current.update(cache_tags.versions(unread))
    if any(current[tag] != version for tag, version in versions.items()):
        return None
    remaining = expires - time.time()
    copies.put(key, (value, versions), tags=versions, max_age=remaining, size=_size(value))
    return value, versions


def peek_stale(key: str, *, entry: Any = MISSING) -> str | None:
    """The value under ``key`` even if what it shows has changed since (None when missing or
    expired): what a page answers with while another request renders the fragment again.
    ``entry``: the shared entry, if the caller has read it."""
    if entry is MISSING:
        entry = shared().get(key)
    if not (isinstance(entry, tuple) and len(entry) == 3):
        return None
    _versions, expires, value = entry
    return value if expires > time.time() else None


def fetch(
    key: str,
    render: Callable[[], str],
    *,
    tags: Iterable[str] = (),
    timeout: int | None = None,
    signed_in: bool = False,
    isolated: bool = False,
) -> tuple[str, dict[str, int], bool]:
    """(value, the tag versions it depends on, whether it is in the store): the stored value
    under ``key`` if what it shows is unchanged, else ``render()``, stored for next time
    unless it turned out personal.

    ``tags`` are what the fragment shows (the code it runs may add more); every fragment
    also depends on the site-wide tag. An ``isolated`` fragment's tags do not join the
    rendering around it (a page slot). Side effects: a shared read unless this process holds
    a current copy, and a write on a miss."""
    declared = {cache_tags.SITE, *tags}
    if enabled():
        found = peek(key)
        if found is not None:
            value, versions = found
            if not isolated:
                cache_tags.depends_on(*versions)
            return value, versions, True
    started = time.time_ns()
    with cache_tags.rendering(isolated=isolated) as frame:
        cache_tags.depends_on(*declared)
        value = render()
    versions = cache_tags.versions_as_of(frame.tags, started)
    if not enabled() or signed_in or frame.reader_specific:
        return value, versions, False
    if timeout is None:
        timeout = getattr(settings, "FRAGMENT_CACHE_TIMEOUT", 300)
    shared().set(key, (versions, time.time() + timeout, value), timeout)
    hints.put(key, versions)
    copies.put(key, (value, versions), tags=versions, max_age=timeout, size=_size(value))
    return value, versions, True


def get_or_render(key: str, render: Callable[[], Any], **options) -> Any:
    """``fetch`` for callers that only want the value (HTML, or any value that pickles)."""
    return fetch(key, render, **options)[0]
