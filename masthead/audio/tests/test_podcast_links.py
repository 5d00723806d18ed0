"""The podcast feed is advertised: in every page's head, and beside the article's player."""

import feedparser
import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _caches_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True


def _soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def _podcast_links(soup):
    return {
        link["href"]: link["title"]
        for link in soup.head.find_all("link", rel="alternate", type="application/rss+xml")
        if "podcast" in link["title"].lower()
    }


def test_every_page_names_the_podcast_feed_in_its_head(client, narrated_article, section):
    for url in ("/", section.url, narrated_article.url, "/news-feed/", "/tags/kyiv/"):
        links = _podcast_links(_soup(client, url))
        assert "/audio/podcast.xml" in links, url
        assert links["/audio/podcast.xml"].endswith(" podcast")


def test_a_section_page_also_names_its_own_podcast(client, narrated_article, section):
    links = _podcast_links(_soup(client, section.url))
    assert links[f"/audio/{section.slug}/podcast.xml"].endswith(": War podcast")
    feed = feedparser.parse(client.get(f"/audio/{section.slug}/podcast.xml").content)
    assert [entry.title for entry in feed.entries] == [narrated_article.title]


def test_the_player_links_to_the_podcast(client, narrated_article):
    player = _soup(client, narrated_article.url).find(attrs={"data-audio-player": True})
    link = player.find("a", string="Podcast")
    assert link["href"] == "/audio/podcast.xml"
    feed = feedparser.parse(client.get(link["href"]).content)
    assert not feed.bozo and feed.entries[0].title == narrated_article.title


def test_an_article_without_audio_shows_no_player_but_keeps_the_head_link(client, make_article):
    page = make_article(slug="silent")
    page.narration.delete()
    soup = _soup(client, page.url)
    assert soup.find(attrs={"data-audio-player": True}) is None
    assert "/audio/podcast.xml" in _podcast_links(soup)
