"""Planning's background work: the assigned email and the due-time reminders."""

from django_tasks import task

from masthead.core import task_priority


@task(priority=task_priority.NOTIFICATION)
def send_assigned_email(assignment_id: int, user_ids: list[int]) -> None:
    """Email the people just given assignment `assignment_id` (those still on it)."""
    from .services import assigned_email_send

    assigned_email_send(assignment_id=assignment_id, user_ids=user_ids)


@task(priority=task_priority.NOTIFICATION)
def send_due_reminders() -> None:
    """Email every reminder whose time has come (each once per due time). Enqueued to run at
    each assignment's reminder time; `manage.py planning_reminders` does the same."""
    from .services import reminders_send_due

    reminders_send_due()
