"""Absolute URLs in templates, all from SITE_URL (`core/site_url.py`)."""

from django import template

from masthead.core import site_url

register = template.Library()


@register.filter
def absolute_url(url) -> str:
    """``{{ image.url|absolute_url }}``: a path made absolute on SITE_URL."""
    return site_url.absolute_url(str(url or ""))


@register.filter
def page_url(page) -> str:
    """``{{ page|page_url }}``: the page's public address on SITE_URL ("" for anything that
    is not a routable Wagtail page, as a failed lookup would give)."""
    if not hasattr(page, "get_url_parts"):
        return ""
    return site_url.page_url(page) or ""
