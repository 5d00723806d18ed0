"""What search engines and feed readers see of two editions: <html lang>, reciprocal hreflang
with x-default on every page type, JSON-LD inLanguage, and feeds and sitemaps per edition."""

import json
import xml.etree.ElementTree as ET

import feedparser
import pytest
from bs4 import BeautifulSoup

from masthead.core.site_url import absolute_url

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def parse_xml(response):
    return ET.fromstring(response.content)  # noqa: S314 - our own output


def hreflang(response) -> dict[str, str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {link["hreflang"]: link["href"] for link in soup.select("head link[hreflang]")}


@pytest.fixture
def two_editions(client, make_article, author, uk_section, translate):
    english = make_article(title="Bridge reopens after repairs", slug="bridge", tags=["Kyiv"])
    ukrainian = translate(english, title="Міст знову відкрили")
    return english, ukrainian


def _pairs(english, ukrainian):
    return [
        ("/", "/uk/"),  # home
        ("/war/", "/uk/war/"),  # section
        (english.url, ukrainian.url),  # article
        ("/news-feed/", "/uk/news-feed/"),
        ("/tags/kyiv/", "/uk/tags/kyiv/"),
        ("/search/", "/uk/search/"),
        ("/newsletters/", "/uk/newsletters/"),
        ("/corrections/", "/uk/corrections/"),
    ]


def test_hreflang_pairs_are_reciprocal_with_x_default(client, author, two_editions):
    english, ukrainian = two_editions
    pairs = [
        *_pairs(english, ukrainian),
        (f"/authors/{author.slug}/", f"/uk/authors/{author.slug}/"),
    ]
    for en_path, uk_path in pairs:
        en, uk = client.get(en_path), client.get(uk_path)
        assert en.status_code == uk.status_code == 200, en_path
        expected = {
            "en": absolute_url(en_path),
            "uk": absolute_url(uk_path),
            "x-default": absolute_url(en_path),
        }
        assert hreflang(en) == expected, en_path
        assert hreflang(uk) == expected, uk_path
        assert BeautifulSoup(uk.content, "html.parser").html["lang"] == "uk"


def test_a_page_in_one_language_has_no_alternates(client, make_article, uk_home):
    only = make_article(title="Only in English", slug="only")
    assert hreflang(client.get(only.url)) == {}


def test_json_ld_says_the_language(client, two_editions):
    english, ukrainian = two_editions
    for page, language in ((english, "en"), (ukrainian, "uk")):
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
        article = data if data.get("@type") == "NewsArticle" else data["@graph"][0]
        assert article["inLanguage"] == language
        assert article["url"] == absolute_url(page.url)


def test_each_edition_has_its_own_feeds(client, make_article, uk_section, two_editions):
    from masthead.news.tests.factories import make_article as factory

    factory(section=uk_section, authors=[], title="Лише українською", slug="tilky")
    make_article(title="Only in English", slug="only")
    for prefix, language, present, absent in (
        ("", "en", {"Bridge reopens after repairs", "Only in English"}, {"Міст", "Лише"}),
        ("/uk", "uk", {"Міст знову відкрили", "Лише українською"}, {"Bridge", "Only"}),
    ):
        for kind in ("rss", "atom"):
            response = client.get(f"{prefix}/feeds/{kind}/")
            assert response.status_code == 200
            parsed = feedparser.parse(response.content)
            assert not parsed.bozo, parsed.bozo_exception
            titles = {entry.title for entry in parsed.entries}
            assert present <= titles, (prefix, kind)
            assert not any(title.startswith(tuple(absent)) for title in titles), (prefix, kind)
            assert parsed.feed.link == absolute_url(f"{prefix}/")
            if kind == "rss":
                assert parsed.feed.language == language
        section = feedparser.parse(client.get(f"{prefix}/feeds/sections/war/rss/").content)
        assert {entry.title for entry in section.entries} >= present - {"Only in English"}


def test_the_podcast_feed_is_per_edition(client, two_editions):
    for prefix in ("", "/uk"):
        response = client.get(f"{prefix}/audio/podcast.xml")
        assert response.status_code == 200
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo
        assert parsed.feed.link == absolute_url(f"{prefix}/")


def test_sitemaps_are_per_edition_with_hreflang(client, two_editions):
    english, ukrainian = two_editions
    for prefix, own in (("", english), ("/uk", ukrainian)):
        index = parse_xml(client.get(f"{prefix}/sitemap.xml"))
        locations = [node.text for node in index.iter(f"{SITEMAP}loc")]
        assert locations and all(
            loc.startswith(absolute_url(f"{prefix}/sitemap-")) for loc in locations
        )
        articles = client.get(f"{prefix}/sitemap-articles.xml")
        tree = parse_xml(articles)
        urls = {
            url.find(f"{SITEMAP}loc").text: {
                link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
            }
            for url in tree.iter(f"{SITEMAP}url")
        }
        assert set(urls) == {absolute_url(own.url)}
        assert urls[absolute_url(own.url)] == {
            "en": absolute_url(english.url),
            "uk": absolute_url(ukrainian.url),
            "x-default": absolute_url(english.url),
        }
        news = parse_xml(client.get(f"{prefix}/news-sitemap.xml"))
        news_ns = "{http://www.google.com/schemas/sitemap-news/0.9}"
        assert [node.text for node in news.iter(f"{SITEMAP}loc")] == [absolute_url(own.url)]
        assert {node.text for node in news.iter(f"{news_ns}language")} == {
            prefix.strip("/") or "en"
        }


def test_robots_names_every_editions_sitemaps(client, uk_home):
    text = client.get("/robots.txt").content.decode()
    for path in ("/sitemap.xml", "/news-sitemap.xml", "/uk/sitemap.xml", "/uk/news-sitemap.xml"):
        assert absolute_url(path) in text
