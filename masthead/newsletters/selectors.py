"""Reads used on public pages. The sign-up list is on every page (footer), so each process
keeps it until a newsletter changes (cache_rules.py bumps the site-wide tag)."""

from __future__ import annotations

from masthead.caching.kept import site_wide_value

from .models import Newsletter


def signup_newsletters() -> list[Newsletter]:
    """The edition's active newsletters in display order (default first among equals)."""
    return site_wide_value(
        "newsletters:signup-list",
        lambda: list(
            Newsletter.objects.active()
            .in_edition()
            .select_related("author")
            .order_by("sort_order", "-is_default", "name")
        ),
    )


def default_newsletter() -> Newsletter | None:
    newsletters = signup_newsletters()
    return next((n for n in newsletters if n.is_default), newsletters[0] if newsletters else None)
