import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from masthead.core import l10n
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
    """A datetime in the newsroom's zone and the reader's language: 'January 10, 2025 2:39 AM'
    ('10 січня 2025, 02:39'), 'date' for the date alone, 'time' for '2:39 AM' (core/l10n.py)."""
    if not value:
        return ""
    local = localtime(value, _zone(context))
    if fmt == "time":
        return l10n.clock_text(local)
    if fmt == "date":
        return l10n.date_text(local)
    return l10n.datetime_text(local)


@register.simple_tag(takes_context=True)
def relative_time(context, value):
    """'5 minutes ago' in the reader's language, the date once a day has passed."""
    if not value:
        return ""
    return l10n.relative_time(localtime(value, _zone(context)))


@register.filter
def reading_time(minutes) -> str:
    """``{{ article.reading_minutes|reading_time }}``: '5 min read' / '5 хвилин читання'."""
    return l10n.reading_time(int(minutes or 0))


@register.filter
def figure_date(value, style: str = "long") -> str:
    """A date beside figures: ``{{ x|figure_date }}``, ``|figure_date:"day_month"``,
    ``|figure_date:"short"``, in the reader's language (core/l10n.py)."""
    if not value:
        return ""
    return l10n.figure_date(value, style)


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
