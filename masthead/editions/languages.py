"""The editions: one per content language, the default one at the site's root and each
other under ``/<language>/``. The language of a request is the one its URL names
(``middleware.py``), active as Django's current language for the whole request."""

from __future__ import annotations

import contextvars
import re

from django.conf import settings
from django.utils import translation

from masthead.caching.kept import site_wide_value


def default_language() -> str:
    return settings.LANGUAGE_CODE


def languages() -> list[str]:
    """Every edition's language code, the default first."""
    codes = [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]
    return [default_language(), *(code for code in codes if code != default_language())]


def language_name(code: str) -> str:
    return dict(settings.WAGTAIL_CONTENT_LANGUAGES).get(code, code)


# The edition whose settings an editor is changing in the admin (set by the middleware on
# the settings screens, where the active language is the editor's own admin language).
editing: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "masthead_editing_edition", default=None
)


def current() -> str:
    """The edition being served (or worked on): the active language if it is an edition's,
    else the default."""
    if editing.get():
        return editing.get()
    active = (translation.get_language() or "").lower()
    if active in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        return active
    base = active.split("-")[0]
    return base if base in dict(settings.WAGTAIL_CONTENT_LANGUAGES) else default_language()


def is_default(language: str | None = None) -> bool:
    return (language or current()) == default_language()


def prefix(language: str | None = None) -> str:
    """The path prefix of an edition: "" for the default one, "/uk" for Ukrainian."""
    language = language or current()
    return "" if language == default_language() else f"/{language}"


def home_path(language: str | None = None) -> str:
    return prefix(language) + "/"


_PATH_LANGUAGE = re.compile(r"^/([a-z]{2,3}(?:-[a-z0-9]{1,8})?)(?:/|$)")


def language_from_path(path: str) -> str:
    """The edition a URL path belongs to: its first segment if it names a non-default
    edition, else the default. Nothing else is consulted."""
    match = _PATH_LANGUAGE.match(path.lower())
    if match and match.group(1) in languages() and match.group(1) != default_language():
        return match.group(1)
    return default_language()


def _locale_ids() -> dict[str, int]:
    from wagtail.models import Locale

    return dict(Locale.objects.values_list("language_code", "pk"))


def locale_id(language: str | None = None) -> int | None:
    """The Wagtail Locale id of an edition, read once per process (until the site tag moves)."""
    language = language or current()
    ids = site_wide_value(("editions", "locale-ids"), _locale_ids)
    if language not in ids:  # a Locale made since this process read them: ask once more
        ids = _locale_ids()
    return ids.get(language)


def language_of_locale(locale_id_: int | None) -> str | None:
    if locale_id_ is None:
        return None
    ids = site_wide_value(("editions", "locale-ids"), _locale_ids)
    for language, pk in ids.items():
        if pk == locale_id_:
            return language
    from wagtail.models import Locale

    found = Locale.objects.filter(pk=locale_id_).values_list("language_code", flat=True).first()
    return found


def language_of(obj) -> str | None:
    """The edition an object belongs to (a page, a translatable snippet or setting), or None
    for what every edition shares."""
    locale_pk = getattr(obj, "locale_id", None)
    return language_of_locale(locale_pk) if locale_pk else None


def ensure_locales() -> None:
    """A Locale row for each edition; an old "en-us" row becomes "en" when "en" is the
    default (pages keep their locale: the row is renamed, not replaced)."""
    from wagtail.models import Locale

    existing = set(Locale.objects.values_list("language_code", flat=True))
    for code in languages():
        if code in existing:
            continue
        variants = [
            other for other in existing if other.split("-")[0] == code and other not in languages()
        ]
        if variants:
            Locale.objects.filter(language_code=variants[0]).update(language_code=code)
            existing.discard(variants[0])
        else:
            Locale.objects.create(language_code=code)
        existing.add(code)
