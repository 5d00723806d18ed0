"""Purge tags: named versions in the shared store that cached things depend on.

Everything cached (a stored page, a fragment, a per-process copy) is kept with the versions
of the tags it depends on at the time it was made; bumping a tag makes every such thing a
miss at once, in every process, without listing or scanning anything. Which tags a change
bumps is declared by each app in its ``cache_rules.py`` (``registry.py``).

While a page or fragment is rendered, the code that reads something declares the tags it
depends on with ``depends_on``; the page cache stores the page with all of them.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from . import announce
from .store import shared

PREFIX = "tag:"

# What is on every page: site settings, navigation, promotions, sign-up forms, the Site rows,
# view restrictions, and any page but an article (its title may be in the navigation).
SITE = "site"
# Lists of articles: the front page, sections, tags, authors, "latest" rails, feeds, sitemaps.
LISTING = "listing"
# The news feed: its items and the articles shown in it.
FEED = "feed"
# Bylines and author boxes.
PEOPLE = "people"
# The URL tree: a page moved or deleted changes which page answers a path.
TREE = "tree"


# Tags each edition (language) has its own copy of: publishing a Ukrainian story makes the
# Ukrainian lists a miss and leaves the English ones stored. The default language keeps the
# plain name ("listing"); another edition's is "listing@uk". Page, path, tree and people tags
# are shared: a page id names one page in one language already.
EDITION_SCOPED = frozenset({SITE, LISTING, FEED})


def _active_language() -> str | None:
    from django.utils import translation

    return translation.get_language()


def scoped(tag: str, language: str | None = None) -> str:
    """``tag`` as the edition of ``language`` (default: the active one) knows it."""
    if tag not in EDITION_SCOPED:
        return tag
    language = (language or _active_language() or settings.LANGUAGE_CODE).lower()
    if language == settings.LANGUAGE_CODE or language.split("-")[0] == settings.LANGUAGE_CODE:
        return tag
    return f"{tag}@{language}"


def page(pk: int) -> str:
    """One page: its own content, whatever type it is."""
    return f"page:{pk}"


def path(url_path: str) -> str:
    """What is stored for one URL path (pages outside the Wagtail tree, edge purges)."""
    return f"path:{url_path}"


# --- versions ---------------------------------------------------------------------------

# Versions read from the shared store are remembered in this process for a moment
# (CACHE_TAG_MEMO_SECONDS), so a cache hit costs at most one shared read. A bump made here is
# seen here at once; one made by another process as soon as it is announced (Redis: see
# announce.py), else within the memo time.
_memo: dict[str, tuple[float, int]] = {}
MEMO_LIMIT = 50_000


def memo_seconds() -> float:
    return getattr(settings, "CACHE_TAG_MEMO_SECONDS", 0.5)


def _memo_ttl() -> float:
    """How long a version read now may be trusted here: on Redis, while this process hears
    every bump (announce.py), until a bump's announcement drops it, bounded by
    CACHE_TAG_MEMO_SECONDS_ANNOUNCED (a message lost without the connection dropping);
    on Redis while not hearing them, not at all; with diskcache, CACHE_TAG_MEMO_SECONDS."""
    heard = announce.announced()
    if heard is None:
        return memo_seconds()
    if heard:
        return getattr(settings, "CACHE_TAG_MEMO_SECONDS_ANNOUNCED", 10.0)
    return 0


def versions(tags: Iterable[str]) -> dict[str, int]:
    """Current version of each tag (0 when never bumped). At most one shared read."""
    return read((), tags)[1]


def read(keys: Iterable[str], tags: Iterable[str]) -> tuple[dict[str, Any], dict[str, int]]:
    """(the values stored under ``keys``, the current version of each of ``tags``), in one
    shared read (a single ``get_many``: one MGET on Redis) for whatever is not memoised,
    none when nothing is. A hit reads what it serves and the versions that say whether it
    may be served together, so it costs one round trip, not one per key."""
    ttl = _memo_ttl()
    now = time.monotonic()
    found, missing = {}, []
    for tag in tags:
        memo = _memo.get(tag)
        if memo is not None and memo[0] > now:
            found[tag] = memo[1]
        else:
            missing.append(tag)
    keys = list(dict.fromkeys(keys))
    if not (keys or missing):
        return {}, found
    if len(_memo) > MEMO_LIMIT:  # one tag per stored page: bound it on a long-lived process
        _memo.clear()
    heard = announce.generation
    read = shared().get_many([*keys, *(PREFIX + tag for tag in missing)])
    # A bump announced while reading may be older than what was read: do not keep it.
    keep = ttl and heard == announce.generation
    for tag in missing:
        found[tag] = int(read.get(PREFIX + tag, 0))
        if keep:
            _memo[tag] = (now + ttl, found[tag])
    return {key: read[key] for key in keys if key in read}, found


def versions_as_of(tags: Iterable[str], started_ns: int) -> dict[str, int]:
    """Versions to store with something whose making began at ``started_ns``: a tag bumped
    since then is recorded as older than it is, so what was made from the data before the
    bump is already stale, instead of looking current."""
    return as_of(versions(tags), started_ns)


def as_of(current: dict[str, int], started_ns: int) -> dict[str, int]:
    """``versions_as_of`` for versions the caller has read already."""
    return {
        tag: version if version < started_ns else started_ns - 1 for tag, version in current.items()
    }


def bump(tags: Iterable[str]) -> None:
    """Make everything that depends on any of ``tags`` a miss, in every process.

    Side effects: one shared write per call (and an announcement on Redis). Versions are
    times in nanoseconds, so a version lost with a restarted store cannot come back and match
    something stored before."""
    tags = list(dict.fromkeys(tags))
    if not tags:
        return
    now = time.time_ns()
    forget(tags)
    shared().set_many({PREFIX + tag: now for tag in tags}, timeout=None)
    announce.announce(tags)


def forget_memo() -> None:
    """Read every version afresh (the shared store was cleared)."""
    _memo.clear()


def forget(tags: Iterable[str]) -> None:
    """Read these tags' versions afresh (another process bumped them)."""
    for tag in tags:
        _memo.pop(tag, None)


