"""Copies kept in one server process's memory: the only per-process cache in Masthead.

Reading a page, a fragment or the site's settings from the shared store (or the database)
costs a round trip and an unpickle; a copy here costs a dict lookup. Every copy is kept with
the versions its tags had when it was made, and is used only while they still hold
(``tags.versions``, read through a short memo that Redis announcements keep current), so a
purge reaches the copies as fast as the shared entries. Each store is bounded in items and
bytes (the oldest copy goes first) and in age, so a lost purge cannot keep a copy for long.
"""

from __future__ import annotations

import pickle
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from . import tags as cache_tags

MISSING = object()

_all: weakref.WeakSet[ProcessCopies] = weakref.WeakSet()


class ProcessCopies:
    """A bounded store of values this process has read, each valid while its tags hold.

    ``pickled`` copies are kept as bytes and unpickled for each caller, so nothing one
    request changes on an object (a page, a settings row) reaches another. ``max_age`` and
    ``max_bytes`` may be callables reading the settings, so tests can change them."""

    def __init__(
        self,
        name: str,
        *,
        max_bytes: int | Callable[[], int],
        max_age: float | Callable[[], float],
        max_items: int = 100_000,
        pickled: bool = False,
    ):
        self.name = name
        self._max_bytes = max_bytes
        self._max_age = max_age
        self.max_items = max_items
        self.pickled = pickled
        # key -> (monotonic expiry, {tag: version}, value, size)
        self._copies: OrderedDict[Any, tuple[float, dict[str, int], Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        _all.add(self)

    @property
    def max_bytes(self) -> int:
        return self._max_bytes() if callable(self._max_bytes) else self._max_bytes

    @property
    def max_age(self) -> float:
        return self._max_age() if callable(self._max_age) else self._max_age

    def enabled(self) -> bool:
        return self.max_bytes > 0 and self.max_age > 0

    def get(self, key: Any, current: dict[str, int] | None = None) -> Any:
        """The value kept for ``key`` if its tags still hold, else MISSING. ``current``:
        versions the caller has just read, used for the tags they cover."""
        found = self._copies.get(key)
        if found is None:
            return MISSING
        expires, versions, value, _ = found
        if current is None or not versions.keys() <= current.keys():
            current = cache_tags.versions(versions)
        if expires <= time.monotonic() or any(current[t] != v for t, v in versions.items()):
            self.drop(key)
            return MISSING
        if self.pickled:
            return pickle.loads(value)  # noqa: S301 - bytes this process pickled itself
        return value

    def put(
        self,
        key: Any,
        value: Any,
        *,
        tags: Iterable[str] | dict[str, int],
        max_age: float | None = None,
        size: int | None = None,
    ) -> None:
        """Keep ``value`` under ``key`` while ``tags`` hold (pass the versions read before
        the value was made, so a purge made meanwhile is not missed), for ``max_age``
        seconds at most (never longer than the store's own)."""
        if not self.enabled():
            return
        versions = tags if isinstance(tags, dict) else cache_tags.versions(tags)
        if self.pickled:
            value = pickle.dumps(value)
            size = len(value)
        elif size is None:
            size = len(value) if isinstance(value, str | bytes) else 256
        limit = self.max_bytes
        if size > limit:
            return
        age = self.max_age if max_age is None else min(max_age, self.max_age)
        if age <= 0:
            return
        with self._lock:
            old = self._copies.pop(key, None)
            if old is not None:
                self._bytes -= old[3]
            self._copies[key] = (time.monotonic() + age, dict(versions), value, size)
            self._bytes += size
            self._shrink(limit)

    def grow(self, key: Any, value: Any, extra: int) -> None:
        """``value``, kept under ``key``, now holds ``extra`` more bytes (another encoding of a
        page): count them against the bound."""
        with self._lock:
            found = self._copies.get(key)
            if found is None or found[2] is not value:
                return  # dropped or replaced meanwhile
            self._copies[key] = (*found[:3], found[3] + extra)
            self._bytes += extra
            self._shrink(self.max_bytes)

    def _shrink(self, limit: int) -> None:
        """Drop the oldest copies until the store is within its bounds (lock held)."""
        while self._copies and (self._bytes > limit or len(self._copies) > self.max_items):
            _, dropped = self._copies.popitem(last=False)
            self._bytes -= dropped[3]

    def get_or_load(self, key: Any, load: Callable[[], Any], *, tags: Iterable[str]) -> Any:
        """``load()``'s answer, kept until ``tags`` move. Disabled (a size or age of 0),
        it simply calls ``load()``."""
        value = self.get(key)
        if value is MISSING:
            versions = cache_tags.versions(tags)
            value = load()
            self.put(key, value, tags=versions)
        return value

    def tags_of(self, key: Any) -> tuple[str, ...] | None:
        """The tags the copy under ``key`` depends on (None if none is kept), unchecked: what
        to read to check it."""
        found = self._copies.get(key)
        return None if found is None else tuple(found[1])

    def unchecked(self, key: Any) -> Any:
        """The value kept under ``key`` (MISSING if none), without checking its tags: to
        learn what else to read with them. Not for a pickled store."""
        found = self._copies.get(key)
        return MISSING if found is None else found[2]

    def drop(self, key: Any) -> None:
        with self._lock:
            found = self._copies.pop(key, None)
            if found is not None:
                self._bytes -= found[3]

    def clear(self, **kwargs) -> None:
        """Drop every copy (usable as a signal receiver)."""
        with self._lock:
            self._copies.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._copies)

    @property
    def size(self) -> int:
        return self._bytes


class Hints:
    """What this process last saw a key depend on (names: tags, slots), so the next read of
    it can ask for them in the same round trip. Only a guess: a reader checks what it read
    and asks again for whatever the guess left out. Bounded like the tag memo."""

    LIMIT = cache_tags.MEMO_LIMIT

    def __init__(self):
        self._names: dict[Any, tuple[str, ...]] = {}
        _all_hints.add(self)

    def get(self, key: Any) -> tuple[str, ...]:
        return self._names.get(key, ())

    def put(self, key: Any, names: Iterable[str]) -> None:
        if len(self._names) > self.LIMIT:
            self._names.clear()
        self._names[key] = tuple(names)

    def clear(self) -> None:
        self._names.clear()


_all_hints: weakref.WeakSet[Hints] = weakref.WeakSet()


def clear_all() -> None:
    """Drop every copy this process keeps, in every store (the shared store was cleared)."""
    for store in [*_all, *_all_hints]:
        store.clear()
    cache_tags.forget_memo()
