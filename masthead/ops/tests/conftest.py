import pytest


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """These tests are about the page cache (or need it, as production has it)."""
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True
