"""Editions in templates: the language switcher, hreflang links, the edition's home link."""

from __future__ import annotations

from django import template

from masthead.core import site_url

from .. import alternates as edition_alternates
from .. import languages

register = template.Library()


def _page(context):
    page = context.get("page")
    return page if getattr(page, "translation_key", None) else None


def _is_error_page(context) -> bool:
    # Django's 404 and 500 handlers render with these; an error has no other-language twin.
    return "request_path" in context or "exception" in context


@register.simple_tag
def edition_home() -> str:
    """``href="{% edition_home %}"``: the front page of the edition being served."""
    return languages.home_path()


@register.simple_tag
def edition_prefix() -> str:
    """ "" in the default edition, "/uk" in the Ukrainian one: for hand-written paths."""
    return languages.prefix()


class Switch:
    """The switcher's links, and a key naming them for the header's shared fragment."""

    def __init__(self, links):
        self.links = links
        self.key = "|".join(f"{link.language}={link.path}" for link in links)

    def __iter__(self):
        return iter(self.links)

    def __bool__(self):
        return bool(self.links)


@register.simple_tag(takes_context=True)
def edition_switch(context):
    """``{% edition_switch as switch %}``: the switcher's links (outside any fragment: they
    differ from page to page; ``switch.key`` names the header copy that shows them)."""
    request = context.get("request")
    if request is None:
        return Switch([])
    if _is_error_page(context):
        return Switch(edition_alternates.switcher(request, None, homes_only=True))
    return Switch(edition_alternates.switcher(request, _page(context)))


@register.inclusion_tag("editions/hreflang.html", takes_context=True)
def hreflang_links(context):
    """``<link rel="alternate" hreflang>`` for each edition's version of this page, and an
    ``x-default`` to the default edition's, all absolute on SITE_URL."""
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False) or _is_error_page(context):
        return {"links": []}
    found = edition_alternates.alternates(request, _page(context))
    if len(found) < 2 and languages.current() in found:
        # One edition only: nothing to point to (a page without translations still says
        # which language it is in <html lang>).
        return {"links": []}
    links = [(code, site_url.absolute_url(path)) for code, path in found.items()]
    default = found.get(languages.default_language())
    if default:
        links.append(("x-default", site_url.absolute_url(default)))
    return {"links": links}
