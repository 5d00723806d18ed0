"""The podcast feeds: RSS 2.0 with enclosures and iTunes tags, parsed by feedparser."""

import feedparser
import pytest

from masthead.news.tests.factories import make_section

pytestmark = pytest.mark.django_db

# Not the host the test client asks for: enclosures must be on SITE_URL.
SITE = "https://news.example.org"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def two_sections(make_article, home, django_capture_on_commit_callbacks):
    culture = make_section(home, title="Culture", slug="culture")
    with django_capture_on_commit_callbacks(execute=True):
        war = make_article(slug="front", title="Front line holds")
        art = make_article(slug="opera", title="Opera returns", section=culture)
    war.narration.refresh_from_db()
    art.narration.refresh_from_db()
    return war, art


def test_the_site_feed_lists_narrations_with_enclosures_and_durations(client, two_sections):
    war, art = two_sections
    response = client.get("/audio/podcast.xml")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.namespaces.get("itunes") == "http://www.itunes.com/dtds/podcast-1.0.dtd"
    assert {entry.title for entry in feed.entries} == {"Front line holds", "Opera returns"}
    entry = next(e for e in feed.entries if e.title == "Front line holds")
    enclosure = entry.enclosures[0]
    assert enclosure.href == SITE + war.narration.get_absolute_url()
    assert int(enclosure.length) == war.narration.byte_size
    assert enclosure.type == "audio/mpeg"
    assert entry.itunes_duration.count(":") == 2
    assert feed.feed.itunes_explicit is False or feed.feed.get("itunes_explicit") in ("false", None)


def test_an_enclosure_url_from_the_feed_plays(client, two_sections):
    feed = feedparser.parse(client.get("/audio/podcast.xml").content)
    href = feed.entries[0].enclosures[0].href.removeprefix(SITE)
    assert client.get(href, headers={"range": "bytes=0-9"}).status_code == 206


def test_a_section_feed_lists_only_that_section(client, two_sections):
    feed = feedparser.parse(client.get("/audio/culture/podcast.xml").content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Opera returns"]
    assert "Culture" in feed.feed.title


def test_an_unknown_section_feed_is_404(client, two_sections):
    assert client.get("/audio/nowhere/podcast.xml").status_code == 404


def test_the_feed_leaves_out_unpublished_articles(client, two_sections):
    war, _ = two_sections
    war.unpublish()
    feed = feedparser.parse(client.get("/audio/podcast.xml").content)
    assert [entry.title for entry in feed.entries] == ["Opera returns"]
