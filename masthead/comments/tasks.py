from django_tasks import task

from masthead.core import task_priority


@task(priority=task_priority.NOTIFICATION)
def send_reply_notification(comment_id: int) -> None:
    """Email the author of the comment that `comment_id` replies to (if they want it)."""
    from .notifications import send_reply_notification_now

    send_reply_notification_now(comment_id=comment_id)
