"""Who wants to hear what the caches do (the metrics in ``ops``): they subscribe here, so
the caching code never imports the app that watches it."""

from __future__ import annotations

from collections.abc import Callable

_page_cache_listeners: list[Callable[[str, float | None], None]] = []


def on_page_cache(listener: Callable[[str, float | None], None]) -> None:
    """Call ``listener(result, seconds)`` for each cacheable request: result is ``hit``,
    ``miss`` or ``bypass``; seconds is the time a hit took to answer."""
    if listener not in _page_cache_listeners:
        _page_cache_listeners.append(listener)


def page_cache(result: str, seconds: float | None = None) -> None:
    for listener in _page_cache_listeners:
        listener(result, seconds)
