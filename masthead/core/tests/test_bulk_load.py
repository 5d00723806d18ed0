"""Loading content in bulk (core/seeding.py): no task per save, one index pass at the end."""

import pytest
from django_tasks import default_task_backend
from wagtail.models import ReferenceIndex

from masthead.core.seeding import bulk_load, bulk_loading
from masthead.news.models import ArticlePage, StaticPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings):
    """The tasks queued meanwhile (a backend that only records them)."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "newsletters", "narration"],
        }
    }
    default_task_backend.clear()
    return default_task_backend.results


def test_loading_in_bulk_queues_no_index_task_and_the_pages_are_searchable(
    make_article, queued, django_capture_on_commit_callbacks
):
    with bulk_load(), django_capture_on_commit_callbacks(execute=True):
        assert bulk_loading()
        article = make_article(title="Grain corridor reopens", slug="grain")
    assert not bulk_loading()
    index_tasks = {"insert_or_update_object_task", "update_reference_index_task"}
    assert [r for r in queued if r.task.name in index_tasks] == []
    assert [p.pk for p in ArticlePage.objects.live().search("grain corridor")] == [article.pk]
    assert ReferenceIndex.objects.filter(object_id=str(article.pk)).exists()


def test_a_page_deleted_while_loading_in_bulk_ends_without_an_error(home, queued):
    with bulk_load():
        page = StaticPage(title="Team", slug="team")
        home.add_child(instance=page)
        page.save_revision().publish()
        StaticPage.objects.get(pk=page.pk).delete()
    assert not StaticPage.objects.filter(slug="team").exists()


def test_after_loading_in_bulk_saves_queue_their_index_tasks_again(make_article, queued):
    with bulk_load():
        pass
    make_article(slug="later")
    assert any(r.task.name == "insert_or_update_object_task" for r in queued)
