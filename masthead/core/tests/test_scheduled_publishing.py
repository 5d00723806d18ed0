from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import default_task_backend

from masthead.core.tasks import publish_scheduled

pytestmark = pytest.mark.django_db


def test_a_revision_whose_time_has_come_is_published_by_the_task(
    make_article, django_capture_on_commit_callbacks
):
    page = make_article(title="Embargoed report", slug="embargo", publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        revision = page.save_revision()
        revision.approved_go_live_at = timezone.now() - timedelta(seconds=1)
        revision.save()  # the signal enqueues the task; the test backend runs it at once
    page.refresh_from_db()
    assert page.live


def test_a_future_revision_waits(make_article):
    page = make_article(title="Tomorrow's report", slug="tomorrow", publish=False)
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() + timedelta(hours=1)
    revision.save()
    publish_scheduled.enqueue()
    page.refresh_from_db()
    assert not page.live


def test_scheduling_enqueues_a_deferred_task_on_a_backend_that_can_wait(
    make_article, settings, django_capture_on_commit_callbacks
):
    page = make_article(title="Later report", slug="later", publish=False)
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "newsletters", "narration"],
        }
    }
    go_live = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        revision = page.save_revision()
        revision.approved_go_live_at = go_live
        revision.save()
    results = [r for r in default_task_backend.results if r.task.name == "publish_scheduled"]
    assert results and results[-1].task.run_after == go_live
