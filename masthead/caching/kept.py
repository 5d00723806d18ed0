"""Rows every page view reads and that change rarely, kept in each process (``local.py``):
the site's settings, its Site rows, the list of private pages. Each is kept until the
site-wide tag moves (saving a setting, a Site or a view restriction bumps it) and for
SITE_MEMO_SECONDS at most, in case a purge was lost."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings

from . import tags as cache_tags
from .local import ProcessCopies


def _seconds() -> float:
    return getattr(settings, "SITE_MEMO_SECONDS", 60)


site_wide = ProcessCopies(
    "site-wide", max_bytes=lambda: 4 * 1024 * 1024 if _seconds() else 0, max_age=_seconds,
    max_items=1000, pickled=True,
)  # fmt: skip


def site_wide_value(key: Any, load: Callable[[], Any]) -> Any:
    """``load()``'s answer, read once per process until site-wide content changes; a fresh
    copy for each caller. Kept per edition (the active language): an edition's navigation,
    promotions and sign-up list are its own, and so is its site tag."""
    from django.utils import translation

    language = translation.get_language() or settings.LANGUAGE_CODE
    return site_wide.get_or_load(
        (language, key), load, tags=[cache_tags.scoped(cache_tags.SITE, language)]
    )
