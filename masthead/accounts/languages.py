"""The edition language a reader uses, kept with what they sign up for so that mail sent later
(by a task, with no request) speaks the language of the edition they signed up in."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


def language_choices() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES]


def reader_language(code: str | None = None) -> str:
    """One of settings.LANGUAGES for `code` (default: the active language, which the URL
    chose); the site's default for anything else ("en-us" -> "en", "xx" -> "en")."""
    code = code or translation.get_language() or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return translation.get_supported_language_variant(settings.LANGUAGE_CODE)
