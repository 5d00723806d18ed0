import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from masthead.core.datetimes import iso_datetime as _iso_datetime
from masthead.core.models import NavigationSettings, SiteSettings

register = template.Library()

# JSON inside <script> must not be able to close the tag or open a comment.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data) -> str:
    """A schema.org block. Its type is data, not script, so the CSP allows it."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308 - escaped above


def _zone(context):
    request = context.get("request")
    return SiteSettings.for_request(request).zone if request else None


@register.simple_tag(takes_context=True)
def newsroom_time(context, value, fmt: str = "full"):
    """A datetime in the newsroom's zone: 'January 10, 2025 2:39 AM', or 'time' for '2:39 AM'."""
    if not value:
        return ""
    local = localtime(value, _zone(context))
    hour = local.strftime("%I").lstrip("0") or "12"
    clock = f"{hour}:{local:%M} {local:%p}"
    if fmt == "time":
        return clock
    if fmt == "date":
        return f"{local:%B} {local.day}, {local.year}"
    return f"{local:%B} {local.day}, {local.year} {clock}"


@register.filter
def iso_datetime(value) -> str:
    """The machine-readable form of a datetime for ``<time datetime>`` and meta tags:
    ``2026-12-01T22:52:11Z`` (``core/datetimes.py``). Use it instead of ``|iso_datetime``."""
    return _iso_datetime(value)


@register.simple_tag(takes_context=True)
def navigation(context):
    request = context.get("request")
    return NavigationSettings.for_request(request) if request else None


@register.filter
def link_href(link) -> str:
    page = link.get("page")
    return page.url if page else link.get("url", "")


@register.filter
def link_label(link) -> str:
    page = link.get("page")
    return link.get("label") or (page.title if page else "")
