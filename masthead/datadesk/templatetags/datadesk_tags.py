"""``{% figures_box tracker %}``: a tracker's latest figures, for article bodies and rails;
``{% rail_figures_box %}``: the box of the tracker chosen for every article's rail."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.translation import gettext, pgettext

from masthead.caching import tags as cache_tags

from ..cache_rules import DATASETS
from ..models import TrackerPage, plain_number, summarise

register = template.Library()


@register.filter
def figure(value) -> str:
    """1234567.5 -> "1,234,567.5" (no exponent, no trailing zeros); in Ukrainian
    "1 234 567,5": each language names its own separators."""
    text = plain_number(value)
    if not text:
        return ""
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    # Translators: the separator between thousands in a figure (a no-break space in Ukrainian).
    whole = f"{int(whole):,}".replace(",", pgettext("thousands separator", ","))
    # Translators: the decimal separator in a figure.
    point = pgettext("decimal separator", ".")
    return sign + whole + (f"{point}{fraction}" if fraction else "")


@register.filter
def signed_figure(value) -> str:
    """A change: "+12", "−3" (a real minus sign), "no change"."""
    if value is None:
        return ""
    if value == 0:
        return gettext("no change")
    return ("+" if value > 0 else "\u2212") + figure(abs(value))


def figures_box_html(tracker, *, heading: str = "", request=None, place: str = "body") -> str:
    cache_tags.depends_on(DATASETS)
    if tracker is None:
        return ""
    tracker = tracker.specific if hasattr(tracker, "specific") else tracker
    if not isinstance(tracker, TrackerPage) or not tracker.live or tracker.dataset is None:
        return ""
    cache_tags.depends_on(cache_tags.page(tracker.pk))
    frame = tracker.dataset.frame()
    return render_to_string(
        "datadesk/components/figures_box.html",
        {
            "tracker": tracker,
            "dataset": tracker.dataset,
            "frame": frame,
            "summary": summarise(frame),
            "heading": heading or tracker.title,
            "place": place,
        },
        request=request,
    )


@register.simple_tag(takes_context=True)
def figures_box(context, tracker, heading: str = "", place: str = "body"):
    return figures_box_html(tracker, heading=heading, request=context.get("request"), place=place)


@register.simple_tag(takes_context=True)
def rail_figures_box(context):
    """The figures box of the latest-updated live tracker chosen for the article rail."""
    cache_tags.depends_on(DATASETS, cache_tags.SITE)
    tracker = (
        TrackerPage.objects.live()
        .filter(in_article_rail=True, dataset__isnull=False)
        .select_related("dataset")
        .order_by("-dataset__updated_at")
        .first()
    )
    return figures_box_html(tracker, request=context.get("request"), place="rail")
