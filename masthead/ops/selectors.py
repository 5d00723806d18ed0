from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from . import conf
from .models import WorkerHeartbeat


def workers_needed() -> bool:
    """True when tasks go to a queue that separate worker processes must run."""
    backend = settings.TASKS["default"]["BACKEND"]
    return "Immediate" not in backend and "Dummy" not in backend


def live_workers():
    since = timezone.now() - timedelta(seconds=conf.heartbeat_stale_after())
    return WorkerHeartbeat.objects.filter(last_seen__gte=since)


def dead_workers():
    since = timezone.now() - timedelta(seconds=conf.heartbeat_stale_after())
    return WorkerHeartbeat.objects.filter(last_seen__lt=since)
