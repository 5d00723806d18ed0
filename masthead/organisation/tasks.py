from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from masthead.core import task_priority
from masthead.core.mail import header_safe

from .models import OpinionSubmission


def _recipients(submission: OpinionSubmission) -> list[str]:
    page = submission.page
    if page and page.notify_emails.strip():
        return [a.strip() for a in page.notify_emails.split(",") if a.strip()]
    users = get_user_model().objects.filter(groups__name="Editor", is_active=True)
    return sorted({email for email in users.values_list("email", flat=True) if email})


@task(priority=task_priority.NOTIFICATION)
def notify_editors_of_pitch(submission_id: int) -> int:
    """Email the opinion editors about a new pitch. Returns the number of messages sent
    (0 when the pitch is gone or nobody is set to receive it)."""
    submission = OpinionSubmission.objects.filter(pk=submission_id).first()
    if submission is None:
        return 0
    recipients = _recipients(submission)
    if not recipients:
        return 0
    context = {
        "submission": submission,
        "inbox_url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/snippets/organisation/"
        f"opinionsubmission/edit/{submission.pk}/",
    }
    return send_mail(
        subject=header_safe(f"New opinion pitch: {submission.headline}"),
        message=render_to_string("organisation/email/new_pitch.txt", context),
        from_email=None,
        recipient_list=recipients,
    )
