"""The assignment follows its draft: submitted for review, sent back, published."""

from wagtail.signals import page_published, workflow_rejected, workflow_submitted


def _page_id(workflow_state):
    obj = workflow_state.content_object
    return getattr(obj, "pk", None) if obj is not None else None


def draft_submitted(sender, instance, user=None, **kwargs):
    from .models import Assignment
    from .services import follow_draft

    page_id = _page_id(instance)
    if page_id:
        follow_draft(
            page_id=page_id, status=Assignment.Status.IN_REVIEW, user=user, via="draft submitted"
        )


def draft_rejected(sender, instance, user=None, **kwargs):
    from .models import Assignment
    from .services import follow_draft

    page_id = _page_id(instance)
    if page_id:
        follow_draft(
            page_id=page_id,
            status=Assignment.Status.DRAFTING,
            user=user,
            via="changes requested in review",
        )


def draft_published(sender, instance, revision=None, **kwargs):
    from .models import Assignment
    from .services import follow_draft

    # The signal does not say who published (the revision's user is whoever saved it).
    follow_draft(
        page_id=instance.pk, status=Assignment.Status.PUBLISHED, user=None, via="draft published"
    )


def connect() -> None:
    workflow_submitted.connect(draft_submitted, dispatch_uid="planning_draft_submitted")
    workflow_rejected.connect(draft_rejected, dispatch_uid="planning_draft_rejected")
    page_published.connect(draft_published, dispatch_uid="planning_draft_published")
