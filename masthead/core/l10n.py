"""Dates, times and counts for readers, in the active language.

Every format string is itself a translatable message (with a context saying what it formats),
so a language chooses its own order, month case and clock: English keeps "December 5, 2026
2:39 PM", Ukrainian writes "5 грудня 2026, 14:39" (``E`` is the month name in the genitive,
``H`` the 24-hour clock). Django's ``dateformat`` draws the month and day names from its own
catalogues for the active language, so nothing here depends on the server's C locale.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.dateformat import format as _format
from django.utils.translation import ngettext, pgettext


def date_text(value: date | datetime) -> str:
    """'December 5, 2026' / '5 грудня 2026'."""
    # Translators: a date in running text (Django date format; E is the genitive month name).
    return _format(value, pgettext("date format", "F j, Y"))


def clock_text(value: datetime) -> str:
    """'2:39 PM' / '14:39'."""
    # Translators: a time of day (Django date format; H:i for a 24-hour clock).
    return _format(value, pgettext("time format", "g:i A"))


def datetime_text(value: datetime) -> str:
    """'December 5, 2026 2:39 PM' / '5 грудня 2026, 14:39'."""
    # Translators: a date with its time (Django date format).
    return _format(value, pgettext("date and time format", "F j, Y g:i A"))


def day_heading(value: date) -> str:
    """A day's heading on the News Feed: 'Saturday, December 5, 2026'."""
    # Translators: a day's heading in the news feed (Django date format; l is the weekday).
    return _format(value, pgettext("day heading format", "l, F j, Y"))


def month_text(value: date) -> str:
    """A month's archive title: 'December 2026' / 'Грудень 2026'."""
    # Translators: a month and year on its own, as a title (Django date format).
    return _format(value, pgettext("month format", "F Y"))


def figure_date(value: date, style: str = "long") -> str:
    """Dates beside data: 'long' '5 December 2026', 'day_month' '5 December', 'short'
    '5 Dec 2026' (table rows)."""
    if style == "day_month":
        # Translators: a day and month without the year, beside a figure (Django date format).
        fmt = pgettext("figure day and month format", "j F")
    elif style == "short":
        # Translators: a compact date in a table row (Django date format).
        fmt = pgettext("figure short date format", "j M Y")
    else:
        # Translators: the date of a figure or a claim (Django date format).
        fmt = pgettext("figure date format", "j F Y")
    return _format(value, fmt)


def reading_time(minutes: int) -> str:
    """'1 min read', '5 min read' / '1 хвилина читання', '5 хвилин читання'."""
    return ngettext("%(count)d min read", "%(count)d min read", minutes) % {"count": minutes}


def relative_time(value: datetime, now: datetime | None = None) -> str:
    """How long ago, for the first day: 'just now', '5 minutes ago', '3 hours ago'; after
    that the date itself ('December 5, 2026'), as readers stop counting in hours."""
    now = now or timezone.now()
    seconds = max(0, int((now - value).total_seconds()))
    if seconds < 60:
        return pgettext("relative time", "just now")
    minutes = seconds // 60
    if minutes < 60:
        return ngettext("%(count)d minute ago", "%(count)d minutes ago", minutes) % {
            "count": minutes
        }
    hours = minutes // 60
    if hours < 24:
        return ngettext("%(count)d hour ago", "%(count)d hours ago", hours) % {"count": hours}
    return date_text(value)
