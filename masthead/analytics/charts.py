"""Small server-rendered SVG charts (horizontal bars and a line), drawn from the same rows as
the table beside them. Each mark carries its number (data-value and a <title>), so a screen
reader, a test or a curious editor can read the chart without the table."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 560
BAR = 22
GAP = 6
LABEL = 180


def _svg(height: int, body: str, title: str) -> SafeString:
    return mark_safe(  # noqa: S308 - every text below is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="analytics-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>{body}</svg>'
    )


def bar_chart(points: list[tuple[str, int]], *, title: str) -> SafeString:
    """One horizontal bar per (label, value), longest for the largest value."""
    top = max((value for _, value in points), default=0) or 1
    span = WIDTH - LABEL - 60
    parts = []
    for index, (label, value) in enumerate(points):
        y = index * (BAR + GAP)
        length = round(span * value / top, 1)
        short = label if len(label) <= 28 else label[:27] + "…"
        parts.append(
            f'<g class="bar"><text x="{LABEL - 6}" y="{y + 15}" text-anchor="end" '
            f'font-size="12">{escape(short)}</text>'
            f'<rect x="{LABEL}" y="{y}" width="{length}" height="{BAR}" fill="#2f5d8a" '
            f'data-label="{escape(label)}" data-value="{value}">'
            f"<title>{escape(label)}: {value}</title></rect>"
            f'<text x="{LABEL + length + 4}" y="{y + 15}" font-size="12" '
            f'class="value">{value}</text></g>'
        )
    height = max(len(points) * (BAR + GAP), BAR)
    return _svg(height, "".join(parts), title)


def line_chart(points: list[tuple[str, int]], *, title: str, height: int = 180) -> SafeString:
    """A line through (label, value) points, evenly spaced, with a dot per point."""
    top = max((value for _, value in points), default=0) or 1
    left, right, bottom, head = 40, 10, 24, 10
    inner_w, inner_h = WIDTH - left - right, height - bottom - head
    step = inner_w / max(len(points) - 1, 1)
    coords = [
        (round(left + i * step, 1), round(head + inner_h - inner_h * value / top, 1))
        for i, (_, value) in enumerate(points)
    ]
    line = " ".join(f"{x},{y}" for x, y in coords)
    parts = [
        f'<line x1="{left}" y1="{head + inner_h}" x2="{WIDTH - right}" y2="{head + inner_h}" '
        'stroke="#999"/>',
        f'<text x="{left - 4}" y="{head + 4}" text-anchor="end" font-size="11">{top}</text>',
        f'<polyline points="{line}" fill="none" stroke="#2f5d8a" stroke-width="2"/>',
    ]
    every = max(1, len(points) // 8)
    for index, ((label, value), (x, y)) in enumerate(zip(points, coords, strict=True)):
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="3" fill="#2f5d8a" data-label="{escape(label)}" '
            f'data-value="{value}"><title>{escape(label)}: {value}</title></circle>'
        )
        if index % every == 0:
            parts.append(
                f'<text x="{x}" y="{height - 6}" text-anchor="middle" font-size="11">'
                f"{escape(label)}</text>"
            )
    return _svg(height, "".join(parts), title)


def chart_for(table) -> SafeString:
    if table.chart == "line":
        return line_chart(table.points, title=table.title)
    if table.chart == "bar":
        return bar_chart(table.points, title=table.title)
    return mark_safe("")
