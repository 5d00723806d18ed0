"""The chart renderer on plain data: SVG that parses, names and describes itself, a table
that holds exactly the figures, and a PNG drawn by the same code."""

from __future__ import annotations

import datetime
import math
import xml.etree.ElementTree as ET

import pytest

from masthead.datadesk.charts import render, svg
from masthead.datadesk.charts.config import BadChart, ChartConfig
from masthead.datadesk.charts.spec import FORM_NAMES, Annotation, Chart, Series

SVG_NS = "{http://www.w3.org/2000/svg}"
START = datetime.date(2024, 1, 1)


def daily(count: int, *, colour: int = 0, name: str = "Alerts", gap_at=None) -> Series:
    points = []
    for i in range(count):
        value = None if i == gap_at else round(400 + 150 * math.sin(i / 30) + i % 7, 1)
        points.append((START + datetime.timedelta(days=i), value))
    return Series(name=name, points=tuple(points), unit="alerts", colour=colour)


def two_series_chart(form: str) -> Chart:
    return Chart(
        form=form,
        title="Alerts & strikes <per day>",
        description="Both rose in spring",
        series=(daily(60), daily(60, colour=1, name="Strikes")),
        annotations=(Annotation(START + datetime.timedelta(days=20), "Talks begin"),),
    )


@pytest.mark.parametrize("form", sorted(FORM_NAMES))
def test_every_form_is_svg_that_parses_with_its_title_and_description(form):
    markup = svg.render(two_series_chart(form), uid="c1")
    root = ET.fromstring(markup)  # noqa: S314 - our own output
    assert root.tag == SVG_NS + "svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.get("viewBox").startswith(f"0 0 {svg.WIDTH} ")
    title = root.find(SVG_NS + "title")
    desc = root.find(SVG_NS + "desc")
    assert title.get("id") == "c1-title"
    assert title.text == "Alerts & strikes <per day>"
    assert desc.get("id") == "c1-desc"
    assert desc.text.startswith("Both rose in spring.")
    # No inline styles: the site's CSP forbids them.
    assert "style=" not in markup


def test_series_differ_by_pattern_not_only_by_colour():
    root = ET.fromstring(svg.render(two_series_chart("line"), uid="c"))  # noqa: S314
    paths = [p for p in root.iter(SVG_NS + "path") if p.get("fill") == "none"]
    assert len(paths) == 2
    assert paths[0].get("stroke") != paths[1].get("stroke")
    assert paths[0].get("stroke-dasharray") != paths[1].get("stroke-dasharray")


def test_palette_keeps_three_to_one_contrast_on_white():
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for colour in svg.PALETTE:
        assert 1.05 / (luminance(colour) + 0.05) >= 3, colour


def test_description_names_range_latest_and_notes():
    text = svg.summary(two_series_chart("line"))
    assert "from 1 Jan 2024 to 29 Feb 2024" in text
    assert "Strikes: latest" in text
    assert "Talks begin" in text


def test_a_gap_in_the_figures_is_a_gap_in_the_line():
    chart = Chart(form="line", title="t", series=(daily(30, gap_at=10),))
    root = ET.fromstring(svg.render(chart, uid="c"))  # noqa: S314
    line = next(p for p in root.iter(SVG_NS + "path") if p.get("fill") == "none")
    assert line.get("d").count("M") == 2


def test_big_number_shows_latest_value_and_change_in_words():
    series = Series("Alerts", ((START, 100.0), (START + datetime.timedelta(days=1), 80.0)))
    chart = Chart(form="big_number", title="Alerts today", series=(series,))
    root = ET.fromstring(svg.render(chart, uid="c"))  # noqa: S314
    texts = [t.text for t in root.iter(SVG_NS + "text")]
    assert "80" in texts
    assert "▼ Down 20 (20.0%) from 1 Jan 2024" in texts


def test_empty_range_says_so():
    chart = Chart(form="line", title="t", series=(Series("A", ()),))
    assert "No figures in this range" in svg.render(chart, uid="c")


def test_table_holds_exactly_the_figures():
    chart = two_series_chart("line")
    table = ET.fromstring(render.table_html(chart))  # noqa: S314
    heads = [th.text for th in table.find("thead").iter("th")]
    assert heads == ["Date", "Alerts (alerts)", "Strikes (alerts)"]
    rows = table.find("tbody").findall("tr")
    assert len(rows) == 60
    for row, (x, values) in zip(rows, chart.rows(), strict=True):
        assert row.find("th").text == f"{x.day} {x:%b} {x.year}"
        cells = [float(td.text.replace(",", "")) for td in row.findall("td")]
        assert cells == values


def test_thousand_point_line_is_small():
    chart = Chart(form="line", title="Daily", series=(daily(1000),))
    assert len(svg.render(chart, uid="c").encode()) < 60_000


def test_png_is_a_png_drawn_from_the_svg():
    markup = svg.render(two_series_chart("stacked_bar"), uid="c", heading=True)
    body = render.svg_to_png(markup, zoom=1)
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(body[16:20], "big")
    height = int.from_bytes(body[20:24], "big")
    assert (width, height) == (svg.WIDTH, svg.HEIGHT + 34)


@pytest.mark.parametrize(
    "query, message",
    [
        ({"form": "pie"}, "Unknown chart form"),
        ({"start": "yesterday"}, "YYYY-MM-DD"),
        ({"last": "-3"}, "number of days"),
        ({"series": ",".join(str(i) for i in range(20))}, "At most 8 series"),
    ],
)
def test_bad_embed_queries_are_refused_with_a_reason(query, message):
    with pytest.raises(BadChart, match=message):
        ChartConfig.from_query(1, query)


def test_embed_query_round_trips():
    config = ChartConfig(
        dataset_id=3,
        form="bar",
        series=("Alerts",),
        start=START,
        last_days=30,
        title="T",
    )
    from urllib.parse import parse_qsl

    assert ChartConfig.from_query(3, dict(parse_qsl(config.query()))) == config
