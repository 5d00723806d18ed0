from datetime import UTC, datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date

register = template.Library()

STORED_TIME = "%Y-%m-%d %H:%M UTC"


@register.filter
def history_value(value: str, field: str) -> str:
    """A value of the history as the reader works: due times are kept in UTC (services.
    snapshot) and shown in the zone the admin runs in."""
    if field != "due_at" or not value:
        return value
    try:
        moment = datetime.strptime(value, STORED_TIME).replace(tzinfo=UTC)
    except ValueError:
        return value
    return format_date(timezone.localtime(moment), "j M Y, H:i")
