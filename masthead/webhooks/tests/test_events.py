"""Newsroom actions reach a real receiver as signed events, with public fields only."""

import time

import pytest
from django.db import transaction

from masthead.accounts.tests.factories import UserFactory
from masthead.webhooks import events, services
from masthead.webhooks.models import Delivery

pytestmark = pytest.mark.django_db


def test_publishing_an_article_sends_a_verified_article_published(
    receiver, endpoint, make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(title="Ferry service resumes")
    (request,) = receiver.requests
    assert request.verified
    assert request.path == "/hooks/masthead"
    assert request.headers["content-type"] == "application/json"
    message = request.json
    assert message["type"] == "article.published"
    data = message["data"]
    assert data["id"] == article.pk
    assert data["title"] == "Ferry service resumes"
    assert data["url"].endswith("/war/ferry-service-resumes/")
    assert data["language"] == "en"
    assert data["section"]["title"] == "War"
    assert [a["name"] for a in data["authors"]] == ["Iryna Demo"]
    assert data["first_published_at"]
    delivery = Delivery.objects.get()
    assert request.headers["webhook-id"] == delivery.message_id
    assert abs(int(request.headers["webhook-timestamp"]) - time.time()) < 300
    assert delivery.status == Delivery.SUCCEEDED and delivery.last_response_code == 200
    assert delivery.response_excerpt == '{"ok": true}'


def test_republish_is_an_update_unpublish_and_return_are_told_apart(
    receiver, endpoint, make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Bridge reopens (updated)"
        article.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    types = [r.json["type"] for r in receiver.requests]
    assert types == [
        "article.published",
        "article.updated",
        "article.unpublished",
        "article.published",
    ]
    assert all(r.verified for r in receiver.requests)
    assert receiver.requests[1].json["data"]["title"] == "Bridge reopens (updated)"
    assert receiver.requests[2].json["data"]["id"] == article.pk
    # Each message has its own id; receivers de-duplicate on it.
    assert len({r.headers["webhook-id"] for r in receiver.requests}) == 4


def test_deleting_a_live_article_is_an_unpublish(
    receiver, endpoint, make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article()
        draft = make_article(title="Never published", publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
        draft.delete()
    assert [r.json["type"] for r in receiver.requests] == [
        "article.published",
        "article.unpublished",
    ]
    data = receiver.requests[1].json["data"]
    assert data["id"] == article.pk
    assert data["url"].endswith("/war/bridge-reopens-after-repairs/")


def test_members_only_text_and_emails_never_leave(
    receiver, endpoint, make_article, django_capture_on_commit_callbacks
):
    body = [{"type": "paragraph", "value": "<p>MEMBERS-ONLY-FIGURES 4 2 7</p>"}]
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Premium analysis", is_premium=True, body=body)
    (request,) = receiver.requests
    assert b"MEMBERS-ONLY-FIGURES" not in request.body
    assert b"@" not in request.body  # no author or staff email
    assert request.json["data"]["premium"] is True


def test_only_active_endpoints_that_chose_the_event_get_it(
    receiver, endpoint, allow_private, admin_user, make_article, django_capture_on_commit_callbacks
):
    endpoint.events = ["article.unpublished"]
    endpoint.save()
    services.endpoint_create(
        url=receiver.url, description="off", events=events.EVENT_TYPES, owner=admin_user
    )[0].__class__.objects.filter(description="off").update(active=False)
    with django_capture_on_commit_callbacks(execute=True):
        make_article()
    assert receiver.requests == [] and not Delivery.objects.exists()


def test_a_rolled_back_publish_sends_nothing(
    receiver, endpoint, make_article, django_capture_on_commit_callbacks
):
    article = make_article(publish=False)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        article.save_revision().publish()
        raise RuntimeError("the editor's request failed later")
    assert receiver.requests == [] and not Delivery.objects.exists()


def test_a_scheduled_revision_waits_for_its_go_live(
    receiver, endpoint, make_article, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    article = make_article(publish=False)
    article.go_live_at = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert receiver.requests == []


def test_a_held_comment_is_announced_without_its_text_or_author(
    receiver, endpoint, article, django_capture_on_commit_callbacks
):
    from masthead.comments.services import comment_create

    reader = UserFactory(username="reader", email="reader@example.org")
    text = "See http://a.example http://b.example http://c.example for SECRET-OPINION"
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(article=article, author=reader, body=text)
    assert comment.status == "pending"
    (request,) = receiver.of_type("comment.held")
    assert request.verified
    data = request.json["data"]
    assert data["id"] == comment.pk and data["reason"] == "links"
    assert data["article"]["id"] == article.pk
    assert data["moderation_url"].endswith("/admin/comments/")
    assert b"SECRET-OPINION" not in request.body and b"reader" not in request.body


def test_a_published_comment_is_not_an_event(
    receiver, endpoint, article, django_capture_on_commit_callbacks
):
    from masthead.comments.services import comment_create

    with django_capture_on_commit_callbacks(execute=True):
        comment_create(article=article, author=UserFactory(), body="Thank you for this.")
    assert receiver.of_type("comment.held") == []


def test_a_feed_item_published_in_the_admin_is_sent_once(
    receiver, endpoint, editor, client, django_capture_on_commit_callbacks
):
    from django.urls import reverse
    from django.utils import timezone

    from masthead.news.models import NewsFeedItem

    client.force_login(editor)
    form = {
        "headline": "Air raid alert in Kyiv",
        "summary": "Sirens sounded at 02:10.",
        "article": "",
        "tags": "Kyiv",
        "published_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailsnippets_news_newsfeeditem:add"), form)
    assert response.status_code == 302 and receiver.requests == []  # a draft: nothing yet
    item = NewsFeedItem.objects.get()
    edit = reverse("wagtailsnippets_news_newsfeeditem:edit", args=[item.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, {**form, "action-publish": "publish"})
    with django_capture_on_commit_callbacks(execute=True):
        form["summary"] = "Sirens sounded at 02:10. The alert ended at 03:00."
        client.post(edit, {**form, "action-publish": "publish"})
    item.refresh_from_db()
    assert item.live and item.summary.endswith("03:00.")
    (request,) = receiver.of_type("feed_item.published")  # the edit is not a second one
    assert request.verified
    data = request.json["data"]
    assert data["id"] == item.pk and data["headline"] == "Air raid alert in Kyiv"
    assert data["tags"] == ["Kyiv"]
    assert data["feed_url"].endswith("/news-feed/")


def test_a_sent_newsletter_issue_is_announced(
    receiver, endpoint, article, django_capture_on_commit_callbacks
):
    from masthead.newsletters.models import Issue, IssueArticle, Newsletter
    from masthead.newsletters.sending import issue_finish_if_done

    newsletter = Newsletter.objects.create(name="Morning Briefing", slug="morning")
    issue = Issue.objects.create(newsletter=newsletter, subject="Tuesday", status=Issue.SENDING)
    IssueArticle.objects.create(issue=issue, article=article)
    with django_capture_on_commit_callbacks(execute=True):
        assert issue_finish_if_done(issue_id=issue.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert not issue_finish_if_done(issue_id=issue.pk)  # already sent: no second event
    (request,) = receiver.of_type("newsletter_issue.sent")
    data = request.json["data"]
    assert data["subject"] == "Tuesday" and data["newsletter"]["name"] == "Morning Briefing"
    assert [a["id"] for a in data["articles"]] == [article.pk]


def test_a_webhook_failure_never_fails_the_publish(
    receiver, endpoint, make_article, django_capture_on_commit_callbacks
):
    from unittest import mock

    with (
        mock.patch(
            "masthead.webhooks.models.Delivery.objects.bulk_create",
            side_effect=RuntimeError("database trouble"),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        article = make_article(title="Published all the same")
    article.refresh_from_db()
    assert article.live and receiver.requests == [] and not Delivery.objects.exists()
