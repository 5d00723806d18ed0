"""Chart benchmark (issue 16): the data desk's chart renderer on a 2-core machine.

1. A 1,000-point line chart drawn from plain data: the first rendering in this process, the
   median of later ones, and the SVG's size (targets: under 50 ms first, under 60 KB).
2. The same chart as a page shows it (``charts.render.figure_html``: dataset read, SVG,
   "Show data" table), first a miss, then served from the shared cache.
3. An article with three charts (line, stacked bar and big number, each of a two-series
   dataset of 1,000 days) against the same article without them: process CPU time over N
   requests through the Django test client, page cache off (target: at most 1.5x). Three
   ways: with no caches at all ("uncached"); with only the rendered charts cached, as an
   article whose text was just edited is rendered ("charts_cached"); and with every shared
   fragment on ("fragments").

Uses the shipped settings on a fresh SQLite database in a temporary folder.

    .venv/bin/python bench/charts.py            # BENCH_REQUESTS=100 by default

The last line printed is one JSON object with every figure.
"""

import contextlib
import datetime
import json
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["MASTHEAD_VAR_DIR"] = tempfile.mkdtemp(prefix="masthead-bench-")
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["DJANGO_SETTINGS_MODULE"] = "masthead.settings.base"
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))
POINTS = 1000
START = datetime.date(2023, 1, 1)


def values(count: int, phase: float) -> list[tuple[datetime.date, float]]:
    return [
        (START + datetime.timedelta(days=i), round(400 + 150 * math.sin(i / 40 + phase) + i % 9, 1))
        for i in range(count)
    ]


def renderer_figures() -> dict:
    from masthead.datadesk.charts import svg
    from masthead.datadesk.charts.spec import Annotation, Chart, Series

    chart = Chart(
        form="line",
        title="Daily figures",
        series=(Series("Alerts", tuple(values(POINTS, 0)), unit="alerts"),),
        annotations=(Annotation(START + datetime.timedelta(days=300), "Talks begin"),),
    )
    started = time.perf_counter()
    markup = svg.render(chart, uid="c")
    first = time.perf_counter() - started
    later = []
    for _ in range(30):
        started = time.perf_counter()
        svg.render(chart, uid="c")
        later.append(time.perf_counter() - started)
    return {
        "line_1000_first_ms": round(first * 1000, 2),
        "line_1000_median_ms": round(statistics.median(later) * 1000, 2),
        "line_1000_svg_bytes": len(markup.encode()),
    }


def make_dataset(slug: str, phase: float):
    from decimal import Decimal

    from masthead.datadesk.models import DataPoint, Dataset, Series

    dataset = Dataset.objects.create(title=f"Dataset {slug}", slug=slug, source_name="Bench")
    for order, name in enumerate(("Alerts", "Strikes")):
        series = Series.objects.create(dataset=dataset, name=name, unit="events", colour=order)
        DataPoint.objects.bulk_create(
            DataPoint(series=series, x_date=x, value=Decimal(str(v)))
            for x, v in values(POINTS, phase + order)
        )
    return dataset


def cached_figures(dataset) -> dict:
    from masthead.caching.pages import clear
    from masthead.datadesk.charts import render
    from masthead.datadesk.charts.config import ChartConfig

    clear()
    config = ChartConfig(dataset_id=dataset.pk, form="line", title="Bench")
    started = time.perf_counter()
    render.figure_html(config)
    miss = time.perf_counter() - started
    hits = []
    for _ in range(200):
        started = time.perf_counter()
        render.figure_html(config)
        hits.append(time.perf_counter() - started)
    return {
        "figure_1000x2_miss_ms": round(miss * 1000, 2),
        "figure_1000x2_hit_median_ms": round(statistics.median(hits) * 1000, 3),
    }


def chart_block(dataset, form: str) -> dict:
    return {
        "type": "chart",
        "value": {"dataset": dataset.pk, "form": form, "title": f"{form} chart", "series": ""},
    }


@contextlib.contextmanager
def chart_cache(on: bool):
    """With ``on``, rendered charts are kept in the shared store even while every other
    fragment is off: an article whose text was just edited (its body fragment purged) under
    charts whose datasets did not change."""
    from masthead.caching import fragments
    from masthead.datadesk.charts import render

    if not on:
        yield
        return
    in_chart = {"now": False}
    enabled, figure_html = fragments.enabled, render.figure_html

    def chart_figure(*args, **kwargs):
        in_chart["now"] = True
        try:
            return figure_html(*args, **kwargs)
        finally:
            in_chart["now"] = False

    fragments.enabled = lambda: in_chart["now"] or enabled()
    render.figure_html = chart_figure
    try:
        yield
    finally:
        fragments.enabled, render.figure_html = enabled, figure_html


def cpu_per_request(client: Client, url: str) -> float:
    assert client.get(url).status_code == 200  # warm: templates, code paths
    started = time.process_time()
    for _ in range(REQUESTS):
        response = client.get(url)
        assert response.status_code == 200
    return (time.process_time() - started) / REQUESTS


def article_figures(datasets) -> dict:
    from masthead.caching.pages import clear
    from masthead.news.tests.factories import DEFAULT_BODY, make_article, make_home, make_section
    from masthead.people.tests.factories import AuthorFactory

    section = make_section(make_home())
    author = AuthorFactory()
    plain = make_article(
        section=section, authors=[author], title="Without charts", body=json.dumps(DEFAULT_BODY)
    )
    charts = [
        chart_block(d, form)
        for d, form in zip(datasets, ("line", "stacked_bar", "big_number"), strict=True)
    ]
    body = DEFAULT_BODY[:2] + [charts[0]] + DEFAULT_BODY[2:] + charts[1:]
    charted = make_article(
        section=section, authors=[author], title="With charts", body=json.dumps(body)
    )
    assert "<svg" in Client().get(charted.url).content.decode()
    found = {}
    modes = (("uncached", False, False), ("charts_cached", False, True), ("fragments", True, True))
    for label, fragments_on, charts_cached in modes:
        with (
            override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=fragments_on),
            chart_cache(charts_cached),
        ):
            clear()
            client = Client()
            # Alternate, twice each, so both see the same machine load.
            without = statistics.mean(
                [cpu_per_request(client, plain.url), cpu_per_request(client, plain.url)]
            )
            with_charts = statistics.mean(
                [cpu_per_request(client, charted.url), cpu_per_request(client, charted.url)]
            )
        found[f"article_{label}_cpu_ms_without_charts"] = round(without * 1000, 2)
        found[f"article_{label}_cpu_ms_with_3_charts"] = round(with_charts * 1000, 2)
        found[f"article_{label}_ratio"] = round(with_charts / without, 3)
    return found


def main():
    figures = {"bench": "charts", "points": POINTS, "requests": REQUESTS}
    figures.update(renderer_figures())
    call_command("migrate", verbosity=0)
    datasets = [make_dataset(f"bench-{n}", n) for n in range(3)]
    figures.update(cached_figures(datasets[0]))
    figures.update(article_figures(datasets))
    print(json.dumps(figures))  # noqa: T201


if __name__ == "__main__":
    main()
