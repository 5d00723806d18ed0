import json
from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import timezone

from masthead.core.datetimes import iso_datetime
from masthead.news.models import ArticleNote

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def headlines(soup):
    return [a.text for a in soup.select(".teaser__headline a")]


@pytest.fixture
def dated(make_article):
    # 22:30 UTC on Jan 31 is 00:30 on Feb 1 in Kyiv: the archive follows the newsroom's day.
    make_article(
        title="Late January", slug="jan", published_at=datetime(2025, 1, 31, 20, 0, tzinfo=UTC)
    )
    make_article(
        title="Kyiv February", slug="feb1", published_at=datetime(2025, 1, 31, 22, 30, tzinfo=UTC)
    )
    make_article(
        title="Mid February", slug="feb15", published_at=datetime(2025, 2, 15, 9, 0, tzinfo=UTC)
    )
    make_article(title="Next year", slug="y26", published_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC))


def test_archive_by_year_month_and_day(client, dated):
    assert headlines(soup_of(client.get("/archive/2025/"))) == [
        "Mid February",
        "Kyiv February",
        "Late January",
    ]
    assert headlines(soup_of(client.get("/archive/2025/02/"))) == ["Mid February", "Kyiv February"]
    assert headlines(soup_of(client.get("/archive/2025/02/01/"))) == ["Kyiv February"]
    assert headlines(soup_of(client.get("/archive/2025/01/31/"))) == ["Late January"]
    assert headlines(soup_of(client.get("/archive/2024/"))) == []


def test_archive_pages_have_their_own_title_and_description(client, dated):
    soup = soup_of(client.get("/archive/2025/02/15/"))
    assert soup.title.text.startswith("Archive: February 15, 2025")
    assert "February 15, 2025" in soup.select_one('meta[name="description"]')["content"]
    assert soup.h1.text == "February 15, 2025"
    assert soup_of(client.get("/archive/2025/02/")).h1.text == "February 2025"


@pytest.mark.parametrize(
    "url",
    [
        "/archive/2025/13/",
        "/archive/2025/00/",
        "/archive/2025/02/30/",
        "/archive/2025/02/00/",
        "/archive/0000/",
        "/archive/9999/",
        "/archive/25/",
        "/archive/2025/2/",
        "/archive/abcd/",
        "/archive/2025/02/15/extra/",
    ],
)
def test_impossible_archive_dates_are_404(client, home, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("bad", ["abc", "-1", "0", "99999", "%27%22%3E%3Cscript%3E"])
def test_archive_tolerates_malformed_page_numbers(client, dated, bad):
    assert client.get(f"/archive/2025/?page={bad}").status_code == 200


def test_listings_page_by_twenty_with_rel_links_in_head_and_pagination(
    client, make_article, section, author
):
    now = timezone.now()
    for n in range(21):
        make_article(
            title=f"Story {n}",
            slug=f"s-{n}",
            tags=("Energy",),
            image=False,
            published_at=now - timedelta(minutes=n),
        )
    for url in (section.url, "/tags/energy/", f"/authors/{author.slug}/", f"/archive/{now.year}/"):
        first = soup_of(client.get(url))
        assert len(headlines(first)) == 20, url
        assert first.head.select_one('link[rel="next"]')["href"] == f"{url}?page=2"
        assert first.head.select_one('link[rel="prev"]') is None
        assert first.select_one('.pagination a[rel="next"]')["href"] == "?page=2"
        second = soup_of(client.get(f"{url}?page=2"))
        assert second.head.select_one('link[rel="prev"]')["href"] == url
        assert second.head.select_one('link[rel="next"]') is None
        assert "page 2" in second.title.text
        assert second.head.select_one('link[rel="canonical"]')["href"].endswith("?page=2")
        assert len(headlines(second)) == 1


def test_each_listing_has_its_own_title_and_description(client, article, section, author):
    seen = set()
    for url in (
        section.url,
        "/tags/kyiv/",
        f"/authors/{author.slug}/",
        "/news-feed/",
        "/corrections/",
    ):
        soup = soup_of(client.get(url))
        pair = (soup.title.text, soup.select_one('meta[name="description"]')["content"])
        assert all(pair)
        seen.add(pair)
    assert len(seen) == 5


def test_corrections_log_lists_notes_newest_first_with_their_articles(client, make_article):
    now = timezone.now()
    first = make_article(title="Bridge story", slug="bridge")
    second = make_article(title="Grid story", slug="grid")
    ArticleNote.objects.create(
        page=first,
        kind="correction",
        text="Fixed the toll: 31, not 13.",
        published_at=now - timedelta(days=2),
    )
    ArticleNote.objects.create(
        page=second,
        kind="update",
        text="Power is back in the east.",
        published_at=now - timedelta(hours=1),
    )
    draft = make_article(title="Draft story", slug="draft", publish=False)
    ArticleNote.objects.create(page=draft, kind="correction", text="Not public.", published_at=now)
    soup = soup_of(client.get("/corrections/"))
    rows = soup.select(".corrections-log li")
    assert [r.select_one(".correction__text").text for r in rows] == [
        "Power is back in the east.",
        "Fixed the toll: 31, not 13.",
    ]
    assert rows[1].select_one(".correction__article a")["href"] == first.url
    assert rows[1].select_one("strong").text == "Correction"


def test_corrected_article_json_ld_carries_correction_comments(client, make_article):
    page = make_article(
        title="Corrected",
        slug="corrected",
        notes=[("correction", "The dam is 30 km away, not 20."), ("update", "Water levels fell.")],
    )
    soup = soup_of(client.get(page.url))
    data = next(
        d
        for d in (json.loads(s.string) for s in soup.select('script[type="application/ld+json"]'))
        if d["@type"] == "NewsArticle"
    )
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "The dam is 30 km away, not 20.",
            "datePublished": iso_datetime(page.notes.get(kind="correction").published_at),
            "url": settings.SITE_URL + "/corrections/",
        }
    ]


def test_article_without_corrections_has_no_correction_key(client, article):
    soup = soup_of(client.get(article.url))
    blocks = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    assert all("correction" not in b for b in blocks)
