"""Charts as pages, embeds and emails show them: read once, drawn once, cached until the
dataset changes.

Every rendering is kept in the shared store (``masthead.caching.fragments``) under the
chart's configuration, depending on the datasets' tag (``dataset_tag``): the data desk's
cache rules bump it on every change to a dataset, its series or its figures, so the
next reader gets the new chart and nobody gets an old one. Rendering declares the same tag
to whatever page or fragment is being rendered around it, so an article showing a chart is
purged with it.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from html import escape
from pathlib import Path

from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import get_language, gettext

from masthead.caching import fragments
from masthead.caching import tags as cache_tags

from . import scale, svg
from .config import ChartConfig
from .spec import BIG_NUMBER, Annotation, Chart, Series


def dataset_tag(pk: int) -> str:
    """The tag the data desk's cache rules bump when this dataset changes (today one tag for
    every dataset, ``cache_rules.DATASETS``; charts ask per dataset so that can change)."""
    from masthead.datadesk.cache_rules import DATASETS

    return DATASETS


def _timeout() -> int:
    # The tag, not the clock, ends a rendered chart's life; the timeout only frees space.
    return getattr(settings, "DATADESK_CHART_CACHE_SECONDS", 7 * 24 * 3600)


def uid_for(config: ChartConfig) -> str:
    return "chart-" + hashlib.blake2b(config.key().encode(), digest_size=5).hexdigest()


@dataclass(frozen=True)
class Built:
    chart: Chart
    source_name: str = ""
    source_url: str = ""
    dataset_title: str = ""


def build(config: ChartConfig, frame=None) -> Built | None:
    """The chart ``config`` asks for, read from its dataset (None if the dataset is gone),
    or drawn from ``frame`` (``data.Frame``) when the caller has already read the figures."""
    from masthead.datadesk.models import Dataset

    if frame is None:
        dataset = Dataset.objects.filter(pk=config.dataset_id).first()
        if dataset is None:
            return None
        frame = dataset.frame(
            series=list(config.series) or None,
            start=config.start if dataset.is_dated else None,
            end=config.end if dataset.is_dated else None,
        )
    dated = frame.is_dated
    series = [(one, one.points) for one in frame.series]
    if dated and config.last_days:
        latest = max((points[-1][0] for _, points in series if points), default=None)
        if latest is not None:
            first = latest - datetime.timedelta(days=config.last_days - 1)
            series = [(one, [p for p in points if p[0] >= first]) for one, points in series]
    if config.form == BIG_NUMBER:
        # What it draws is the latest figures (its sparkline): its table holds those.
        series = [(one, points[-svg.SPARKLINE_POINTS :]) for one, points in series]
    chart = Chart(
        form=config.form,
        title=config.title or frame.title,
        description=config.description,
        series=tuple(
            Series(name=one.name, unit=one.unit, colour=one.colour, points=tuple(points))
            for one, points in series
        ),
        annotations=tuple(Annotation(day, text) for day, text in config.annotations)
        if dated
        else (),
        dated=dated,
        x_label=frame.x_label or ("Date" if dated else "Category"),
        source=frame.source_name,
        illustrative=frame.illustrative,
    )
    return Built(chart, frame.source_name, frame.source_url, frame.title)


def table_html(chart: Chart) -> str:
    """The figures as a table (inside "Show data"): what the picture shows, for screen
    readers, for copying, and for anyone who cannot see the lines."""
    head = "".join(
        f'<th scope="col">{escape(s.name)}{f" ({escape(s.unit)})" if s.unit else ""}</th>'
        for s in chart.series
    )
    rows = []
    number = scale.format_number
    # Plain text cells: a 1,000-row table is most of a chart's HTML, so no markup it can spare.
    for x, values in chart.rows():
        label = scale.format_date(x) if isinstance(x, datetime.date) else escape(str(x))
        cells = "".join([f"<td>{number(v)}</td>" for v in values])
        rows.append(f'<tr><th scope="row">{label}</th>{cells}</tr>')
    return (
        f'<table class="chart__table"><caption>{escape(chart.title)}</caption>'
        f'<thead><tr><th scope="col">{escape(chart.x_label.capitalize())}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _figure(config: ChartConfig, frame=None) -> str:
    built = build(config, frame)
    if built is None:
        missing = escape(gettext("This chart is no longer available."))
        return f'<p class="chart chart--missing">{missing}</p>'
    chart, uid = built.chart, uid_for(config)
    parts = [
        f'<figure class="chart chart--{chart.form}" id="{uid}" data-chart '
        f'data-load-script="{escape(static("datadesk/chart.js"))}" data-load-when="visible">',
        f'<figcaption class="chart__title">{escape(chart.title)}</figcaption>',
        svg.render(chart, uid=uid),
    ]
    if chart.annotations:
        notes = "".join(
            f'<li><time datetime="{n.x.isoformat()}">{scale.format_date(n.x)}</time>: '
            f"{escape(n.text)}</li>"
            for n in chart.annotations
        )
        parts.append(f'<ol class="chart__notes">{notes}</ol>')
    if chart.illustrative:
        illustrative = escape(gettext("Illustrative figures, not real data."))
        parts.append(f'<p class="chart__illustrative">{illustrative}</p>')
    if built.source_name:
        source = escape(built.source_name)
        if built.source_url.startswith(("https://", "http://")):
            source = f'<a href="{escape(built.source_url)}">{source}</a>'
        parts.append(f'<p class="chart__source">{escape(gettext("Source:"))} {source}</p>')
    if chart.form != BIG_NUMBER or chart.series:
        table = table_html(chart)
        show = escape(gettext("Show data"))
        parts.append(f'<details class="chart__data"><summary>{show}</summary>{table}</details>')
    parts.append("</figure>")
    return "".join(parts)


def figure_html(config: ChartConfig, frame=None) -> str:
    """The chart as HTML: picture, notes, source and its "Show data" table. Cached until the
    dataset changes. ``frame``: the figures ``config`` selects, when the caller has them.
    Side effects: a shared read; a write (and the dataset's queries) on a miss."""
    cache_tags.depends_on(dataset_tag(config.dataset_id))
    return fragments.get_or_render(
        # Its words, dates and numbers are in the reader's language: one copy per language.
        fragments.key_for("chart", config.key(), get_language()),
        lambda: _figure(config, frame),
        tags=[dataset_tag(config.dataset_id)],
        timeout=_timeout(),
    )


def svg_text(config: ChartConfig, *, heading: bool = False) -> str | None:
    built = build(config)
    return svg.render(built.chart, uid=uid_for(config), heading=heading) if built else None


# Fonts for PNGs: the same on every machine (Debian's fonts-dejavu-core), and loading two
# files is much faster than scanning every system font on each rendering.
FONT_FILES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
]


