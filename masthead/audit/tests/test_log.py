import pytest

from masthead.audit.log import record
from masthead.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_record_keeps_who_what_and_where(rf, django_user_model):
    editor = django_user_model.objects.create_user(username="ed", password="x" * 12)
    request = rf.post("/admin/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Firefox")
    request.user = editor
    entry = record("comments.reject", request=request, target=editor, ids=[1, 2])
    entry.refresh_from_db()
    assert (entry.actor, entry.actor_label, entry.ip) == (editor, "ed", "203.0.113.9")
    assert entry.target_type == "accounts.user" and entry.target_label == str(editor)
    assert entry.data == {"ids": [1, 2]}


def test_entries_cannot_be_rewritten_or_deleted(django_user_model):
    entry = record("auth.sign_in.failed", username="nobody")
    entry.action = "auth.sign_in.succeeded"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(action="x")
    assert AuditEntry.objects.get().action == "auth.sign_in.failed"
