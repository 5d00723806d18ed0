"""Narrations queued in bulk (the demo seed) wait behind other tasks and use fewer cores."""

import pytest
from django_tasks import default_task_backend

from masthead.audio import services
from masthead.audio.backends.silence import SilenceBackend
from masthead.core.seeding import bulk_load

pytestmark = pytest.mark.django_db


class CountingBackend(SilenceBackend):
    """The silent engine, remembering the core cap of each call."""

    def __init__(self):
        super().__init__()
        self.threads_asked = []

    def speak(self, text, *, language="en", threads=None):
        self.threads_asked.append(threads)
        return super().speak(text, language=language)


@pytest.fixture
def engine(monkeypatch):
    backend = CountingBackend()
    monkeypatch.setattr(services, "get_backend", lambda language=None: backend)
    return backend


def test_a_narration_queued_while_loading_in_bulk_uses_one_core(
    make_article, engine, django_capture_on_commit_callbacks, settings
):
    settings.AUDIO_BACKFILL_THREADS = 1
    with bulk_load(), django_capture_on_commit_callbacks(execute=True):
        make_article(slug="seeded")
    assert engine.threads_asked == [1]


def test_a_narration_of_an_editors_publish_uses_the_engines_own_setting(
    make_article, engine, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_article(slug="published")
    assert engine.threads_asked == [None]


def test_a_narration_queued_in_bulk_waits_behind_other_tasks(
    make_article, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "newsletters", "narration"],
        }
    }
    with bulk_load(), django_capture_on_commit_callbacks(execute=True):
        make_article(slug="seeded")
    with django_capture_on_commit_callbacks(execute=True):
        make_article(slug="published")
    narrations = [r for r in default_task_backend.results if r.task.name == "narrate_article"]
    assert [(r.args[3], r.task.priority) for r in narrations] == [
        (True, services.BACKFILL_PRIORITY),
        (False, 0),
    ]
