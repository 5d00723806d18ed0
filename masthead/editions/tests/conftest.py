"""An English site with a Ukrainian edition: its home (the translation of the English one),
a translated section and stories in one language or both."""

import pytest


@pytest.fixture
def uk_home(home):
    from masthead.editions.services import start_edition

    return start_edition("uk", title="Мастхед")


@pytest.fixture
def uk_section(uk_home, section):
    from wagtail.models import Locale

    uk = Locale.objects.get(language_code="uk")
    translated = section.copy_for_translation(uk)
    translated.title = "Війна"
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated.specific


@pytest.fixture
def translate():
    """The Ukrainian translation of an English story, published under its section's
    translation, with a headline of its own."""
    from wagtail.models import Locale

    def make(article, *, title, publish=True):
        uk = Locale.objects.get(language_code="uk")
        translated = article.copy_for_translation(uk, copy_parents=True)
        translated.title = title
        translated.slug = article.slug
        revision = translated.save_revision()
        if publish:
            revision.publish()
        translated.refresh_from_db()
        return translated.specific

    return make
