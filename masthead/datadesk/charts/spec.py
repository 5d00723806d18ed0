"""What a chart shows, as plain data: the renderer reads nothing else.

A ``Chart`` is built from a dataset (``charts.build``) or by hand (tests, benchmarks); the
renderer turns it into SVG, the "show data" table and PNG without touching the database, so
one chart costs the same wherever it is drawn and is cached as a whole.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

LINE = "line"
BAR = "bar"
STACKED_BAR = "stacked_bar"
BIG_NUMBER = "big_number"
FORMS = [
    (LINE, "Line"),
    (BAR, "Bar"),
    (STACKED_BAR, "Stacked bar"),
    (BIG_NUMBER, "Big number with change"),
]
FORM_NAMES = {value for value, _ in FORMS}

X = datetime.date | str


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[tuple[X, float | None], ...]
    unit: str = ""
    # Slot in the palette (charts.svg.PALETTE): the dataset decides, so a series keeps its
    # colour in every chart that shows it.
    colour: int = 0


@dataclass(frozen=True)
class Annotation:
    x: X
    text: str


@dataclass(frozen=True)
class Chart:
    form: str
    title: str
    series: tuple[Series, ...]
    description: str = ""
    annotations: tuple[Annotation, ...] = ()
    dated: bool = True
    x_label: str = "Date"
    source: str = ""
    illustrative: bool = False
    notes: tuple[str, ...] = field(default=())

    def xs(self) -> list[X]:
        """Every x value of every series, in order (dates sorted, categories as entered)."""
        seen: dict[X, None] = {}
        for series in self.series:
            for x, _ in series.points:
                seen.setdefault(x, None)
        values = list(seen)
        return sorted(values) if self.dated else values

    def rows(self) -> list[tuple[X, list[float | None]]]:
        """The table: one row per x, one value per series (None where a series has none)."""
        lookup = [dict(series.points) for series in self.series]
        return [(x, [values.get(x) for values in lookup]) for x in self.xs()]
