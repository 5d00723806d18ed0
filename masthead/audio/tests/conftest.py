import pytest


@pytest.fixture
def narrated_article(make_article, django_capture_on_commit_callbacks):
    """A published article whose narration task has run (silent engine in tests)."""
    with django_capture_on_commit_callbacks(execute=True):
        page = make_article(slug="narrated")
    page.narration.refresh_from_db()
    return page