# --- what a rendering depends on --------------------------------------------------------


@dataclass
class Frame:
    """What one rendering (a page, or a fragment inside it) has read so far."""

    tags: set[str] = field(default_factory=set)
    # Something in it depends on who is reading (the paywall rule, a signed-in reader's
    # name): it may never be shared between readers.
    reader_specific: bool = False


_frames: contextvars.ContextVar[list[Frame] | None] = contextvars.ContextVar(
    "masthead_cache_frames", default=None
)


def depends_on(*tags: str) -> None:
    """Declare that what is being rendered now shows data these tags cover."""
    frames = _frames.get()
    if frames:
        frames[-1].tags.update(scoped(tag) for tag in tags)


def depends_on_every_edition(*tags: str) -> None:
    """Declare tags as every edition knows them: for what lists all languages at once (the
    content API)."""
    from django.conf import settings as django_settings

    codes = [code for code, _ in django_settings.WAGTAIL_CONTENT_LANGUAGES]
    frames = _frames.get()
    if frames:
        frames[-1].tags.update(scoped(tag, code) for tag in tags for code in codes)


def reader_specific() -> None:
    """Declare that what is being rendered now depends on who reads it: no fragment around
    it, and no page holding it, may be stored for others."""
    for frame in _frames.get() or ():
        frame.reader_specific = True


@contextmanager
def apart() -> Iterator[None]:
    """A rendering of its own inside another (a page rendered after a change, during the
    request that made it): what it reads joins nothing around it."""
    token = _frames.set(None)
    try:
        yield
    finally:
        _frames.reset(token)


@contextmanager
def rendering(*, isolated: bool = False) -> Iterator[Frame]:
    """Collect the tags of one rendering. A frame's tags join the frame around it when it
    ends, unless ``isolated`` (a slot filled afresh on every hit, page.py)."""
    frames = _frames.get()
    token = None
    if frames is None:
        frames = []
        token = _frames.set(frames)
    frame = Frame()
    frames.append(frame)
    try:
        yield frame
    finally:
        frames.pop()
        if frames and not isolated:
            frames[-1].tags |= frame.tags
        if token is not None:
            _frames.reset(token)
