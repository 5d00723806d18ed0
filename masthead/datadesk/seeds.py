"""Demo data desk: one tracker of illustrative daily figures (a seeded random walk, not real
data), shown in the rail beside every article. Idempotent."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from masthead.news.models import HomePage

from .models import DataPoint, Dataset, Series, TrackerPage

SLUG = "air-raid-alerts-demo"
DAYS = 400
LABEL = "Illustrative figures, not real data"


def generated_rows(end, *, days: int = DAYS, seed: int = 16):
    """(date, alerts, hours) for ``days`` days up to ``end``: the same walk every time."""
    rng = random.Random(seed)  # noqa: S311 - demo figures, not security
    alerts, hours = 18.0, 9.0
    rows = []
    for offset in range(days):
        day = end - timedelta(days=days - 1 - offset)
        # Pulled back towards a typical level, so a year of walking stays believable.
        alerts = min(60.0, max(2.0, alerts + 0.08 * (18 - alerts) + rng.gauss(0, 3)))
        hours = min(22.0, max(0.5, hours + 0.08 * (9 - hours) + rng.gauss(0, 1.2)))
        rows.append((day, int(round(alerts)), Decimal(str(round(hours, 1)))))
    return rows


def seed(*, stdout) -> None:
    home = HomePage.objects.first()
    if home is None or Dataset.objects.filter(slug=SLUG).exists():
        return
    dataset = Dataset.objects.create(
        title="Air-raid alerts (demo)",
        slug=SLUG,
        description=f"{LABEL}. Daily count of air-raid alerts across the country and the "
        "hours spent under alert, generated for the Masthead demo.",
        source_name="Masthead demo generator",
        source_url="",
        methodology=f"{LABEL}: a seeded random walk made by masthead/datadesk/seeds.py, so "
        "the tracker, figures box, downloads and charts have a year of daily rows to show.",
        update_frequency=Dataset.Frequency.DAILY,
        x_kind=Dataset.XKind.DATE,
        x_label="date",
        illustrative=True,
    )
    alerts = Series.objects.create(
        dataset=dataset, name="Air-raid alerts", unit="alerts", colour=0, sort_order=0
    )
    hours = Series.objects.create(
        dataset=dataset, name="Hours under alert", unit="hours", colour=1, sort_order=1
    )
    points = []
    for day, count, spent in generated_rows(timezone.localdate()):
        points.append(DataPoint(series=alerts, x_date=day, value=Decimal(count)))
        points.append(DataPoint(series=hours, x_date=day, value=spent))
    DataPoint.objects.bulk_create(points, batch_size=1000)
    dataset.save()
    dataset.save_revision()
    tracker = TrackerPage(
        title="Air-raid alerts tracker",
        slug="alerts-tracker",
        standfirst=f"{LABEL}. How often the sirens sounded, day by day.",
        dataset=dataset,
        notes="<p>The figures on this page are generated for the demo and describe no real "
        "event. A newsroom replaces them with its own dataset.</p>",
        chart_days=365,
        in_article_rail=True,
    )
    home.add_child(instance=tracker)
    tracker.save_revision().publish()
    stdout.write(f"Data desk: tracker with {DAYS} days of illustrative figures.")
