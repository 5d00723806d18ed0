"""Wagtail's view restrictions (private pages) without a query on every page view.

Wagtail asks the database for the restrictions above a page each time it serves one (two
queries) and again for every listing filtered with ``public()`` (one each). A newsroom has a
handful of restricted pages, usually none, and changes them rarely: the paths of the
restricted pages are kept in each process (``kept.py``) until a restriction is saved or
deleted, which bumps the site-wide tag (``core/cache_rules.py``) and so also drops every
stored page and fragment that might show a page that has just become private.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.query import PageQuerySet as WagtailPageQuerySet

from .kept import site_wide_value


def restricted_paths() -> list[str]:
    """The tree paths of the pages that carry a view restriction (their subtrees are private)."""
    from wagtail.models import PageViewRestriction

    return site_wide_value(
        "view-restriction-paths",
        lambda: sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))),
    )


class PageQuerySet(WagtailPageQuerySet):
    def private_q(self):
        # Wagtail's own private_q, from the kept paths instead of a query.
        q = Q()
        for path in restricted_paths():
            q |= Q(path__startswith=path)
        return q if q else Q(pk__in=[])

    def public(self):
        # With no restricted page (the usual case) there is nothing to exclude: skip the
        # exclude clause, which costs a clone and a query build on every listing.
        return self.exclude(self.private_q()) if restricted_paths() else self.all()

    def not_public(self):
        return self.filter(self.private_q()) if restricted_paths() else self.none()

    private = not_public
