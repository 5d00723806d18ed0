"""A worker with a backlog takes the urgent tasks first (the database queue, as in make run)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from masthead.accounts.tasks import send_sign_in_email
from masthead.core import signal_handlers
from masthead.images.tasks import generate_renditions

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def next_task_path() -> str:
    return DBTaskResult.objects.ready().first().task_path


def test_a_due_scheduled_publish_goes_before_a_backlog_of_renditions(
    database_queue, django_capture_on_commit_callbacks
):
    for image_id in range(1, 30):
        generate_renditions.enqueue(image_id)
    with django_capture_on_commit_callbacks(execute=True):
        signal_handlers._publish_scheduled_at(timezone.now() - timedelta(seconds=1))
    assert next_task_path() == "masthead.core.tasks.publish_scheduled"


def test_a_scheduled_publish_not_yet_due_waits(database_queue, django_capture_on_commit_callbacks):
    generate_renditions.enqueue(1)
    with django_capture_on_commit_callbacks(execute=True):
        signal_handlers._publish_scheduled_at(timezone.now() + timedelta(minutes=5))
    assert next_task_path() == "masthead.images.tasks.generate_renditions"
    assert DBTaskResult.objects.ready().count() == 1


def test_a_readers_sign_in_link_goes_before_background_work(database_queue):
    generate_renditions.enqueue(1)
    send_sign_in_email.enqueue(email="reader@example.org")
    assert next_task_path() == "masthead.accounts.tasks.send_sign_in_email"
