"""Charts drawn as SVG by hand: a few hundred lines instead of a plotting library.

Why hand-written (measured on the 2-core machine, docs/subsystems/datadesk.md): a 1,000-point
line takes a few milliseconds here against about 30 ms in pygal, 60 ms in matplotlib (and
1.7 s to import it) and 450 ms the first time in Vega-Lite through vl-convert; and only here
do we decide every attribute that makes the chart accessible: ``role="img"``, the accessible
name from ``<title>`` and ``<desc>``, patterns as well as colours, text a phone can read.

Only presentation attributes are used, never ``style``: the site's Content-Security-Policy
forbids inline styles, and PNG rasterisers read attributes the same way browsers do.
"""

from __future__ import annotations

import datetime
from html import escape

from django.utils.translation import gettext, ngettext, pgettext

from . import scale
from .spec import BAR, BIG_NUMBER, LINE, STACKED_BAR, Chart, Series

# Narrow enough that 15-unit text is still about 10 px on a 360 px phone screen.
WIDTH = 560
HEIGHT = 340
BIG_HEIGHT = 200
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
TEXT = "#1a1a1a"
MUTED = "#595959"  # 7:1 on white
GRID = "#d9d9d9"
# The big number's sparkline shows the latest figures: this many.
SPARKLINE_POINTS = 90

# Okabe-Ito hues, those too light for a line on white darkened until they reach 3:1 (WCAG
# 1.4.11); each series also has its own dash pattern and marker, so no reader needs colour.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#A35F00", "#2E86C1", "#8A7A00"]
DASHES = ["", "7 4", "2 3", "10 3 2 3", "4 2", "1 3", "12 4", "6 2 2 2"]
MARKERS = ["circle", "square", "triangle", "diamond", "circle", "square", "triangle", "diamond"]


def colour(series: Series) -> str:
    return PALETTE[series.colour % len(PALETTE)]


def _style(series: Series) -> tuple[str, str, str]:
    slot = series.colour % len(PALETTE)
    return PALETTE[slot], DASHES[slot], MARKERS[slot]


