"""Datasets for tests: a dated one with two series, or a category one."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from masthead.datadesk.models import DataPoint, Dataset, Series


def make_dataset(
    *,
    slug: str = "alerts",
    title: str = "Air-raid alerts",
    series: tuple[str, ...] = ("Alerts", "Strikes"),
    days: int = 5,
    start: date = date(2026, 1, 1),
    x_kind: str = Dataset.XKind.DATE,
) -> Dataset:
    dataset = Dataset.objects.create(
        title=title,
        slug=slug,
        x_kind=x_kind,
        x_label="date" if x_kind == Dataset.XKind.DATE else "region",
        source_name="Demo source",
        source_url="https://example.org/source",
    )
    for order, name in enumerate(series):
        one = Series.objects.create(
            dataset=dataset, name=name, unit="events", colour=order, sort_order=order
        )
        for day in range(days):
            if x_kind == Dataset.XKind.DATE:
                x = {"x_date": start + timedelta(days=day)}
            else:
                x = {"x_label": f"Region {day}", "x_order": day}
            DataPoint.objects.create(series=one, value=Decimal(10 * (order + 1) + day), **x)
    return dataset
