import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from masthead.organisation.forms import DOCX_TYPE, PDF_TYPE
from masthead.organisation.models import JobPosting, JobsPage, OpinionFormPage, TeamPage

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    """A minimal Word document: a zip with the parts every .docx has."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def pdf_upload(name="draft.pdf", content=PDF_BYTES, content_type=PDF_TYPE):
    return SimpleUploadedFile(name, content, content_type=content_type)


def docx_upload(name="draft.docx", content=None, content_type=DOCX_TYPE):
    return SimpleUploadedFile(name, docx_bytes() if content is None else content, content_type)


def _publish(home, page):
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_team_page(home, **kwargs) -> TeamPage:
    return _publish(home, TeamPage(title="Team", slug="team", **kwargs))


def make_jobs_page(home, postings=()) -> JobsPage:
    page = JobsPage(title="Jobs", slug="jobs")
    for order, (title, is_open) in enumerate(postings):
        page.postings.add(
            JobPosting(
                title=title, description="<p>Details.</p>", is_open=is_open, sort_order=order
            )
        )
    return _publish(home, page)


def make_opinion_page(home, **kwargs) -> OpinionFormPage:
    kwargs.setdefault("notify_emails", "opinion@example.com, desk@example.com")
    return _publish(
        home, OpinionFormPage(title="Submit an Opinion", slug="submit-an-opinion", **kwargs)
    )
