"""Background work for analytics. Tasks take nothing or ids and call services."""

from django_tasks import task

from .services import analytics_flush_counts


@task()
def analytics_flush() -> int:
    """Move counted views and plays from the counters into hourly and daily rows."""
    return analytics_flush_counts()
