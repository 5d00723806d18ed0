"""Datetimes for machines: HTML ``<time datetime>``, Open Graph, JSON-LD and the JSON APIs."""

from datetime import UTC, date, datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime


def iso_datetime(value: datetime | date | str | None) -> str:
    """``2026-12-01T22:52:11Z``: UTC, whole seconds. HTML's global date and time string allows
    at most three digits of fractions, while Python's ``isoformat()`` and Django's ``|iso_datetime``
    write six, which the W3C checker rejects; readers and crawlers never need fractions.
    A string is parsed first (JSON payloads carry strings); a date stays a date."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        parsed = parse_datetime(value)
        if parsed is None:
            return ""
        value = parsed
    if not isinstance(value, datetime):
        return value.isoformat()
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
