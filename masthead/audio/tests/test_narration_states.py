"""Every narration ends in a definite state (ready, failed, or waiting for its article to be
live) or is asked for again when the article goes live: none stays pending forever."""

from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import feedparser
import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from masthead.audio.models import Narration
from masthead.audio.services import narration_request
from masthead.audio.tasks import narrate_article
from masthead.audio.text import article_speech_text, text_hash
from masthead.core.tasks import publish_scheduled
from masthead.ops import services as ops_services

from .helpers import publish_with

pytestmark = pytest.mark.django_db


@contextmanager
def clock_at(moment):
    """Run the code inside as if it were `moment`: the go-live of a scheduled revision."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def schedule(page, user, go_live, django_capture_on_commit_callbacks):
    """Publish a revision with a future go-live, as the admin's Publish button does: Wagtail
    sends page_published now, while the page is not live yet."""
    page.go_live_at = go_live
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()


def run_go_live(go_live, django_capture_on_commit_callbacks):
    """The worker's scheduled publishing task, run just after the go-live time."""
    with (
        clock_at(go_live + timedelta(minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        publish_scheduled.enqueue()


def podcast_titles(client) -> set[str]:
    feed = feedparser.parse(client.get("/audio/podcast.xml").content)
    return {entry.title for entry in feed.entries}


def test_a_scheduled_article_is_narrated_at_its_go_live_and_joins_the_podcast_feed(
    make_article, editor, client, django_capture_on_commit_callbacks
):
    page = make_article(title="Embargoed budget report", slug="embargo", publish=False)
    go_live = timezone.now() + timedelta(hours=3)
    schedule(page, editor, go_live, django_capture_on_commit_callbacks)
    assert not page.live
    assert not Narration.objects.backlog().exists()  # nothing waits on a page nobody can read

    run_go_live(go_live, django_capture_on_commit_callbacks)

    page.refresh_from_db()
    assert page.live
    narration = Narration.objects.get(page=page)
    assert narration.state == Narration.State.READY
    assert narration.is_current
    assert "Embargoed budget report" in podcast_titles(client)


def test_a_scheduled_change_to_a_live_article_is_narrated_at_its_go_live(
    make_article, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_article(slug="live-then-changed")
    old_hash = Narration.objects.get(page=page).audio_hash
    page.title = "Bridge reopens to trams as well"
    go_live = timezone.now() + timedelta(hours=1)
    schedule(page, editor, go_live, django_capture_on_commit_callbacks)

    run_go_live(go_live, django_capture_on_commit_callbacks)

    page.refresh_from_db()
    narration = Narration.objects.get(page=page)
    assert narration.state == Narration.State.READY
    assert narration.audio_hash != old_hash
    assert narration.audio_hash == text_hash(article_speech_text(page))


def test_a_narration_pending_when_its_task_skipped_is_queued_again_by_the_next_publish(
    make_article, django_capture_on_commit_callbacks
):
    # A row left pending by the old code: its task ran before the article was live.
    with django_capture_on_commit_callbacks(execute=False):
        page = make_article(slug="stuck")
    assert Narration.objects.get(page=page).state == Narration.State.PENDING

    publish_with(page, django_capture_on_commit_callbacks)

    assert Narration.objects.get(page=page).state == Narration.State.READY


def test_an_article_unpublished_before_its_narration_ran_waits_then_is_narrated_on_republish(
    make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        page = make_article(slug="pulled")
    page.unpublish()
    narration = Narration.objects.get(page=page)
    assert narration.state == Narration.State.WAITING
    assert not Narration.objects.backlog().exists()

    for callback in queued:  # the task queued at publish runs late, on an unpublished page
        callback()
    assert Narration.objects.get(page=page).state == Narration.State.WAITING

    publish_with(page, django_capture_on_commit_callbacks)
    assert Narration.objects.get(page=page).state == Narration.State.READY


def test_the_task_of_a_worker_killed_mid_narration_is_requeued_and_finishes_it(
    make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        page = make_article(slug="killed")
    narration = Narration.objects.get(page=page)
    # The worker had claimed the task and died: its heartbeat stopped long ago.
    task = DBTaskResult.objects.create(
        task_path=narrate_article.module_path,
        args_kwargs={"args": [page.pk, narration.text_hash, False], "kwargs": {}},
        backend_name="default",
        queue_name="narration",
        run_after=timezone.now(),
        status="RUNNING",
        worker_ids=["dead-worker"],
    )
    long_ago = timezone.now() - timedelta(hours=1)
    ops_services.heartbeat_record(worker_id="dead-worker", queues="*", started_at=long_ago)
    ops_services.WorkerHeartbeat.objects.update(last_seen=long_ago)

    assert ops_services.tasks_reap_dead_workers() == 1
    task.refresh_from_db()
    assert task.status == "READY"
    # The next worker to claim it runs the same task again, from the start.
    narrate_article.call(*task.args_kwargs["args"])
    assert Narration.objects.get(page=page).state == Narration.State.READY


def test_a_narration_whose_task_cannot_be_queued_is_failed_with_the_reason(
    make_article, django_capture_on_commit_callbacks
):
    with mock.patch("masthead.audio.tasks.narrate_article") as unreachable_queue:
        unreachable_queue.enqueue.side_effect = OSError("queue down")
        with django_capture_on_commit_callbacks(execute=True):
            page = make_article(slug="no-queue")
    page.refresh_from_db()
    assert page.live  # publishing never fails because of narration
    narration = Narration.objects.get(page=page)
    assert narration.state == Narration.State.FAILED
    assert "queue down" in narration.failure_reason


def test_asking_for_the_narration_of_an_article_not_live_writes_nothing(make_article):
    page = make_article(slug="draft", publish=False)
    assert narration_request(page=page) is None
    assert not Narration.objects.exists()
