"""Settings of story planning, overridable in Django settings."""

from datetime import timedelta

from django.conf import settings


def reminder_before() -> timedelta:
    """How long before an assignment's due time its people are reminded by email
    (PLANNING_REMINDER_BEFORE: a timedelta, or a number of seconds)."""
    value = getattr(settings, "PLANNING_REMINDER_BEFORE", timedelta(hours=2))
    return value if isinstance(value, timedelta) else timedelta(seconds=float(value))


# A reminder whose due time passed longer ago than this (the worker was down) is not sent:
# by then the desk knows the story is late.
REMINDER_LATE_LIMIT = timedelta(hours=12)
