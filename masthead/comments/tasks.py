from django_tasks import task


@task()
def send_reply_notification(comment_id: int) -> None:
    """Email the author of the comment that `comment_id` replies to (if they want it)."""
    from .notifications import send_reply_notification_now

    send_reply_notification_now(comment_id=comment_id)
