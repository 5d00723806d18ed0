"""A task for the worker fault test: slow enough to be killed mid-run, idempotent."""

import time

from django_tasks import task


@task()
def slow_record(token: str, seconds: float) -> None:
    """Sleep, then store one row for ``token`` (get_or_create: safe to run twice)."""
    from django.contrib.auth.models import Group

    time.sleep(seconds)
    Group.objects.get_or_create(name=f"task-{token}")
