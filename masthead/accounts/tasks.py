from django_tasks import task

from masthead.core import task_priority


@task(priority=task_priority.READER_WAITING)
def send_sign_in_email(*, email: str, next_url: str = "") -> None:
    """Email a sign-in link (or the staff-login note) to `email`."""
    from .services import forget_used_tokens, send_sign_in_email_now

    send_sign_in_email_now(email=email, next_url=next_url)
    forget_used_tokens()  # housekeeping: records of links that have expired anyway


@task(priority=task_priority.READER_WAITING)
def send_lockout_email(*, user_id: int, ip: str, scope: str) -> None:
    """Tell an account's owner that its sign-in is being delayed after failed attempts."""
    from .services import send_lockout_email_now

    send_lockout_email_now(user_id=user_id, ip=ip, scope=scope)
