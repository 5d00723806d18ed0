"""Counters in the shared store: rate limits and failure counts that hold across every
server process (one process's memory would let each process count on its own)."""

from __future__ import annotations

from .store import shared

PREFIX = "limit:"


def count(key: str, *, window: int) -> int:
    """Add one to the counter ``key`` and return its value; a counter starts again at 1
    ``window`` seconds after its first count. Side effects: an atomic shared increment."""
    store = shared()
    name = PREFIX + key
    store.add(name, 0, window)
    try:
        return store.incr(name)
    except ValueError:  # expired between add and incr
        store.set(name, 1, window)
        return 1


def allow(key: str, *, limit: int, window: int) -> bool:
    """Count one action under ``key``; True while at most ``limit`` happened in the window."""
    return count(key, window=window) <= limit


def reset(key: str) -> None:
    shared().delete(PREFIX + key)
