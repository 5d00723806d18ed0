"""The audio player and podcast feed of the Ukrainian edition: the disclosure that the voice
is machine-made is in the reader's language, and so are the player's controls."""

from html import unescape

import feedparser
import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_the_player_and_its_disclosure_are_ukrainian(client, narrated_article):
    with translation.override("uk"):
        page = unescape(client.get(narrated_article.url).content.decode())
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


def test_the_podcast_feed_describes_itself_in_ukrainian(client, narrated_article):
    with translation.override("uk"):
        feed = feedparser.parse(client.get("/audio/podcast.xml").content)
    assert feed.feed.title.endswith(": матеріали в аудіоформаті")
    assert "синтезований голос" in feed.feed.description
    assert len(feed.entries) == 1
