"""Scheduled publishing end to end, with a real worker process and the database backend."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.news.models import ArticlePage

pytestmark = pytest.mark.slow


def test_the_worker_publishes_a_scheduled_article_at_its_go_live_time(
    task_worker, make_article, django_capture_on_commit_callbacks
):
    page = make_article(title="Embargo lifts soon", slug="embargo-soon", publish=False)
    go_live = timezone.now() + timedelta(seconds=2)
    revision = page.save_revision()
    revision.approved_go_live_at = go_live
    revision.save()  # transactional test: on_commit runs at once, enqueuing a deferred task

    task_worker()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not ArticlePage.objects.get(pk=page.pk).live:
        time.sleep(0.2)
    page.refresh_from_db()
    assert page.live
    assert page.first_published_at >= go_live - timedelta(seconds=1)
