"""Writes for the organisation's pages."""

from django.db import transaction

from masthead.caching.limits import allow

from . import conf
from .models import OpinionFormPage, OpinionSubmission


def over_limit(*, key: str, limit: int | None = None, window: int | None = None) -> bool:
    """Count one attempt for `key`; True when it goes over the limit.
    Side effect: an increment of a shared counter that expires after the window."""
    limit = conf.OPINION_RATE_LIMIT if limit is None else limit
    window = conf.OPINION_RATE_WINDOW_SECONDS if window is None else window
    return not allow(f"organisation:{key}", limit=limit, window=window)


def opinion_submission_create(
    *,
    page: OpinionFormPage,
    name: str,
    email: str,
    headline: str,
    pitch: str,
    attachment=None,
) -> OpinionSubmission:
    """Store a reader's pitch and, once committed, enqueue the editors' notification email."""
    from .tasks import notify_editors_of_pitch

    submission = OpinionSubmission(
        page=page, name=name, email=email, headline=headline, pitch=pitch
    )
    if attachment:
        submission.attachment.save(attachment.name, attachment, save=False)
    submission.save()
    transaction.on_commit(lambda: notify_editors_of_pitch.enqueue(submission.pk))
    return submission
