import pytest

from masthead.newsletters.models import Newsletter


@pytest.fixture(params=[False, True], ids=["plain", "pipelining"])
def smtp_server(settings, request):
    """A real SMTP server on loopback, with and without PIPELINING (both send paths)."""
    from masthead.accounts.tests.smtp import send_mail_to_loopback

    from .smtp import SMTPServer

    with SMTPServer(pipelining=request.param) as server:
        send_mail_to_loopback(settings, server.port)
        yield server.handler


@pytest.fixture
def newsletter(db, author):
    return Newsletter.objects.create(
        name="The Morning Briefing",
        slug="morning",
        description="The night in five stories.",
        author=author,
        cadence="daily",
        is_default=True,
        sender_email="briefing@news.example",
        reply_to="editors@news.example",
    )


@pytest.fixture
def other_newsletter(db):
    return Newsletter.objects.create(name="Analysis Weekly", slug="analysis", sort_order=1)
