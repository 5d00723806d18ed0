"""Each edition's home page: the site's root page for the default language, its live
translation for another. Read once per process until the tree or the edition changes."""

from __future__ import annotations

from django.conf import settings
from wagtail.models import Page

from masthead.caching import tags as cache_tags
from masthead.caching.kept import site_wide

from . import languages


def edition_home_id(site, language: str | None = None) -> int | None:
    """The id of the live home page of ``language``'s edition on ``site`` (None if it has
    none). No query for the default edition; one per process and edition otherwise."""
    language = language or languages.current()
    if language == languages.default_language() or not settings.WAGTAIL_I18N_ENABLED:
        return site.root_page_id

    def load():
        root = Page.objects.filter(pk=site.root_page_id).values_list("translation_key").first()
        if root is None:
            return 0
        found = (
            Page.objects.filter(translation_key=root[0], locale__language_code=language, live=True)
            .values_list("pk", flat=True)
            .first()
        )
        return found or 0

    found = site_wide.get_or_load(
        ("edition-home", site.pk, language),
        load,
        tags=[cache_tags.TREE, cache_tags.SITE, cache_tags.scoped(cache_tags.SITE, language)],
    )
    return found or None


def edition_home(site, language: str | None = None):
    """The edition's home page (specific), or None."""
    pk = edition_home_id(site, language)
    if pk is None:
        return None
    if pk == site.root_page_id and language in (None, languages.current()):
        return site.root_page.specific
    page = Page.objects.filter(pk=pk).first()
    return page.specific if page else None
