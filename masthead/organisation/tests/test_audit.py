"""Downloading a pitch's attachment leaves an entry in the audit log."""

import pytest

from masthead.audit.models import AuditEntry
from masthead.organisation.models import OpinionSubmission

from .factories import make_opinion_page, pdf_upload

pytestmark = pytest.mark.django_db


def test_an_attachment_download_is_audited_and_a_refused_one_is_not(
    client, home, editor, reporter, django_capture_on_commit_callbacks
):
    page = make_opinion_page(home)
    data = {
        "name": "Halyna Reader",
        "email": "halyna@example.com",
        "headline": "Rebuild schools before stadiums",
        "pitch": "Every rebuilt classroom brings a family home. Here is the evidence.",
        "attachment": pdf_upload(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page.url, data)
    submission = OpinionSubmission.objects.get()
    url = f"/organisation/pitches/{submission.pk}/attachment/"

    client.force_login(reporter)
    client.get(url, REMOTE_ADDR="203.0.113.5")
    assert not AuditEntry.objects.filter(action="organisation.pitch_attachment_download").exists()

    client.force_login(editor)
    assert client.get(url, REMOTE_ADDR="203.0.113.4").status_code == 200
    entry = AuditEntry.objects.get(action="organisation.pitch_attachment_download")
    assert (entry.actor, entry.ip, entry.target_id) == (editor, "203.0.113.4", str(submission.pk))
    assert entry.data["file"].endswith(".pdf")
