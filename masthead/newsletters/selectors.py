"""Reads used on public pages. The sign-up list is on every page (footer), so it is cached
and dropped whenever a newsletter changes (signal_handlers.py)."""

from __future__ import annotations

from django.core.cache import cache

from .models import Newsletter

SIGNUP_CACHE_KEY = "newsletters:signup-list:v1"


def signup_newsletters() -> list[Newsletter]:
    """Active newsletters in display order (default first among equals)."""
    newsletters = cache.get(SIGNUP_CACHE_KEY)
    if newsletters is None:
        newsletters = list(
            Newsletter.objects.active()
            .select_related("author")
            .order_by("sort_order", "-is_default", "name")
        )
        cache.set(SIGNUP_CACHE_KEY, newsletters, timeout=600)
    return newsletters


def default_newsletter() -> Newsletter | None:
    newsletters = signup_newsletters()
    return next((n for n in newsletters if n.is_default), newsletters[0] if newsletters else None)
