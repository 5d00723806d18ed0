from django.db import transaction
from django.utils import timezone
from django_tasks import task_backends
from wagtail.models import Page


def _publish_scheduled_at(when) -> None:
    from .tasks import publish_scheduled

    task = publish_scheduled
    if task_backends[task.backend].supports_defer:
        task = task.using(run_after=max(when, timezone.now()))
    elif when > timezone.now():
        return  # a backend that cannot wait (the immediate one in tests) has nothing to do yet
    transaction.on_commit(task.enqueue)


def schedule_publication(sender, instance, created, **kwargs):
    """When an editor schedules a revision, ask the worker to run scheduled publishing at its
    go-live time: nobody has to keep a cron job."""
    go_live = getattr(instance, "approved_go_live_at", None)
    if go_live is not None:
        _publish_scheduled_at(go_live)


def schedule_expiry(sender, instance, **kwargs):
    """Likewise for a live page given an expiry time."""
    if isinstance(instance, Page) and instance.live and instance.expire_at and not instance.expired:
        _publish_scheduled_at(instance.expire_at)
