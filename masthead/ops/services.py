"""Worker heartbeats and the reaper that hands a dead worker's tasks to the living."""

from __future__ import annotations

import logging
import os
import socket

from django.db import transaction
from django.utils import timezone

from .models import WorkerHeartbeat
from .selectors import dead_workers

logger = logging.getLogger(__name__)


def heartbeat_record(*, worker_id: str, queues: str, started_at) -> None:
    """Record that ``worker_id`` is alive now. Side effect: one row upserted."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:200],
            "pid": os.getpid(),
            "queues": queues[:200],
            "started_at": started_at,
            "last_seen": timezone.now(),
        },
    )


def heartbeat_remove(*, worker_id: str) -> None:
    """A worker that stops cleanly says so. Side effect: its row is deleted."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def tasks_reap_dead_workers() -> int:
    """Put back on the queue every task left RUNNING by a worker whose heartbeat is stale
    (killed, or its machine lost), then forget those workers. Returns the number requeued.

    django-tasks-db marks a task RUNNING when a worker claims it and nothing ever resets it if
    that worker dies, so without this the task would never finish. Tasks must therefore be
    safe to run twice (ours take ids and re-check state). Side effects: task rows updated,
    heartbeat rows deleted."""
    from django_tasks_db.models import DBTaskResult

    dead = set(dead_workers().values_list("worker_id", flat=True))
    if not dead:
        return 0
    requeued = 0
    with transaction.atomic():
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for result in running.only("id", "worker_ids"):
            if result.worker_ids and result.worker_ids[-1] in dead:
                requeued += DBTaskResult.objects.filter(pk=result.pk, status="RUNNING").update(
                    status="READY", started_at=None
                )
        WorkerHeartbeat.objects.filter(worker_id__in=dead).delete()
    if requeued:
        logger.warning("requeued %d task(s) of dead worker(s) %s", requeued, sorted(dead))
    return requeued
