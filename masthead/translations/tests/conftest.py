import pytest
from wagtail.models import Locale


@pytest.fixture
def uk(db):
    locale, _ = Locale.objects.get_or_create(language_code="uk")
    return locale


@pytest.fixture
def uk_section(home, section, uk):
    """The Ukrainian edition's home and the section's translation, live, as the editions
    set-up makes them."""
    uk_home = home.copy_for_translation(uk)
    uk_home.save_revision().publish()
    uk_section = section.copy_for_translation(uk)
    uk_section.title = "Війна"
    uk_section.save_revision().publish()
    return uk_section
