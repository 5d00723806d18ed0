"""Reply notifications by email, through a real SMTP server, and the opt-out."""

import re

import pytest
from django.urls import reverse

from masthead.comments.models import HOLD, Comment, SectionModeration

pytestmark = pytest.mark.django_db


def reply(client, article, parent, body, capture):
    with capture(execute=True):
        return client.post(
            reverse("comments:post", args=[article.pk]), {"body": body, "parent": parent.pk}
        )


def test_the_parent_author_gets_an_email_about_a_reply(
    client, reader, other_reader, plain_article, smtp_inbox, django_capture_on_commit_callbacks
):
    parent = Comment.objects.create(article=plain_article, author=other_reader, body="Question?")
    client.force_login(reader)
    reply(client, plain_article, parent, "Here is an answer.", django_capture_on_commit_callbacks)
    (message,) = smtp_inbox.to("maria@example.org")
    assert "Taras replied to your comment" in message["Subject"]
    body = smtp_inbox.text(message)
    assert "Here is an answer." in body
    assert f"/comments/{plain_article.pk}/#comment-" in body


def test_the_opt_out_link_stops_reply_emails(
    client, reader, other_reader, plain_article, smtp_inbox, django_capture_on_commit_callbacks
):
    parent = Comment.objects.create(article=plain_article, author=other_reader, body="Q?")
    client.force_login(reader)
    reply(client, plain_article, parent, "First answer.", django_capture_on_commit_callbacks)
    body = smtp_inbox.text(smtp_inbox.to("maria@example.org")[0])
    opt_out = re.search(r"http://\S+(/comments/replies-off/\S+/)", body).group(1)

    anonymous = client.__class__()
    assert anonymous.get(opt_out).status_code == 200
    assert anonymous.post(opt_out).status_code == 200
    reply(client, plain_article, parent, "Second answer.", django_capture_on_commit_callbacks)
    assert len(smtp_inbox.to("maria@example.org")) == 1

    tampered = opt_out.replace("replies-off/", "replies-off/9")
    assert anonymous.post(tampered).status_code == 400


def test_no_email_for_replying_to_yourself(
    client, reader, plain_article, smtp_inbox, django_capture_on_commit_callbacks
):
    parent = Comment.objects.create(article=plain_article, author=reader, body="Mine.")
    client.force_login(reader)
    reply(client, plain_article, parent, "Adding to myself.", django_capture_on_commit_callbacks)
    assert smtp_inbox.messages == []


def test_a_held_reply_notifies_only_once_approved(
    client,
    editor,
    reader,
    other_reader,
    plain_article,
    smtp_inbox,
    django_capture_on_commit_callbacks,
):
    SectionModeration.objects.create(section=plain_article.get_parent().specific, mode=HOLD)
    parent = Comment.objects.create(article=plain_article, author=other_reader, body="Q?")
    client.force_login(reader)
    reply(client, plain_article, parent, "Held answer.", django_capture_on_commit_callbacks)
    assert smtp_inbox.messages == []
    client.force_login(editor)
    held = Comment.objects.get(status=Comment.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("comments_admin:act"), {"single": f"approve:{held.pk}"})
    assert len(smtp_inbox.to("maria@example.org")) == 1


def test_the_account_page_switches_reply_emails_off_and_on(client, reader):
    from masthead.comments.notifications import wants_reply_emails

    client.force_login(reader)
    client.post(reverse("comments:preferences"), {})
    assert not wants_reply_emails(reader)
    client.post(reverse("comments:preferences"), {"notify_replies": "on"})
    assert wants_reply_emails(reader)
