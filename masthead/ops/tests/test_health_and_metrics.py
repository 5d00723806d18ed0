"""Liveness, readiness, the protected metrics endpoint and the dead-worker reaper."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from masthead.ops import services
from masthead.ops.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_without_setting_a_cookie(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert not response.cookies


def test_readyz_reports_database_cache_and_worker(client):
    body = client.get("/readyz").json()
    assert body["status"] == "ready"
    assert set(body["checks"]) == {"database", "cache", "worker"}


def test_readyz_is_unavailable_when_the_queue_has_no_live_worker(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "no worker" in response.json()["checks"]["worker"]


def test_readyz_is_ready_with_a_fresh_heartbeat(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    services.heartbeat_record(worker_id="w1", queues="*", started_at=timezone.now())
    assert client.get("/readyz").status_code == 200


def test_metrics_do_not_exist_without_a_token(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404


@pytest.mark.parametrize("header", ["", "Bearer wrong", "Basic c2VjcmV0", "Bearer s3cret-token x"])
def test_metrics_refuse_a_missing_or_wrong_token(client, settings, header):
    settings.METRICS_TOKEN = "s3cret-token"
    response = client.get("/metrics", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_metrics_show_latency_cache_results_and_queue_depth(client, settings, article):
    settings.METRICS_TOKEN = "s3cret-token"
    client.get(article.url)
    client.get(article.url)
    DBTaskResult.objects.create(
        task_path="masthead.core.tasks.publish_scheduled",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
    )
    services.heartbeat_record(worker_id="w1", queues="*", started_at=timezone.now())
    text = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token").content.decode()
    assert 'masthead_request_duration_seconds_bucket{le="0.001",view="page:ArticlePage"}' in text
    assert 'view="page_cache_hit"' in text
    assert 'masthead_page_cache_requests_total{result="hit"}' in text
    assert 'masthead_task_queue_depth{queue="default",status="READY"} 1.0' in text
    assert 'masthead_task_queue_oldest_ready_seconds{queue="default"}' in text
    assert 'masthead_worker_heartbeat_age_seconds{worker="w1"}' in text


def _running_task(worker_id: str) -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path="masthead.core.tasks.publish_scheduled",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
        status="RUNNING",
        started_at=timezone.now(),
        worker_ids=[worker_id],
    )


def test_a_dead_workers_running_task_goes_back_on_the_queue(settings):
    settings.WORKER_HEARTBEAT_STALE_AFTER = 30
    services.heartbeat_record(worker_id="dead", queues="*", started_at=timezone.now())
    WorkerHeartbeat.objects.filter(worker_id="dead").update(
        last_seen=timezone.now() - timedelta(minutes=5)
    )
    services.heartbeat_record(worker_id="alive", queues="*", started_at=timezone.now())
    orphan, busy = _running_task("dead"), _running_task("alive")

    assert services.tasks_reap_dead_workers() == 1

    orphan.refresh_from_db()
    busy.refresh_from_db()
    assert orphan.status == "READY" and orphan.started_at is None
    assert busy.status == "RUNNING"
    assert not WorkerHeartbeat.objects.filter(worker_id="dead").exists()


def test_reaping_with_no_dead_worker_changes_nothing():
    services.heartbeat_record(worker_id="alive", queues="*", started_at=timezone.now())
    task = _running_task("alive")
    assert services.tasks_reap_dead_workers() == 0
    task.refresh_from_db()
    assert task.status == "RUNNING"


def _documented_metrics() -> set[str]:
    """Every metric name the docs promise: `masthead_...` names in docs/ that are not the
    names of Wagtail hooks (the only other thing the docs call masthead_...)."""
    import re
    from pathlib import Path

    from django.conf import settings

    docs = Path(settings.BASE_DIR) / "docs"
    names = set()
    for page in docs.rglob("*.md"):
        names |= set(re.findall(r"\bmasthead_[a-z_]+", page.read_text()))
    return {name for name in names if not name.endswith("_sections")}


def test_every_documented_metric_is_exported_when_the_database_has_data(
    client, settings, make_article, django_capture_on_commit_callbacks
):
    from masthead.audio.models import Narration
    from masthead.newsletters.models import Delivery, Newsletter
    from masthead.newsletters.tests.factories import make_issue, make_subscribers

    settings.METRICS_TOKEN = "s3cret-token"
    with django_capture_on_commit_callbacks(execute=False):
        article = make_article(slug="waiting-for-its-voice")  # its narration task not run
    client.get(article.url)
    client.get(article.url)
    DBTaskResult.objects.create(
        task_path="masthead.core.tasks.publish_scheduled",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
    )
    services.heartbeat_record(worker_id="w1", queues="*", started_at=timezone.now())
    newsletter = Newsletter.objects.create(name="Morning", slug="morning")
    (subscriber,) = make_subscribers(newsletter, 1)
    Delivery.objects.create(
        issue=make_issue(newsletter),
        subscriber=subscriber,
        state=Delivery.SENT,
        sent_at=timezone.now(),
    )
    assert Narration.objects.backlog().count() == 1

    text = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token").content.decode()

    documented = _documented_metrics()
    assert "masthead_narration_backlog" in documented
    exported = {line.split("{")[0].split(" ")[0] for line in text.splitlines() if line[:1] != "#"}
    missing = {
        name for name in documented if not any(sample.startswith(name) for sample in exported)
    }
    assert missing == set()
    assert "masthead_narration_backlog 1.0" in text
    assert "masthead_newsletter_send_rate " in text