def svg_to_png(markup: str, *, zoom: float = 2.0) -> bytes:
    """A PNG of ``markup`` (resvg: a Rust library in the wheel, no system library needed)."""
    import resvg_py

    fonts = [path for path in FONT_FILES if Path(path).exists()]
    options = {"skip_system_fonts": True, "font_files": fonts} if fonts else {}
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=markup,
            zoom=zoom,
            background="#ffffff",
            sans_serif_family="DejaVu Sans",
            **options,
        )
    )


def png(config: ChartConfig) -> bytes | None:
    """The chart as a PNG with its title drawn in (email clients do not show SVG), drawn by
    the same code as the SVG on the page. Cached until the dataset changes."""
    cache_tags.depends_on(dataset_tag(config.dataset_id))

    def draw() -> bytes | None:
        markup = svg_text(config, heading=True)
        return svg_to_png(markup) if markup else None

    return fragments.get_or_render(
        fragments.key_for("chart-png", config.key(), get_language()),
        draw,
        tags=[dataset_tag(config.dataset_id)],
        timeout=_timeout(),
    )


def email_images(blocks) -> list[dict]:
    """The charts among ``blocks`` (an article's body) as images for an email: the PNG's
    absolute address, its size and a text alternative. Email clients show no SVG."""
    from django.urls import reverse

    from masthead.core.site_url import absolute_url

    images = []
    for block in blocks:
        if block.block_type != "chart":
            continue
        config = block.block.config(block.value)
        built = build(config) if config else None
        if built is None:
            continue
        path = reverse("datadesk_chart_png", kwargs={"dataset_id": config.dataset_id})
        height = svg.BIG_HEIGHT if config.form == BIG_NUMBER else svg.HEIGHT
        images.append(
            {
                "src": absolute_url(f"{path}?{config.query()}"),
                "alt": f"{built.chart.title}. {svg.summary(built.chart)}",
                "width": svg.WIDTH,
                "height": height + 34,
            }
        )
    return images
