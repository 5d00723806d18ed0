"""Starting an edition: its Locale and its home page, the translation of the site's home."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale, Site

from . import languages


@transaction.atomic
def start_edition(language: str, *, site: Site | None = None, title: str = "", publish=True):
    """The home page of ``language``'s edition on ``site`` (the default site), made if
    missing: a translation of the site's root page (same translation key, under the same
    parent), so Wagtail routes ``/<language>/`` to it. Returns the (specific) home page.

    Side effects: may create a Locale and a page, and publish it (which purges that
    edition's caches)."""
    if language not in languages.languages():
        raise ValueError(f"{language!r} is not an edition (settings.LANGUAGES)")
    site = site or Site.objects.get(is_default_site=True)
    languages.ensure_locales()
    locale = Locale.objects.get(language_code=language)
    root = site.root_page.specific
    found = root.get_translation_or_none(locale)
    if found is None:
        found = root.copy_for_translation(locale, copy_parents=False, alias=False)
        if title:
            found.title = title
        found.save_revision()
    found = found.specific
    if publish and not found.live:
        found.get_latest_revision().publish()
        found.refresh_from_db()
    return found
