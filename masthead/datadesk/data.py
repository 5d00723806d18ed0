"""The read API for charts, trackers, tables and downloads: a dataset's figures as plain data.

Use::

    frame = dataset.frame()                       # every series, every point
    frame = dataset.frame(series=["Alerts"], start=date(2026, 1, 1), end=date(2026, 6, 30))

``series`` picks series by name or by id (an iterable of either; the dataset's order is
kept). ``start``/``end`` bound a dated dataset, both inclusive (ignored for categories).

The result is a ``Frame``: plain frozen dataclasses, no models, safe to cache or pickle::

    Frame(dataset_id, title, slug, x_kind ("date" | "category"), x_label,
          source_name, source_url, illustrative,
          series=[SeriesFrame(id, name, unit, colour, points=[(x, value), ...])])

``x`` is a ``datetime.date`` (dated datasets) or a ``str`` (categories); ``value`` is a
``float``. Points are sorted by date, or by the categories' entered order. A series has no
point where no value was entered (gaps are absent, never ``None``).

One query reads every point (values_list of plain tuples): 1,000+ points in a few ms.
Nothing here caches: callers cache what they render, and the cache rules (``cache_rules.py``)
purge it when the dataset changes. ``Frame.version`` changes with every save of the dataset,
for use in cache keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import FloatField
from django.db.models.functions import Cast

X = date | str


@dataclass(frozen=True)
class SeriesFrame:
    id: int
    name: str
    unit: str
    colour: int  # palette slot, 0-7
    points: list[tuple[X, float]] = field(default_factory=list)

    @property
    def latest(self) -> tuple[X, float] | None:
        return self.points[-1] if self.points else None

    @property
    def previous(self) -> tuple[X, float] | None:
        return self.points[-2] if len(self.points) > 1 else None

    @property
    def change(self) -> float | None:
        """Latest value minus the one before it (None with fewer than two points)."""
        if len(self.points) < 2:
            return None
        return self.points[-1][1] - self.points[-2][1]

    @property
    def total(self) -> float:
        return sum(value for _, value in self.points)


@dataclass(frozen=True)
class Frame:
    dataset_id: int
    title: str
    slug: str
    x_kind: str
    x_label: str
    source_name: str
    source_url: str
    illustrative: bool
    version: str
    series: list[SeriesFrame] = field(default_factory=list)

    @property
    def is_dated(self) -> bool:
        return self.x_kind == "date"

    @property
    def xs(self) -> list[X]:
        """Every x that has a value in any series, in order."""
        seen: dict[X, int] = {}
        for one in self.series:
            for index, (x, _) in enumerate(one.points):
                seen.setdefault(x, index)
        if self.is_dated:
            return sorted(seen)
        return list(seen)

    def rows(self) -> list[tuple[X, list[float | None]]]:
        """The table view: one row per x, one value (or None) per series, in series order."""
        lookups = [dict(one.points) for one in self.series]
        return [(x, [lookup.get(x) for lookup in lookups]) for x in self.xs]

    def get(self, name: str) -> SeriesFrame | None:
        return next((one for one in self.series if one.name == name), None)


def frame(dataset, series: Iterable[int | str] | None = None, start=None, end=None) -> Frame:
    from .models import DataPoint

    chosen = list(dataset.series.all())
    if series is not None:
        wanted = {str(item) for item in series}
        chosen = [one for one in chosen if one.name in wanted or str(one.pk) in wanted]
    # Cast in SQL: building a Decimal per value and then a float from it cost most of an
    # uncached chart's time (values are stored exactly; charts only need floats).
    points = DataPoint.objects.filter(series__in=[one.pk for one in chosen]).annotate(
        number=Cast("value", FloatField())
    )
    if dataset.is_dated:
        if start is not None:
            points = points.filter(x_date__gte=start)
        if end is not None:
            points = points.filter(x_date__lte=end)
        rows = points.order_by("x_date").values_list("series_id", "x_date", "number")
    else:
        rows = points.order_by("x_order", "id").values_list("series_id", "x_label", "number")
    by_series: dict[int, list[tuple[X, float]]] = {one.pk: [] for one in chosen}
    for series_id, x, value in rows:
        by_series[series_id].append((x, value))
    return Frame(
        dataset_id=dataset.pk,
        title=dataset.title,
        slug=dataset.slug,
        x_kind=dataset.x_kind,
        x_label=dataset.x_label,
        source_name=dataset.source_name,
        source_url=dataset.source_url,
        illustrative=dataset.illustrative,
        version=dataset.updated_at.isoformat() if dataset.updated_at else "",
        series=[
            SeriesFrame(
                id=one.pk,
                name=one.name,
                unit=one.unit,
                colour=one.colour,
                points=by_series[one.pk],
            )
            for one in chosen
        ],
    )
