"""Background work for analytics. Tasks take nothing or ids and call services."""

from django_tasks import task

from masthead.core import task_priority

from .services import analytics_flush_counts


@task(priority=task_priority.BACKGROUND)
def analytics_flush() -> int:
    """Move counted views and plays from the counters into hourly and daily rows."""
    return analytics_flush_counts()
