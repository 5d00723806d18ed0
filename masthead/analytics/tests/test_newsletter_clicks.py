"""Newsletter links through the signed click redirect, from issues sent to a real SMTP server
on loopback: counted, forwarded, never to a URL the issue did not contain."""

import os
import re
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.core import signing

from masthead.analytics.models import IssueLink, IssueOpens, SubscriberClick
from masthead.analytics.newsletter_links import CLICK_SALT, click_token
from masthead.newsletters import services
from masthead.newsletters.models import Newsletter
from masthead.newsletters.tests.factories import make_issue, make_subscribers
from masthead.newsletters.tests.smtp import Recorder

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"]+)"')


@pytest.fixture
def smtp(settings):
    """aiosmtpd on loopback, on a port of this worktree's range (MASTHEAD_TEST_PORTS)."""
    from masthead.accounts.tests.smtp import send_mail_to_loopback

    low, high = (int(n) for n in os.environ.get("MASTHEAD_TEST_PORTS", "8680-8689").split("-"))
    handler = Recorder()
    for port in range(low, high + 1):
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        try:
            controller.start()
        except (OSError, RuntimeError):
            continue
        break
    else:
        pytest.skip("no free port")
    send_mail_to_loopback(settings, port)
    yield handler
    controller.stop()


@pytest.fixture
def newsletter(db, author):
    return Newsletter.objects.create(
        name="The Morning Briefing",
        slug="morning",
        author=author,
        sender_email="briefing@news.example",
    )


def send(issue, capture):
    with capture(execute=True):
        services.issue_send_now(issue=issue)
    issue.refresh_from_db()


def click_links(message):
    html = message.get_body(("html",)).get_content()
    return [url for url in HREF.findall(html) if "/n/c/" in url]


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_links_in_a_sent_issue_count_clicks_and_forward(
    smtp, client, newsletter, article, django_capture_on_commit_callbacks
):
    make_subscribers(newsletter, 2)
    issue = make_issue(newsletter, [article])
    send(issue, django_capture_on_commit_callbacks)
    messages = smtp.parsed()
    assert len(messages) == 2
    links = click_links(messages[0])
    assert links, "article links go through the click redirect"
    html = messages[0].get_body(("html",)).get_content()
    assert "/newsletters/unsubscribe/" in html  # the reader's own links stay direct
    assert "/n/o/" not in html  # no open pixel unless the newsletter asks for one
    article_link = next(
        u
        for u in links
        if IssueLink.objects.get(issue=issue, url=_target(u)).url.endswith(
            article.url_path.split("/", 2)[-1]
        )
    )
    response = client.get(path_of(article_link))
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == article.url
    assert "utm_medium=email" in response["Location"]  # the view beacon can tell
    assert "Set-Cookie" not in response and not response.cookies
    client.get(path_of(click_links(messages[1])[0]))  # the other reader, same link
    link = IssueLink.objects.get(issue=issue, url=_target(article_link))
    assert link.clicks == 1 + (click_links(messages[1])[0] == article_link)
    assert SubscriberClick.objects.count() == 0  # off by default
    # Both readers got the same links: nothing in them says who clicked.
    assert sorted(click_links(messages[0])) == sorted(click_links(messages[1]))


def _target(url):
    token = urlsplit(url).path.rstrip("/").rsplit("/", 1)[1]
    return signing.loads(token, salt=CLICK_SALT)[1]


def test_the_redirect_refuses_tampered_tokens_and_urls_not_in_the_issue(
    client, newsletter, article, make_article
):
    from masthead.newsletters.rendering import render_issue

    issue = make_issue(newsletter, [article])
    other_issue = make_issue(newsletter, [make_article(title="Elsewhere", slug="elsewhere")])
    render_issue(issue)
    render_issue(other_issue)
    good = IssueLink.objects.filter(issue=issue).first()
    token = click_token(issue_id=issue.pk, url=good.url)
    assert client.get(f"/n/c/{token}/").status_code == 302
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    # A validly signed token for a URL the issue never contained: still refused.
    evil = click_token(issue_id=issue.pk, url="https://evil.example/phish")
    # A real link of another issue, claimed for this one.
    foreign = (
        IssueLink.objects.filter(issue=other_issue)
        .exclude(url__in=IssueLink.objects.filter(issue=issue).values("url"))
        .first()
    )
    borrowed = click_token(issue_id=issue.pk, url=foreign.url)
    wrong_salt = signing.dumps([issue.pk, "https://evil.example/"], compress=True)
    for bad in (tampered, evil, borrowed, wrong_salt, "x", "9" * 40, "%00"):
        response = client.get(f"/n/c/{bad}/")
        assert response.status_code == 404, bad
        assert "Location" not in response
    assert IssueLink.objects.get(pk=good.pk).clicks == 1
    assert not IssueLink.objects.filter(url__contains="evil").exists()


def test_per_subscriber_clicks_only_when_the_newsletter_says_so(
    smtp, client, newsletter, article, django_capture_on_commit_callbacks
):
    newsletter.record_subscriber_clicks = True
    newsletter.save()
    readers = make_subscribers(newsletter, 2)
    issue = make_issue(newsletter, [article])
    send(issue, django_capture_on_commit_callbacks)
    by_reader = {m["To"]: m for m in smtp.parsed()}
    first = click_links(by_reader[readers[0].email])[0]
    second = click_links(by_reader[readers[1].email])[0]
    assert first != second and "?r=" in first
    assert "MHX" not in first
    assert client.get(path_of(first)).status_code == 302
    click = SubscriberClick.objects.get()
    assert click.subscriber_id == readers[0].pk
    # A forged reader id is not recorded (the click still counts).
    forged = first.split("?r=")[0] + "?r=123"
    assert client.get(path_of(forged)).status_code == 302
    assert SubscriberClick.objects.count() == 1


def test_open_pixel_is_off_by_default_and_counts_when_on(
    smtp, client, newsletter, article, django_capture_on_commit_callbacks
):
    field = Newsletter._meta.get_field("track_opens")
    assert field.default is False and "privacy" in field.help_text.lower()
    assert "unreliable" in field.help_text
    newsletter.track_opens = True
    newsletter.save()
    make_subscribers(newsletter, 1)
    issue = make_issue(newsletter, [article])
    send(issue, django_capture_on_commit_callbacks)
    html = smtp.parsed()[0].get_body(("html",)).get_content()
    pixel = re.search(r'<img src="([^"]+/n/o/[^"]+)"', html).group(1)
    response = client.get(path_of(pixel))
    assert response.status_code == 200 and response["Content-Type"] == "image/gif"
    assert not response.cookies
    assert IssueOpens.objects.get(issue=issue).opens == 1
    assert client.get("/n/o/forged/").status_code == 200  # a pixel, but nothing counted
    assert IssueOpens.objects.get(issue=issue).opens == 1
