"""Background work for the reader site. Tasks take ids (or nothing) and call services."""

from django_tasks import task

from .popular import popular_flush_counts


@task()
def popular_flush() -> int:
    """Move counted page views from the counters into hourly rows (see news/popular.py)."""
    return popular_flush_counts()
