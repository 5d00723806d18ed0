"""Composing and sending from Wagtail's admin."""

import re
from datetime import timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from masthead.newsletters import services
from masthead.newsletters.models import (
    Delivery,
    Issue,
    IssueArticle,
    Subscriber,
    Subscription,
)
from masthead.newsletters.roles import ensure_newsletter_permissions
from masthead.newsletters.sending import deliveries_create
from masthead.newsletters.tasks import send_scheduled_issue

from .factories import make_issue, make_subscribers

KYIV = ZoneInfo("Europe/Kyiv")


@pytest.fixture
def issue(newsletter, article):
    return make_issue(newsletter, [article])


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "newsletters", "narration"],
        }
    }


def dashboard(issue):
    return reverse("newsletters_admin:issue", args=[issue.pk])


def test_an_editor_may_compose_and_send_issues(client, editor, issue):
    ensure_newsletter_permissions()
    client.force_login(editor)
    response = client.get(dashboard(issue))
    assert response.status_code == 200
    assert "Send now to The Morning Briefing" in response.content.decode()


def test_a_reporter_cannot_reach_the_sending_page(client, reporter, issue):
    ensure_newsletter_permissions()
    client.force_login(reporter)
    assert client.get(dashboard(issue)).status_code in (302, 403)


def test_the_issue_listing_links_to_its_sending_page(client, admin_user, issue):
    client.force_login(admin_user)
    response = client.get(reverse("wagtailsnippets_newsletters_issue:list"))
    assert response.status_code == 200
    assert dashboard(issue) in response.content.decode()


