"""Scales and ticks for the SVG renderer: numbers to pixels, and axis labels people read."""

from __future__ import annotations

import datetime
import math

from django.utils.dates import MONTHS_3
from django.utils.translation import pgettext


def nice_step(span: float, count: int) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about ``count`` ticks."""
    if span <= 0:
        return 1.0
    raw = span / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def nice_domain(low: float, high: float, count: int = 5) -> tuple[float, float, float]:
    """(low, high, step) widened to round numbers. Counts start at zero: a tally drawn from
    an arbitrary baseline exaggerates its changes."""
    if low > 0:
        low = 0.0
    if high < 0:
        high = 0.0
    if low == high:
        high = low + 1
    step = nice_step(high - low, count)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def ticks(low: float, high: float, step: float) -> list[float]:
    count = round((high - low) / step)
    return [low + step * i for i in range(count + 1)]


class Linear:
    def __init__(self, domain: tuple[float, float], range_: tuple[float, float]):
        self.d0, self.d1 = domain
        self.r0, self.r1 = range_
        span = self.d1 - self.d0
        self.k = (self.r1 - self.r0) / span if span else 0.0

    def __call__(self, value: float) -> float:
        return self.r0 + (value - self.d0) * self.k


def format_number(value: float | None, *, compact: bool = False) -> str:
    """12,345 / 3.5 / -0.25 for tables and labels; 12k, 1.2M on axes (``compact``)."""
    if value is None:
        return ""
    if compact:
        magnitude = abs(value)
        suffixes = (
            (1e9, pgettext("billions, after a number", "bn")),
            (1e6, pgettext("millions, after a number", "M")),
            (1e3, pgettext("thousands, after a number", "k")),
        )
        for size, suffix in suffixes:
            if magnitude >= size:
                return _localise(_trim(f"{value / size:.1f}")) + suffix
    if value == int(value):
        return _localise(f"{int(value):,}")
    text = f"{value:,.2f}" if -100 < value < 100 else f"{value:,.1f}"
    return _localise(text.rstrip("0").rstrip("."))


def format_percent(value: float) -> str:
    """12.5% / 12,5%: one decimal, the language's decimal separator."""
    return _localise(f"{value:.1f}") + "%"


def _localise(text: str) -> str:
    """Python's "1,234.5" with the active language's separators ("1 234,5" in Ukrainian)."""
    # Translators: the separator between thousands in a figure (a no-break space in Ukrainian).
    thousands = pgettext("thousands separator", ",")
    # Translators: the decimal separator in a figure.
    point = pgettext("decimal separator", ".")
    if (thousands, point) == (",", "."):
        return text
    return text.replace(",", "\x00").replace(".", point).replace("\x00", thousands)


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def month_abbr(month: int) -> str:
    """'Jan' / 'січ': Django's catalogue for the active language (strftime's names follow
    the server's locale, and are slow), capitalised where the language does so."""
    name = str(MONTHS_3[month])
    # Translators: "title" if abbreviated month names start with a capital ("Jan"), else "lower".
    return name.title() if pgettext("month abbreviation case", "title") == "title" else name


def format_date(value: datetime.date) -> str:
    """1 Jan 2026 / 1 січ 2026."""
    return f"{value.day} {month_abbr(value.month)} {value.year}"


def date_ticks(first: datetime.date, last: datetime.date, count: int = 6) -> list[datetime.date]:
    """Dates on calendar boundaries (years, quarters, months, weeks or days) between ``first``
    and ``last``, about ``count`` of them."""
    days = (last - first).days
    if days <= 0:
        return [first]
    if days / 365 >= count / 2:
        years = max(1, math.ceil(days / 365 / count))
        start = first.year + (1 if (first.month, first.day) != (1, 1) else 0)
        return [datetime.date(y, 1, 1) for y in range(start, last.year + 1, years)]
    if days / 30 >= count / 2:
        months = next(m for m in (1, 2, 3, 6, 12) if days / 30 / m <= count)
        found = []
        year, month = first.year, first.month
        if first.day != 1:
            month += 1
        while True:
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
            day = datetime.date(year, month, 1)
            if day > last:
                return found
            if (month - 1) % months == 0:
                found.append(day)
            month += 1
    step = next(s for s in (1, 2, 7, 14) if days / s <= count)
    return [first + datetime.timedelta(days=i) for i in range(0, days + 1, step)]


def format_tick_date(value: datetime.date, first: datetime.date, last: datetime.date) -> str:
    days = (last - first).days
    if days > 365 * 3 and value.month == 1:
        return str(value.year)
    if days > 60:
        month = month_abbr(value.month)
        return f"{month} {value.year}" if value.month == 1 or value == first else month
    return f"{value.day} {month_abbr(value.month)}"
