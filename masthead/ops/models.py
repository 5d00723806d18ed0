from django.db import models


class WorkerHeartbeat(models.Model):
    """The last sign of life of one task worker process (``manage.py worker``).

    Kept in the database, not the cache, so /readyz and the reaper see workers on every
    machine even while Redis is down."""

    worker_id = models.CharField(max_length=200, unique=True)
    hostname = models.CharField(max_length=200)
    pid = models.PositiveIntegerField()
    queues = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.worker_id
