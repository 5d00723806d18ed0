"""Scheduled publishing, run by the task worker at each go-live time."""

from django.core.management import call_command
from django_tasks import task

from masthead.core import task_priority


@task(priority=task_priority.SCHEDULED_PUBLISHING)
def publish_scheduled() -> None:
    """Publish every revision whose go-live time has come and unpublish expired pages.
    Wagtail's own command does the work; running it twice publishes nothing twice."""
    call_command("publish_scheduled")
