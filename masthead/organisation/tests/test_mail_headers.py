"""Issue 12: a pitch headline with CR/LF made the editors' notification fail
(BadHeaderError), so editors were never told. The pitch is stored as typed; the mail goes
out with a one-line subject, and nothing typed can add a header."""

import pytest
from django.test import Client

from masthead.accounts.tests.smtp import smtp_inbox  # noqa: F401, F811 - a fixture
from masthead.organisation.models import OpinionSubmission

from .factories import make_opinion_page

pytestmark = pytest.mark.django_db

HEADLINE = "Rebuild schools\r\nBcc: victim@example.net\r\n\r\nbefore stadiums\u2028now"


def test_a_headline_with_line_breaks_is_stored_and_the_editors_are_told(
    home,
    smtp_inbox,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
):
    page = make_opinion_page(home)
    client = Client()
    data = {
        "name": "Halyna Reader",
        "email": "halyna@example.com",
        "headline": HEADLINE,
        "pitch": "Every rebuilt classroom brings a family home.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, data)
    assert response.status_code == 200
    submission = OpinionSubmission.objects.get()
    # Stored as typed (line endings aside): the editors read the reader's own words.
    assert submission.headline.replace("\r\n", "\n") == HEADLINE.replace("\r\n", "\n")
    (message,) = smtp_inbox.to("opinion@example.com")
    assert message["Subject"] == (
        "New opinion pitch: Rebuild schools Bcc: victim@example.net before stadiums now"
    )
    assert message["Bcc"] is None
    assert not smtp_inbox.to("victim@example.net")