def _n(value: float) -> str:
    """Coordinates to one decimal: a 1,000-point line stays small."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _marker(kind: str, x: float, y: float, fill: str, size: float = 4.0) -> str:
    if kind == "square":
        return (
            f'<rect x="{_n(x - size)}" y="{_n(y - size)}" width="{_n(size * 2)}" '
            f'height="{_n(size * 2)}" fill="{fill}"/>'
        )
    if kind == "triangle":
        top, base = _n(y - size * 1.2), _n(y + size)
        points = f"{_n(x)},{top} {_n(x - size)},{base} {_n(x + size)},{base}"
        return f'<polygon points="{points}" fill="{fill}"/>'
    if kind == "diamond":
        s = size * 1.2
        points = f"{_n(x)},{_n(y - s)} {_n(x + s)},{_n(y)} {_n(x)},{_n(y + s)} {_n(x - s)},{_n(y)}"
        return f'<polygon points="{points}" fill="{fill}"/>'
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(size)}" fill="{fill}"/>'


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: int = 15,
    anchor: str = "start",
    fill: str = MUTED,
    weight: str = "",
) -> str:
    bold = f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}"{bold}>{escape(text)}</text>'
    )


def _x_text(chart: Chart, x) -> str:
    return scale.format_date(x) if isinstance(x, datetime.date) else str(x)


def _unit(chart: Chart) -> str:
    units = {s.unit for s in chart.series if s.unit}
    return units.pop() if len(units) == 1 else ""


def summary(chart: Chart) -> str:
    """The text description: what the chart shows, in words a screen reader says."""
    forms = {
        LINE: gettext("Line chart"),
        BAR: gettext("Bar chart"),
        STACKED_BAR: gettext("Stacked bar chart"),
        BIG_NUMBER: pgettext("chart form", "Figure"),
    }
    form = forms.get(chart.form) or gettext("Chart")
    xs = chart.xs()
    parts = []
    if chart.description:
        parts.append(chart.description.rstrip(".") + ".")
    names = ", ".join(s.name for s in chart.series)
    if xs:
        values = {"form": form, "names": names, "count": len(xs)}
        if chart.dated:
            values.update(first=_x_text(chart, xs[0]), last=_x_text(chart, xs[-1]))
            text = ngettext(
                "%(form)s of %(names)s from %(first)s to %(last)s, %(count)d date.",
                "%(form)s of %(names)s from %(first)s to %(last)s, %(count)d dates.",
                len(xs),
            )
        else:
            text = ngettext(
                "%(form)s of %(names)s, %(count)d category.",
                "%(form)s of %(names)s, %(count)d categories.",
                len(xs),
            )
        parts.append(text % values)
    else:
        parts.append(
            gettext("%(form)s of %(names)s: no figures in this range.")
            % {"form": form, "names": names}
        )
    for series in chart.series:
        values = [(x, v) for x, v in series.points if v is not None]
        if not values:
            continue
        unit = f" {series.unit}" if series.unit else ""
        last_x, last = values[-1]
        high_x, high = max(values, key=lambda item: item[1])
        if chart.dated:
            parts.append(
                gettext(
                    "%(name)s: latest %(latest)s on %(latest_date)s; "
                    "highest %(highest)s on %(highest_date)s."
                )
                % {
                    "name": series.name,
                    "latest": f"{scale.format_number(last)}{unit}",
                    "latest_date": _x_text(chart, last_x),
                    "highest": f"{scale.format_number(high)}{unit}",
                    "highest_date": _x_text(chart, high_x),
                }
            )
        else:
            high_text = f"{scale.format_number(high)}{unit}"
            parts.append(
                gettext("%(name)s: highest %(category)s, %(highest)s.")
                % {"name": series.name, "category": _x_text(chart, high_x), "highest": high_text}
            )
    for note in chart.annotations:
        parts.append(
            gettext("Note at %(x)s: %(text)s") % {"x": _x_text(chart, note.x), "text": note.text}
        )
    if chart.illustrative:
        parts.append(gettext("Illustrative figures, not real data."))
    return " ".join(parts)


def render(chart: Chart, *, uid: str, heading: bool = False) -> str:
    """The chart as one ``<svg>`` element: scales to its container's width (``viewBox``),
    named by its ``<title>`` and described by its ``<desc>``. ``heading`` draws the title
    inside the picture too (PNG for email, where no page surrounds it)."""
    top = 34 if heading else 0
    height = (BIG_HEIGHT if chart.form == BIG_NUMBER else HEIGHT) + top
    # On a page the picture takes its column's width (viewBox, no fixed size: readable on a
    # phone); a standalone picture (PNG, a saved file) needs its size.
    size = f'width="{WIDTH}" height="{height}" ' if heading else ""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'{size}role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" class="chart__svg" '
        f'font-family="{escape(FONT)}" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{uid}-title">{escape(chart.title)}</title>',
        f'<desc id="{uid}-desc">{escape(summary(chart))}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    if heading:
        out.append(_text(8, 24, chart.title, size=18, fill=TEXT, weight="bold"))
    body = _big_number if chart.form == BIG_NUMBER else _xy
    out.append(f'<g transform="translate(0 {top})">' if top else "<g>")
    out.extend(body(chart))
    out.append("</g></svg>")
    return "".join(out)


# --- line and bar charts ------------------------------------------------------------------


def _legend(chart: Chart, y: float) -> list[str]:
    if len(chart.series) < 2 and chart.form == LINE:
        return []
    out, x = [], 8.0
    for series in chart.series:
        fill, dash, marker = _style(series)
        if chart.form == LINE:
            dashed = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<line x1="{_n(x)}" y1="{_n(y - 4)}" x2="{_n(x + 24)}" y2="{_n(y - 4)}" '
                f'stroke="{fill}" stroke-width="2.5"{dashed}/>'
            )
            out.append(_marker(marker, x + 12, y - 4, fill))
            x += 30
        else:
            out.append(f'<rect x="{_n(x)}" y="{_n(y - 11)}" width="14" height="14" fill="{fill}"/>')
            x += 20
        out.append(_text(x, y, series.name, fill=TEXT))
        x += 8.5 * len(series.name) + 18
    return out


def _y_domain(chart: Chart) -> tuple[float, float, float]:
    if chart.form == STACKED_BAR:
        lows, highs = [0.0], [0.0]
        for _, values in chart.rows():
            lows.append(sum(v for v in values if v is not None and v < 0))
            highs.append(sum(v for v in values if v is not None and v > 0))
        return scale.nice_domain(min(lows), max(highs))
    values = [v for s in chart.series for _, v in s.points if v is not None] or [0.0]
    return scale.nice_domain(min(values), max(values))


def _xy(chart: Chart) -> list[str]:
    legend = _legend(chart, 20)
    unit = _unit(chart)
    left, right, top, bottom = 64, WIDTH - 16, 38 if legend or unit else 16, HEIGHT - 34
    low, high, step = _y_domain(chart)
    y = scale.Linear((low, high), (bottom, top))
    out = list(legend)
    # Grid and y labels; the unit above them, where a reader looks for it.
    if unit:
        out.append(_text(right, 20, unit, size=15, anchor="end"))
    grid = []
    for value in scale.ticks(low, high, step):
        py = y(value)
        grid.append(f"M{left} {_n(py)}H{right}")
        out.append(
            _text(left - 6, py + 5, scale.format_number(value, compact=True), size=15, anchor="end")
        )
    out.insert(len(legend), f'<path d="{"".join(grid)}" stroke="{GRID}" stroke-width="1"/>')
    xs = chart.xs()
    if not xs:
        out.append(
            _text(
                (left + right) / 2,
                (top + bottom) / 2,
                gettext("No figures in this range"),
                anchor="middle",
            )
        )
        return out
    if chart.form == LINE and chart.dated:
        position, band = _date_positions(xs, left, right), 0.0
    else:
        band = (right - left) / len(xs)
        position = {x: left + band * (i + 0.5) for i, x in enumerate(xs)}
    out.extend(_x_axis(chart, xs, position, left, right, bottom))
    if chart.form == LINE:
        out.extend(_lines(chart, position, y))
    else:
        out.extend(_bars(chart, xs, position, band, y))
    out.append(f'<path d="M{left} {_n(y(0))}H{right}" stroke="{MUTED}" stroke-width="1"/>')
    out.extend(_annotations(chart, position, band, top, bottom, left, right))
    return out


def _date_positions(xs, left, right) -> dict:
    first, last = xs[0], xs[-1]
    days = (last - first).days or 1
    width = right - left
    return {x: left + width * (x - first).days / days for x in xs}


def _x_axis(chart, xs, position, left, right, bottom) -> list[str]:
    out = []
    if chart.dated:
        first, last = xs[0], xs[-1]
        for tick in scale.date_ticks(first, last):
            if tick < first or tick > last:
                continue
            px = position.get(tick)
            if px is None:  # a date with no row: place it between its neighbours
                days = (last - first).days or 1
                px = left + (right - left) * (tick - first).days / days
            out.append(f'<path d="M{_n(px)} {bottom}v5" stroke="{MUTED}"/>')
            out.append(
                _text(
                    px,
                    bottom + 22,
                    scale.format_tick_date(tick, first, last),
                    size=15,
                    anchor="middle",
                )
            )
        return out
    # Categories: every label that fits, at about 7 px a character.
    widest = max(len(str(x)) for x in xs) * 8.5 + 6
    every = max(1, int(widest // ((right - left) / len(xs))) + 1)
    for index, x in enumerate(xs):
        if index % every == 0:
            label = str(x) if len(str(x)) <= 24 else str(x)[:23] + "…"
            out.append(_text(position[x], bottom + 22, label, size=15, anchor="middle"))
    return out


def _lines(chart: Chart, position, y) -> list[str]:
    out = []
    for series in chart.series:
        fill, dash, marker = _style(series)
        commands, pen_up, last = [], True, None
        for x, value in series.points:
            px = position.get(x)
            if value is None or px is None:
                pen_up = True  # a gap in the figures is a gap in the line
                continue
            commands.append(f"{'M' if pen_up else 'L'}{_n(px)} {_n(y(value))}")
            pen_up, last = False, (px, y(value))
        if not commands:
            continue
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        # A long daily series drawn thick is a smudge; a short one drawn thin is hard to see.
        width = "2.5" if len(series.points) <= 200 else "1.5"
        out.append(
            f'<path d="{"".join(commands)}" fill="none" stroke="{fill}" stroke-width="{width}" '
            f'stroke-linejoin="round" stroke-linecap="round"{dashed}/>'
        )
        if len(series.points) <= 40:
            for x, value in series.points:
                if value is not None and x in position:
                    out.append(_marker(marker, position[x], y(value), fill, 3.5))
        elif last:
            out.append(_marker(marker, *last, fill))
    return out


def _bars(chart: Chart, xs, position, band, y) -> list[str]:
    out = []
    gap = min(band * 0.2, 8)
    inner = max(band - gap, 0.6)
    lookup = [dict(s.points) for s in chart.series]
    zero = y(0)
    each = inner if chart.form == STACKED_BAR else inner / max(len(chart.series), 1)
    # Bars too thin to show a gap (hundreds of days) are drawn as one path of vertical
    # strokes per series: a tenth of the size of one <rect> each, and as fast to draw.
    thin = each < 3
    spans: list[list[tuple[float, float, float]]] = [[] for _ in chart.series]
    if chart.form == STACKED_BAR:
        for x in xs:
            up, down = 0.0, 0.0
            for index, values in enumerate(lookup):
                value = values.get(x)
                if not value:
                    continue
                base = up if value > 0 else down
                if value > 0:
                    up += value
                else:
                    down += value
                spans[index].append((position[x] - inner / 2, y(base), y(base + value)))
    else:
        for index, values in enumerate(lookup):
            for x in xs:
                value = values.get(x)
                if value is not None:
                    spans[index].append((position[x] - inner / 2 + each * index, zero, y(value)))
    for series, found in zip(chart.series, spans, strict=True):
        fill = colour(series)
        if thin:
            d = "".join(f"M{_n(x + each / 2)} {_n(y0)}V{_n(y1)}" for x, y0, y1 in found)
            out.append(f'<path d="{d}" stroke="{fill}" stroke-width="{_n(max(each, 0.6))}"/>')
        else:
            out.extend(_bar(x, min(y0, y1), each, abs(y1 - y0), fill) for x, y0, y1 in found)
    return out


def _bar(x: float, y: float, width: float, height: float, fill: str) -> str:
    # A white edge keeps stacked and neighbouring bars apart for readers who cannot tell
    # their colours apart.
    edge = ' stroke="#ffffff" stroke-width="0.75"' if width > 3 else ""
    return (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{_n(height)}" '
        f'fill="{fill}"{edge}/>'
    )


def _annotations(chart, position, band, top, bottom, left, right) -> list[str]:
    out = []
    for number, note in enumerate(chart.annotations, start=1):
        px = position.get(note.x)
        if px is None and chart.dated and isinstance(note.x, datetime.date):
            xs = chart.xs()
            if not xs or not xs[0] <= note.x <= xs[-1]:
                continue
            days = (xs[-1] - xs[0]).days or 1
            px = left + (right - left) * (note.x - xs[0]).days / days
        if px is None:
            continue
        label = note.text if len(note.text) <= 36 else note.text[:35] + "…"
        anchor = "end" if px > left + (right - left) * 0.65 else "start"
        shift = -4 if anchor == "end" else 4
        ty = top + 14 + 18 * ((number - 1) % 3)
        out.append(
            f'<path d="M{_n(px)} {top}V{bottom}" stroke="{TEXT}" stroke-width="1" '
            f'stroke-dasharray="3 3"/>'
        )
        out.append(_text(px + shift, ty, f"{number}. {label}", size=14, anchor=anchor, fill=TEXT))
    return out


# --- big number -------------------------------------------------------------------------


def change(series: Series) -> dict | None:
    """The latest value of ``series``, the one before it and the difference."""
    values = [(x, v) for x, v in series.points if v is not None]
    if not values:
        return None
    latest_x, latest = values[-1]
    found = {
        "x": latest_x,
        "value": latest,
        "previous": None,
        "previous_x": None,
        "delta": None,
        "percent": None,
    }
    if len(values) > 1:
        previous_x, previous = values[-2]
        found.update(previous=previous, previous_x=previous_x, delta=latest - previous)
        if previous:
            found["percent"] = (latest - previous) / abs(previous) * 100
    return found


def change_text(chart: Chart, series: Series, found: dict) -> str:
    if found["delta"] is None:
        return gettext("No earlier figure to compare with")
    delta = found["delta"]
    if delta == 0:
        words = gettext("No change")
    else:
        amount = scale.format_number(abs(delta))
        if found["percent"] is not None:
            amount += f" ({scale.format_percent(abs(found['percent']))})"
        if delta > 0:
            words = "▲ " + gettext("Up %(amount)s") % {"amount": amount}
        else:
            words = "▼ " + gettext("Down %(amount)s") % {"amount": amount}
    since = _x_text(chart, found["previous_x"])
    return gettext("%(change)s from %(since)s") % {"change": words, "since": since}


def _big_number(chart: Chart) -> list[str]:
    if not chart.series or (found := change(chart.series[0])) is None:
        return [_text(24, 90, gettext("No figures in this range"), size=16)]
    series = chart.series[0]
    fill = colour(series)
    unit = f" {series.unit}" if series.unit else ""
    out = [
        _text(24, 40, f"{series.name}, {_x_text(chart, found['x'])}", size=17, fill=TEXT),
        _text(
            24, 112, scale.format_number(found["value"]) + unit, size=60, fill=TEXT, weight="bold"
        ),
        _text(24, 150, change_text(chart, series, found), size=19, fill=TEXT),
    ]
    values = [v for _, v in series.points if v is not None][-SPARKLINE_POINTS:]
    if len(values) > 1:  # a sparkline of the latest figures
        low, high = min(values), max(values)
        x = scale.Linear((0, len(values) - 1), (WIDTH - 150, WIDTH - 20))
        y = scale.Linear((low, high if high > low else low + 1), (150, 60))
        d = "".join(f"{'M' if i == 0 else 'L'}{_n(x(i))} {_n(y(v))}" for i, v in enumerate(values))
        out.append(f'<path d="{d}" fill="none" stroke="{fill}" stroke-width="2"/>')
        out.append(_marker("circle", x(len(values) - 1), y(values[-1]), fill))
    return out