def test_the_issue_can_be_created_in_the_snippet_editor(client, admin_user, newsletter, article):
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailsnippets_newsletters_issue:add"),
        {
            "newsletter": newsletter.pk,
            "subject": "Composed in the CMS",
            "preheader": "Short",
            "intro": '{"blocks":[{"key":"a","text":"Hello readers","type":"unstyled",'
            '"depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
            "items-0-article": article.pk,
            "items-0-ORDER": "1",
            "items-0-id": "",
            "items-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    issue = Issue.objects.get(subject="Composed in the CMS")
    assert "Hello readers" in issue.intro
    assert list(issue.items.values_list("article_id", flat=True)) == [article.pk]


def test_the_preview_shows_the_rendered_email_in_html_and_text(client, admin_user, issue):
    client.force_login(admin_user)
    url = reverse("newsletters_admin:preview", args=[issue.pk])
    html = client.get(url)
    assert html.status_code == 200
    assert "Bridge reopens after repairs" in html.content.decode()
    assert 'style="' in html.content.decode()
    text = client.get(url + "?format=text")
    assert text["Content-Type"].startswith("text/plain")
    assert "Bridge reopens after repairs" in text.content.decode()


def test_sending_a_test_reaches_only_that_address(client, admin_user, issue, smtp_server):
    make_subscribers(issue.newsletter, 3)
    client.force_login(admin_user)
    response = client.post(dashboard(issue), {"action": "test", "email": "Desk@News.Example"})
    assert response.status_code == 302
    assert smtp_server.recipients() == ["desk@news.example"]
    assert smtp_server.parsed()[0]["Subject"] == "[Test] The night in five stories"
    issue.refresh_from_db()
    assert issue.status == Issue.DRAFT


def test_a_test_send_creates_no_subscriber_and_its_links_change_nothing(
    client, admin_user, issue, smtp_server
):
    make_subscribers(issue.newsletter, 1)
    client.force_login(admin_user)
    client.post(dashboard(issue), {"action": "test", "email": "desk@news.example"})
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["reader0@example.com"]
    text = smtp_server.parsed()[0].get_body(("plain",)).get_content()
    links = [urlsplit(url).path for url in re.findall(r"https?://\S+/newsletters/\S+/", text)]
    assert len(links) == 2  # preferences and unsubscribe
    client.logout()
    for path in links:
        page = client.get(path)
        assert page.status_code == 200
        assert "came from a test email" in page.content.decode()
    one_click = client.post(links[-1], {"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    assert not Subscription.objects.exclude(status=Subscription.ACTIVE).exists()


def test_a_test_send_to_a_subscriber_carries_their_own_links(
    client, admin_user, issue, smtp_server
):
    reader = make_subscribers(issue.newsletter, 1)[0]
    client.force_login(admin_user)
    client.post(dashboard(issue), {"action": "test", "email": reader.email})
    text = smtp_server.parsed()[0].get_body(("plain",)).get_content()
    manage = re.search(r"https?://\S+/newsletters/preferences/\S+/", text).group(0)
    assert reader.email in client.get(urlsplit(manage).path).content.decode()


def test_a_bad_test_address_is_a_400_with_the_message(client, admin_user, issue):
    client.force_login(admin_user)
    response = client.post(dashboard(issue), {"action": "test", "email": "nope"})
    assert response.status_code == 400
    assert "Please, enter correct email address" in response.content.decode()


def test_add_latest_from_a_section_appends_new_articles_in_order(
    client, admin_user, newsletter, section, make_article
):
    older = make_article(
        title="Older", slug="older", published_at=timezone.now() - timedelta(days=2)
    )
    newer = make_article(
        title="Newer", slug="newer", published_at=timezone.now() - timedelta(days=1)
    )
    issue = make_issue(newsletter, [older])
    client.force_login(admin_user)
    response = client.post(
        dashboard(issue), {"action": "latest", "section": section.pk, "count": 5}
    )
    assert response.status_code == 302
    assert list(
        IssueArticle.objects.filter(issue=issue)
        .order_by("sort_order")
        .values_list("article_id", flat=True)
    ) == [older.pk, newer.pk]


def test_scheduling_enqueues_a_task_that_runs_after_the_chosen_time(
    client, admin_user, issue, db_tasks, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    when = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            dashboard(issue),
            # Typed in the newsroom's zone, as the editor reads the clock.
            {
                "action": "schedule",
                "send_at": timezone.localtime(when, KYIV).strftime("%Y-%m-%dT%H:%M"),
            },
        )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == Issue.SCHEDULED
    task = DBTaskResult.objects.get(task_path="masthead.newsletters.tasks.send_scheduled_issue")
    assert task.run_after == issue.scheduled_at


def test_scheduling_in_the_past_is_refused(client, admin_user, issue, db_tasks):
    client.force_login(admin_user)
    past = (timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(dashboard(issue), {"action": "schedule", "send_at": past}, follow=True)
    assert "Choose a time in the future" in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == Issue.DRAFT


def test_the_scheduled_task_sends_only_if_the_issue_is_still_scheduled_for_now(
    issue, smtp_server, django_capture_on_commit_callbacks
):
    make_subscribers(issue.newsletter, 2)
    Issue.objects.filter(pk=issue.pk).update(
        status=Issue.SCHEDULED, scheduled_at=timezone.now() + timedelta(hours=1)
    )
    assert send_scheduled_issue.call(issue.pk) is False  # rescheduled later: not yet
    Issue.objects.filter(pk=issue.pk).update(scheduled_at=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_scheduled_issue.call(issue.pk) is True
    issue.refresh_from_db()
    assert issue.status == Issue.SENT
    assert len(smtp_server.messages) == 2


def test_progress_shows_counts_rate_and_failures(
    client, admin_user, issue, smtp_server, django_capture_on_commit_callbacks
):
    make_subscribers(issue.newsletter, 3)
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_send_now(issue=issue)
    client.force_login(admin_user)
    data = client.get(reverse("newsletters_admin:progress", args=[issue.pk])).json()
    assert data["total"] == 3 and data["sent"] == 3 and data["failed"] == 0
    assert data["status"] == "sent" and data["percent"] == 100.0
    page = client.get(dashboard(issue)).content.decode()
    assert "Sent 3 of 3 (100.0% processed)" in page and "messages/s" in page


def test_progress_counts_a_failed_message_as_failed_not_sent(
    client, admin_user, issue, smtp_server, django_capture_on_commit_callbacks
):
    readers = make_subscribers(issue.newsletter, 3)
    smtp_server.refuse[readers[1].email] = "550 5.1.1 No such user"
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_send_now(issue=issue)
    client.force_login(admin_user)
    data = client.get(reverse("newsletters_admin:progress", args=[issue.pk])).json()
    assert (data["sent"], data["failed"], data["pending"]) == (2, 1, 0)
    assert data["summary"] == "Sent 2 of 3, 1 failed"
    page = client.get(dashboard(issue)).content.decode()
    assert "Sent 2 of 3, 1 failed (100.0% processed)" in page


def test_progress_shows_what_is_still_pending(client, admin_user, issue):
    make_subscribers(issue.newsletter, 3)
    Issue.objects.filter(pk=issue.pk).update(status=Issue.SENDING)
    deliveries_create(issue=issue)
    Delivery.objects.filter(pk=Delivery.objects.order_by("pk").first().pk).update(
        state=Delivery.SENT, sent_at=timezone.now()
    )
    client.force_login(admin_user)
    page = client.get(dashboard(issue)).content.decode()
    assert "Sent 1 of 3, 2 pending (33.3% processed)" in page


def test_a_sent_issue_cannot_be_edited_from_the_sending_page(client, admin_user, issue):
    Issue.objects.filter(pk=issue.pk).update(status=Issue.SENT)
    client.force_login(admin_user)
    response = client.post(dashboard(issue), {"action": "latest", "section": 1, "count": 1})
    assert response.status_code in (302, 400)
    assert IssueArticle.objects.filter(issue=issue).count() == 1
