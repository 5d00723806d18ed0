"""RSS/Atom feeds, sitemaps and robots.txt, parsed the way readers and crawlers parse them."""

from datetime import timedelta
from xml.etree import ElementTree

import feedparser
import pytest
from django.utils import timezone
from wagtail.models import Site

from masthead.search.models import FeedSettings

pytestmark = pytest.mark.django_db

SECRET = "Quokkaledger"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
# Not the host the test client asks for: every absolute URL must come from SITE_URL.
SITE = "https://news.example.org"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def _paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


@pytest.fixture
def stories(make_article, author):
    now = timezone.now()
    free = make_article(
        title="Ferry service resumes",
        slug="ferry",
        image=False,
        tags=("Odesa", "Transport"),
        published_at=now - timedelta(hours=3),
    )
    body = [_paragraph(f"Open paragraph {n}.") for n in range(3)]
    body.append(_paragraph(f"Members-only detail: {SECRET}."))
    premium = make_article(
        title="Inside the port accounts",
        slug="port-accounts",
        image=False,
        is_premium=True,
        body=body,
        tags=("Odesa",),
        published_at=now - timedelta(days=5),
    )
    return {"free": free, "premium": premium}


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    return response, parsed


FEED_URLS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/sections/war/rss/",
    "/feeds/sections/war/atom/",
    "/feeds/tags/odesa/rss/",
    "/feeds/tags/odesa/atom/",
    "/feeds/authors/iryna-demo/rss/",
    "/feeds/authors/iryna-demo/atom/",
]


def test_every_feed_parses_cleanly_and_lists_newest_first(client, stories):
    for url in FEED_URLS:
        response, parsed = _parse(client, url)
        titles = [entry.title for entry in parsed.entries]
        assert titles == ["Ferry service resumes", "Inside the port accounts"], url
        assert parsed.entries[0].link == SITE + "/war/ferry/"
        expected = "application/atom+xml" if "atom" in url else "application/rss+xml"
        assert response["Content-Type"].startswith(expected)


def test_feed_items_carry_author_tags_and_dates(client, stories):
    _, parsed = _parse(client, "/feeds/atom/")
    entry = parsed.entries[0]
    assert entry.author == "Iryna Demo"
    assert {tag.term for tag in entry.tags} == {"Odesa", "Transport"}
    assert entry.published_parsed and entry.updated_parsed


def test_tag_feed_lists_only_tagged_stories(client, stories):
    _, parsed = _parse(client, "/feeds/tags/transport/rss/")
    assert [entry.title for entry in parsed.entries] == ["Ferry service resumes"]


def test_summary_feed_gives_only_the_standfirst(client, stories):
    _, parsed = _parse(client, "/feeds/rss/")
    assert parsed.entries[0].summary == stories["free"].standfirst
    assert "Repairs will cost" not in parsed.entries[0].summary


def test_full_text_feed_gives_body_but_premium_only_its_public_part(client, stories):
    feed_settings = FeedSettings.for_site(Site.objects.get(is_default_site=True))
    feed_settings.item_content = "full"
    feed_settings.save()
    for url in ("/feeds/rss/", "/feeds/atom/"):
        response, parsed = _parse(client, url)
        free, premium = parsed.entries
        assert "Repairs will cost 40 percent more" in free.summary
        assert "Open paragraph 2." in premium.summary
        assert "Members read the full story" in premium.summary
        assert SECRET not in response.content.decode()


def test_unknown_section_tag_or_author_feed_is_404(client, stories):
    for url in (
        "/feeds/sections/nope/rss/",
        "/feeds/tags/nope/atom/",
        "/feeds/authors/nope/rss/",
    ):
        assert client.get(url).status_code == 404


def test_drafts_and_private_articles_stay_out_of_feeds(client, stories, make_article):
    from wagtail.models import PageViewRestriction

    make_article(title="Draft story", slug="draft", image=False, publish=False)
    private = make_article(title="Private story", slug="private", image=False)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    _, parsed = _parse(client, "/feeds/rss/")
    titles = {entry.title for entry in parsed.entries}
    assert "Draft story" not in titles and "Private story" not in titles


def test_feed_runs_a_bounded_number_of_queries(
    client, stories, make_article, django_assert_max_num_queries
):
    for n in range(10):
        make_article(title=f"Grid update {n}", slug=f"grid-{n}", image=False)
    client.get("/feeds/rss/")
    with django_assert_max_num_queries(12):
        client.get("/feeds/rss/")


def test_pages_link_to_their_feeds(client, stories, section):
    response = client.get(section.url)
    html = response.content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/feeds/sections/war/rss/"' in html
    _parse(client, "/feeds/sections/war/rss/")


def _xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return ElementTree.fromstring(response.content)  # noqa: S314 - our own output


def test_sitemap_index_links_to_sitemaps_that_list_every_public_page(client, stories):
    index = _xml(client, "/sitemap.xml")
    locations = [loc.text for loc in index.iter(f"{SM}loc")]
    assert SITE + "/sitemap-articles.xml" in locations
    urls = {}
    for location in locations:
        tree = _xml(client, location.removeprefix(SITE))
        for url in tree.iter(f"{SM}url"):
            urls[url.find(f"{SM}loc").text] = url.find(f"{SM}lastmod")
    assert SITE + "/war/ferry/" in urls
    assert urls[SITE + "/war/ferry/"] is not None  # lastmod
    assert SITE + "/" in urls
    assert SITE + "/tags/odesa/" in urls
    assert SITE + "/authors/iryna-demo/" in urls


def test_sitemap_is_paginated(client, stories, make_article, monkeypatch):
    from masthead.news import sitemaps

    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 1)
    index = _xml(client, "/sitemap.xml")
    locations = [loc.text for loc in index.iter(f"{SM}loc")]
    assert SITE + "/sitemap-articles.xml?p=2" in locations
    page_two = _xml(client, "/sitemap-articles.xml?p=2")
    assert [loc.text for loc in page_two.iter(f"{SM}loc")] == [SITE + "/war/port-accounts/"]
    assert client.get("/sitemap-articles.xml?p=99").status_code == 404
    assert client.get("/sitemap-articles.xml?p=abc").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_news_sitemap_lists_only_the_last_48_hours(client, stories):
    tree = _xml(client, "/news-sitemap.xml")
    entries = list(tree.iter(f"{SM}url"))
    assert [e.find(f"{SM}loc").text for e in entries] == [SITE + "/war/ferry/"]
    news = entries[0].find(f"{NEWS}news")
    assert news.find(f"{NEWS}title").text == "Ferry service resumes"
    assert news.find(f"{NEWS}publication/{NEWS}name").text
    assert news.find(f"{NEWS}publication_date").text.startswith(str(timezone.now().year))


def test_news_sitemap_escapes_headlines(client, make_article):
    make_article(title="Q&A: <the> \"grid\" & 'you'", slug="qa", image=False)
    tree = _xml(client, "/news-sitemap.xml")
    assert tree.find(f".//{NEWS}title").text == "Q&A: <the> \"grid\" & 'you'"


def test_robots_txt_points_at_the_sitemaps(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert f"Sitemap: {SITE}/sitemap.xml" in text
    assert f"Sitemap: {SITE}/news-sitemap.xml" in text
