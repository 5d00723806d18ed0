"""Webhook work for the task worker: one attempt of one delivery."""

from django_tasks import task

from masthead.core import task_priority


# A partner's system waits on it like a notification; below scheduled publishing.
@task(priority=task_priority.NOTIFICATION)
def deliver(delivery_id: int) -> None:
    """Attempt delivery `delivery_id` if it is due; a failure schedules the next attempt."""
    from .services import delivery_attempt

    delivery_attempt(delivery_id=delivery_id)
