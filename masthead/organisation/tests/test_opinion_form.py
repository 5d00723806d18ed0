"""Submit an Opinion: storing, validation, uploads, honeypot, rate limit, CSRF, email."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client

from masthead.organisation import conf
from masthead.organisation.models import OpinionSubmission

from .factories import PDF_BYTES, docx_bytes, docx_upload, make_opinion_page, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home):
    return make_opinion_page(home)


def _data(**extra):
    data = {
        "name": "Halyna Reader",
        "email": "halyna@example.com",
        "headline": "Rebuild schools before stadiums",
        "pitch": "Every rebuilt classroom brings a family home. Here is the evidence.",
    }
    data.update(extra)
    return data


def _post(client, page, django_capture_on_commit_callbacks, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(page.url, _data(**extra))


def _errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(e.get_text() for e in soup.select(".field-error, .form-errors"))


def test_form_page_shows_the_fields_and_a_hidden_honeypot(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    for name in ("name", "email", "headline", "pitch", "attachment", "csrfmiddlewaretoken"):
        assert soup.select_one(f"[name={name}]") is not None, name
    honeypot = soup.select_one("[name=website]")
    assert honeypot.find_parent(class_="visually-hidden") is not None
    assert honeypot["tabindex"] == "-1"


def test_pitch_is_stored_and_editors_are_emailed(client, page, django_capture_on_commit_callbacks):
    response = _post(client, page, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    submission = OpinionSubmission.objects.get()
    assert submission.headline == "Rebuild schools before stadiums"
    assert submission.page.pk == page.pk and submission.status == "new"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["opinion@example.com", "desk@example.com"]
    assert "Rebuild schools before stadiums" in message.subject
    assert "halyna@example.com" in message.body
    assert f"/opinionsubmission/edit/{submission.pk}/" in message.body


def test_without_addresses_the_editor_group_is_emailed(
    client, home, editor, django_capture_on_commit_callbacks
):
    page = make_opinion_page(home, notify_emails="")
    editor.email = "editor@example.com"
    editor.save()
    _post(client, page, django_capture_on_commit_callbacks)
    assert mail.outbox[0].to == ["editor@example.com"]


@pytest.mark.parametrize("upload", [pdf_upload, docx_upload])
def test_pdf_and_docx_attachments_are_kept_out_of_public_media(
    client, page, settings, upload, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, _data(attachment=upload()))
    assert response.status_code == 200, _errors(response)
    submission = OpinionSubmission.objects.get()
    stored = Path(submission.attachment.path)
    assert stored.exists()
    assert Path(settings.MEDIA_ROOT) not in stored.parents


BAD_UPLOADS = [
    ("wrong extension", lambda: pdf_upload(name="draft.exe"), "Attach a .pdf or .docx"),
    ("image as pdf", lambda: pdf_upload(content_type="image/png"), "does not match"),
    ("fake pdf bytes", lambda: pdf_upload(content=b"MZ\x90\x00 not a pdf"), "not a real"),
    ("html as pdf", lambda: pdf_upload(content=b"<html><script>x</script>"), "not a real"),
    ("zip that is not docx", lambda: docx_upload(content=b"PK\x03\x04garbage"), "not a real"),
    ("pdf named docx", lambda: docx_upload(content=PDF_BYTES), "not a real"),
    ("docx declared pdf", lambda: pdf_upload(content=docx_bytes()), "not a real"),
    (
        "oversized",
        lambda: pdf_upload(content=b"%PDF-" + b"0" * (conf.OPINION_MAX_ATTACHMENT_BYTES + 1)),
        "too large",
    ),
]


@pytest.mark.parametrize("label,make,message", BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_bad_uploads_are_refused_with_a_message_and_nothing_is_stored(
    client, page, label, make, message
):
    response = client.post(page.url, _data(attachment=make()))
    assert response.status_code == 400
    assert message in _errors(response)
    assert not OpinionSubmission.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize(
    "field,value",
    [
        ("email", "not-an-email"),
        ("name", ""),
        ("headline", "x" * 201),
        ("pitch", "y" * 5001),
    ],
)
def test_invalid_fields_get_a_message_and_keep_what_was_typed(client, page, field, value):
    response = client.post(page.url, _data(**{field: value}))
    assert response.status_code == 400
    assert _errors(response)
    assert "Halyna Reader" in response.content.decode() or field == "name"
    assert not OpinionSubmission.objects.exists()


def test_hostile_text_is_stored_verbatim_and_shown_escaped(
    client, page, admin_user, django_capture_on_commit_callbacks
):
    script = "<script>alert('pitch')</script>"
    _post(client, page, django_capture_on_commit_callbacks, headline=script)
    assert OpinionSubmission.objects.get().headline == script
    client.force_login(admin_user)
    response = client.get("/admin/snippets/organisation/opinionsubmission/")
    assert response.status_code == 200
    assert script not in response.content.decode()


def test_honeypot_submission_looks_accepted_but_is_dropped(client, page):
    response = client.post(page.url, _data(website="http://spam.example"))
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert not OpinionSubmission.objects.exists()
    assert not mail.outbox


def test_too_many_attempts_from_one_client_get_429(client, page, settings):
    for _ in range(conf.OPINION_RATE_LIMIT):
        assert client.post(page.url, _data(email="bad")).status_code == 400
    response = client.post(page.url, _data())
    assert response.status_code == 429
    assert "short time" in response.content.decode()
    assert not OpinionSubmission.objects.exists()
    # Another client is not affected.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post(page.url, _data()).status_code == 200


def test_post_without_csrf_token_is_refused(page):
    client = Client(enforce_csrf_checks=True)
    response = client.post(page.url, _data())
    assert response.status_code == 403
    assert not OpinionSubmission.objects.exists()


def test_post_with_csrf_token_is_accepted(page):
    client = Client(enforce_csrf_checks=True)
    client.get(page.url)
    token = client.cookies["csrftoken"].value
    response = client.post(page.url, _data(csrfmiddlewaretoken=token))
    assert response.status_code == 200
    assert OpinionSubmission.objects.count() == 1


def test_other_methods_are_refused(client, page):
    assert client.put(page.url).status_code == 405


def test_editor_sees_pitches_in_the_inbox_and_downloads_attachments(
    client, page, editor, reporter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page.url, _data(attachment=pdf_upload()))
    submission = OpinionSubmission.objects.get()
    client.force_login(editor)
    inbox = client.get("/admin/snippets/organisation/opinionsubmission/")
    assert inbox.status_code == 200
    assert "Rebuild schools before stadiums" in inbox.content.decode()
    download = client.get(f"/organisation/pitches/{submission.pk}/attachment/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    client.force_login(reporter)
    assert client.get(f"/organisation/pitches/{submission.pk}/attachment/").status_code in (
        302,
        403,
    )
    client.logout()
    assert client.get(f"/organisation/pitches/{submission.pk}/attachment/").status_code == 302
