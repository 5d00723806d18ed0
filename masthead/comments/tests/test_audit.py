"""Moderation actions (approve, reject, ban, unban) leave entries in the audit log."""

import pytest
from django.urls import reverse

from masthead.audit.models import AuditEntry
from masthead.comments.models import Comment

pytestmark = pytest.mark.django_db


def test_approve_reject_ban_and_unban_are_audited(client, editor, reader, plain_article):
    first = Comment.objects.create(
        article=plain_article, author=reader, body="Held one.", status=Comment.PENDING
    )
    second = Comment.objects.create(
        article=plain_article, author=reader, body="Held two.", status=Comment.PENDING
    )
    client.force_login(editor)
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    act = reverse("comments_admin:act")
    client.post(act, {"action": "approve", "ids": [first.pk]}, REMOTE_ADDR="203.0.113.2")
    client.post(act, {"single": f"reject:{second.pk}"})
    client.post(act, {"single": f"ban:{second.pk}"})
    client.post(reverse("comments_admin:bans"), {"unban": str(reader.pk)})

    new = AuditEntry.objects.exclude(pk__in=before).order_by("id")
    assert [e.action for e in new] == [
        "comments.approve",
        "comments.reject",
        "comments.ban",
        "comments.reject",
        "comments.unban",
    ]
    approve = new[0]
    assert (approve.actor, approve.ip, approve.data) == (
        editor,
        "203.0.113.2",
        {"ids": [first.pk], "changed": 1},
    )
    assert new[2].target_id == str(reader.pk)
    assert all(e.actor == editor for e in new)


def test_a_refused_moderation_is_not_audited(client, reporter, reader, plain_article):
    comment = Comment.objects.create(
        article=plain_article, author=reader, body="Held.", status=Comment.PENDING
    )
    client.force_login(reporter)
    client.post(reverse("comments_admin:act"), {"single": f"approve:{comment.pk}"})
    assert not AuditEntry.objects.filter(action__startswith="comments.").exists()
