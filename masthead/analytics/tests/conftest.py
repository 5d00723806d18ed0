import pytest

from masthead.analytics import recording


@pytest.fixture(autouse=True)
def _fresh_counter(settings):
    settings.MASTHEAD_POPULAR_COUNTER = "local"
    recording.get_counter().drain()
    recording._salts.clear()
    yield
    recording.get_counter().drain()
    recording._salts.clear()
