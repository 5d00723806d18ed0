"""News Feed items go through the stories' review: a reporter drafts and submits, edits only
their own items and never publishes; an editor publishes in one step or approves. Readers see
only live items, and only a publish or unpublish purges the feed."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from masthead.audit.models import AuditEntry
from masthead.caching import tags as cache_tags
from masthead.news.models import NewsFeedItem

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_news_newsfeeditem:add"
EDIT = "wagtailsnippets_news_newsfeeditem:edit"


def form(**overrides):
    data = {
        "headline": "Kyiv metro reopens",
        "summary": "All stations reopened by 9 AM.",
        "article": "",
        "tags": "Kyiv",
        "published_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    }
    data.update(overrides)
    return data


def reader_sees(client, headline: str) -> bool:
    page = client.get(reverse("news_feed")).content.decode()
    latest = client.get(reverse("news_feed_latest")).content.decode()
    assert (headline in page) == (headline in latest)
    return headline in page


def _actions(user) -> list[str]:
    return list(AuditEntry.objects.filter(actor=user).values_list("action", flat=True))


def test_a_reporter_submits_a_draft_and_cannot_publish(client, reporter, home):
    client.force_login(reporter)
    response = client.post(reverse(ADD), {**form(), "action-publish": "action-publish"})
    assert response.status_code == 302
    item = NewsFeedItem.objects.get()
    assert not item.live
    assert item.owner == reporter
    response = client.post(
        reverse(EDIT, args=[item.pk]), {**form(), "action-submit": "action-submit"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert not item.live
    assert item.workflow_states.get().status == WorkflowState.STATUS_IN_PROGRESS
    client.logout()
    assert not reader_sees(client, "Kyiv metro reopens")


def test_a_reporter_cannot_rewrite_someone_elses_item(client, reporter, editor, home):
    item = NewsFeedItem.objects.create(headline="Editor's item", summary="As it was.", owner=editor)
    client.force_login(reporter)
    assert client.get(reverse(EDIT, args=[item.pk])).status_code in (302, 403)
    client.post(reverse(EDIT, args=[item.pk]), form(headline="Rewritten by a reporter"))
    client.post(
        reverse(EDIT, args=[item.pk]),
        {**form(headline="Rewritten by a reporter"), "action-publish": "action-publish"},
    )
    item.refresh_from_db()
    assert item.headline == "Editor's item"
    assert item.latest_revision is None
    # Items without an owner (posted before review existed) are the editors' too.
    legacy = NewsFeedItem.objects.create(headline="Old item", summary="Before review.")
    assert client.get(reverse(EDIT, args=[legacy.pk])).status_code in (302, 403)


def test_a_reporter_edits_their_own_draft(client, reporter, home):
    client.force_login(reporter)
    client.post(reverse(ADD), form())
    item = NewsFeedItem.objects.get()
    assert client.get(reverse(EDIT, args=[item.pk])).status_code == 200
    client.post(reverse(EDIT, args=[item.pk]), form(headline="Kyiv metro reopens fully"))
    item.refresh_from_db()
    assert item.latest_revision.as_object().headline == "Kyiv metro reopens fully"
    assert not item.live


def test_an_editor_publishes_breaking_news_in_one_step(client, editor, home):
    client.force_login(editor)
    page = client.get(reverse(ADD)).content.decode()
    # Publish is the form's main button, not hidden under "Save draft".
    assert page.index('name="action-publish"') < page.index("Save draft")
    response = client.post(reverse(ADD), {**form(), "action-publish": "action-publish"})
    assert response.status_code == 302
    item = NewsFeedItem.objects.get()
    assert item.live
    client.logout()
    assert reader_sees(client, "Kyiv metro reopens")
    entry = AuditEntry.objects.get(action="news_feed.publish")
    assert entry.actor == editor and entry.target_id == str(item.pk)


def test_an_editor_approves_or_rejects_a_submission(client, reporter, editor, home):
    client.force_login(reporter)
    for headline in ("Grain exports rise", "Unverified rumour"):
        client.post(reverse(ADD), {**form(headline=headline), "action-submit": "action-submit"})
    approved = NewsFeedItem.objects.get(headline="Grain exports rise")
    rejected = NewsFeedItem.objects.get(headline="Unverified rumour")
    client.force_login(editor)
    for item, action in ((approved, "approve"), (rejected, "reject")):
        task_state = item.workflow_states.get().current_task_state
        url = reverse(
            "wagtailsnippets_news_newsfeeditem:workflow_action",
            args=[item.pk, action, task_state.pk],
        )
        response = client.post(url, {"comment": ""})
        assert response.status_code == 302
    approved.refresh_from_db()
    rejected.refresh_from_db()
    assert approved.live
    assert not rejected.live
    assert sorted(a for a in _actions(editor) if a.startswith("news_feed.")) == [
        "news_feed.approve",
        "news_feed.reject",
    ]
    client.logout()
    assert reader_sees(client, "Grain exports rise")
    assert not reader_sees(client, "Unverified rumour")


def test_a_draft_of_a_live_item_changes_nothing_readers_see(client, editor, home, settings):
    settings.CACHE_TAG_MEMO_SECONDS = 0  # read the feed tag afresh each time
    item = NewsFeedItem.objects.create(headline="Curfew eased", summary="From 11 PM.")
    assert reader_sees(client, "Curfew eased")
    before = cache_tags.versions([cache_tags.FEED])
    client.force_login(editor)
    client.post(reverse(EDIT, args=[item.pk]), form(headline="Curfew lifted"))
    assert cache_tags.versions([cache_tags.FEED]) == before
    client.logout()
    assert reader_sees(client, "Curfew eased")
    assert not reader_sees(client, "Curfew lifted")
    client.force_login(editor)
    client.post(
        reverse(EDIT, args=[item.pk]),
        {**form(headline="Curfew lifted"), "action-publish": "action-publish"},
    )
    assert cache_tags.versions([cache_tags.FEED]) != before
    client.logout()
    assert reader_sees(client, "Curfew lifted")


def test_unpublishing_takes_an_item_off_the_feed(client, editor, home):
    item = NewsFeedItem.objects.create(headline="Power cuts end", summary="Grid stable.")
    assert reader_sees(client, "Power cuts end")
    client.force_login(editor)
    url = reverse("wagtailsnippets_news_newsfeeditem:unpublish", args=[item.pk])
    assert client.post(url).status_code == 302
    item.refresh_from_db()
    assert not item.live
    assert AuditEntry.objects.filter(action="news_feed.unpublish", actor=editor).exists()
    client.logout()
    assert not reader_sees(client, "Power cuts end")


def test_items_posted_before_review_stay_live():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("masthead.news.migrations.0009_newsfeeditem_keep_live")
    item = NewsFeedItem.objects.create(headline="Old", summary="Posted long ago.")
    NewsFeedItem.objects.filter(pk=item.pk).update(live=False, first_published_at=None)
    migration.keep_existing_items_live(apps, None)
    item.refresh_from_db()
    assert item.live
    assert item.first_published_at == item.published_at
