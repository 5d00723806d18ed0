"""The audio player and podcast feed of the Ukrainian edition: the disclosure that the voice
is machine-made is in the reader's language, and so are the player's controls."""

from html import unescape

import feedparser
import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from masthead.editions.services import start_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def uk_narrated_article(narrated_article, django_capture_on_commit_callbacks):
    """The narrated story's Ukrainian translation, under the Ukrainian edition's home (so it
    is served at /uk/...), narrated in its turn."""
    start_edition("uk", title="Мастхед")
    uk = Locale.objects.get(language_code="uk")
    with django_capture_on_commit_callbacks(execute=True):
        translated = narrated_article.copy_for_translation(uk, copy_parents=True)
        translated.save_revision().publish()
    translated.refresh_from_db()
    translated = translated.specific
    translated.narration.refresh_from_db()
    assert translated.url.startswith("/uk/")
    return translated


def test_the_player_and_its_disclosure_are_ukrainian(client, uk_narrated_article):
    with translation.override("uk"):
        page = unescape(client.get(uk_narrated_article.url).content.decode())
    assert "Це аудіо створено за допомогою штучного інтелекту" in page
    assert "Прослухайте цей матеріал" in page
    # The script takes its words from the page (static/js/audio-player.js).
    assert 'data-label-play="Слухати" data-label-pause="Пауза" data-label-of="з"' in page
    assert 'aria-valuetext="0:00 з ' in page
    assert "Тривалість:" in page and "Швидкість" in page
    assert "created with AI assistance" not in page


def test_the_english_player_is_unchanged(client, narrated_article):
    page = unescape(client.get(narrated_article.url).content.decode())
    assert "This audio is created with AI assistance" in page
    assert 'data-label-play="Play"' in page and 'aria-valuetext="0:00 of ' in page


def test_the_podcast_feed_describes_itself_in_ukrainian(client, uk_narrated_article):
    with translation.override("uk"):
        url = reverse("audio:podcast")
        feed = feedparser.parse(client.get(url).content)
    assert url.startswith("/uk/")
    assert feed.feed.title.endswith(": матеріали в аудіоформаті")
    assert "синтезований голос" in feed.feed.description
    assert len(feed.entries) == 1
