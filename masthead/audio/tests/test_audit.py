"""Regenerating a narration leaves an entry in the audit log."""

import pytest
from django.urls import reverse

from masthead.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_regenerate_is_audited_with_who_and_which_article(
    client, editor, reporter, narrated_article, django_capture_on_commit_callbacks
):
    url = reverse("audio_admin:regenerate", args=[narrated_article.pk])
    client.force_login(reporter)
    client.post(url)  # refused: no publish rights
    assert not AuditEntry.objects.filter(action="audio.regenerate").exists()

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    entry = AuditEntry.objects.get(action="audio.regenerate")
    assert (entry.actor, entry.target_id) == (editor, str(narrated_article.pk))
    assert entry.target_label == narrated_article.title
