"""``manage.py worker``: django-tasks-db's worker plus a heartbeat, a reaper for dead workers'
tasks, and riding out a database restart instead of exiting."""

import contextlib
import logging
import threading
import time

from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections
from django.db import connection as db_connection
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from masthead.ops import conf, services

logger = logging.getLogger("masthead.ops.worker")


class ResilientWorker(db_worker.Worker):
    def run(self) -> None:
        while self.running:
            try:
                super().run()
                return
            except (OperationalError, InterfaceError) as error:
                # The database went away (restart, failover): wait and reconnect.
                logger.warning("database unavailable (%s); retrying in 1 s", error)
                self._close_connections()
                time.sleep(1)

    @staticmethod
    def _close_connections() -> None:
        try:
            db_connection.close()
        except DatabaseError:
            db_connection.connection = None


class Heartbeat(threading.Thread):
    """Beside the worker loop, so a long task does not make the worker look dead."""

    def __init__(self, *, worker_id: str, queues: str):
        super().__init__(name="heartbeat", daemon=True)
        self.worker_id = worker_id
        self.queues = queues
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def beat(self) -> None:
        try:
            close_old_connections()
            services.heartbeat_record(
                worker_id=self.worker_id, queues=self.queues, started_at=self.started_at
            )
            services.tasks_reap_dead_workers()
        except DatabaseError as error:
            logger.warning("heartbeat failed (%s)", error)
            ResilientWorker._close_connections()

    def run(self) -> None:
        while not self.stopping.is_set():
            self.beat()
            self.stopping.wait(conf.heartbeat_interval())
        with contextlib.suppress(DatabaseError):
            services.heartbeat_remove(worker_id=self.worker_id)
        db_connection.close()


class Command(db_worker.Command):
    help = "Run a task worker that reports a heartbeat and requeues dead workers' tasks."

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        heartbeat = Heartbeat(worker_id=worker_id, queues=queue_name)
        heartbeat.beat()  # visible to /readyz before the first task
        heartbeat.start()
        worker.configure_signals()
        try:
            worker.run()
        finally:
            heartbeat.stopping.set()
            heartbeat.join(timeout=5)
