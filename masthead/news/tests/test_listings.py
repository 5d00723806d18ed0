from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

pytestmark = pytest.mark.django_db


def headlines(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text for a in soup.select(".teaser__headline a")]


def test_author_page_lists_their_articles_newest_first(client, make_article, author):
    now = timezone.now()
    make_article(title="Older story", slug="older", published_at=now - timedelta(days=2))
    make_article(title="Newer story", slug="newer", published_at=now - timedelta(hours=1))
    response = client.get(f"/authors/{author.slug}/")
    assert response.status_code == 200
    assert headlines(response) == ["Newer story", "Older story"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.text == author.name


def test_author_page_leaves_out_drafts(client, make_article, author):
    make_article(title="Draft story", slug="draft", publish=False)
    assert headlines(client.get(f"/authors/{author.slug}/")) == []


def test_tag_page_lists_tagged_articles(client, make_article):
    make_article(title="Grid story", slug="grid", tags=("Energy",))
    make_article(title="Other story", slug="other", tags=("Sport",))
    response = client.get("/tags/energy/")
    assert headlines(response) == ["Grid story"]


def test_unknown_author_and_tag_are_404(client, home):
    assert client.get("/authors/nobody/").status_code == 404
    assert client.get("/tags/nothing/").status_code == 404


def test_malformed_page_number_falls_back_to_the_first_page(client, make_article, author):
    make_article(title="Only story", slug="only")
    for bad in ("abc", "-1", "99999", "1%27%20OR%201=1"):
        response = client.get(f"/authors/{author.slug}/?page={bad}")
        assert response.status_code == 200


def test_front_page_lists_latest_articles_by_section(client, make_article, section):
    make_article(title="Front story", slug="front")
    response = client.get("/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Front story" in headlines(response)
    assert soup.select_one(".section-block__title a").text == section.title


def test_section_page_lists_its_articles(client, make_article, section):
    make_article(title="Section story", slug="section-story")
    assert headlines(client.get(section.url)) == ["Section story"]


def test_listings_page_without_counting_the_archive(client, make_article, section):
    """20 a page, rel=next/prev in the head and the body, and no COUNT(*) on the way: a
    page reads its own rows plus one to know whether an older page exists."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    now = timezone.now()
    for n in range(21):
        make_article(
            title=f"Story {n}",
            slug=f"story-{n}",
            image=False,
            tags=("Energy",),
            published_at=now - timedelta(minutes=n),
        )
    for url in (section.url, "/tags/energy/"):
        with CaptureQueriesContext(connection) as captured:
            first = client.get(url)
        assert not [q for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
        soup = BeautifulSoup(first.content, "html.parser")
        assert headlines(first)[:2] == ["Story 0", "Story 1"] and len(headlines(first)) == 20
        assert soup.head.select_one('link[rel="next"]')["href"].endswith("?page=2")
        assert soup.head.select_one('link[rel="prev"]') is None
        assert soup.select_one(".pagination__where").text == "Page 1"
        second = client.get(f"{url}?page=2")
        soup = BeautifulSoup(second.content, "html.parser")
        assert headlines(second) == ["Story 20"]
        assert soup.select_one('.pagination a[rel="prev"]')["href"] == "?page=1"
        assert soup.select_one('.pagination a[rel="next"]') is None
        assert soup.head.select_one('link[rel="next"]') is None


def test_page_past_the_end_shows_the_last_page(client, make_article, section):
    for n in range(21):
        make_article(title=f"Story {n}", slug=f"story-{n}", image=False)
    for page in ("3", "99999", "10000000000"):
        response = client.get(f"{section.url}?page={page}")
        assert response.status_code == 200
        assert len(headlines(response)) == 1, page


def test_tags_carry_the_first_publication_date_of_their_article(make_article):
    """Tag pages sort on this copy of the date: it must follow the CMS's publishing."""
    from masthead.news.models import ArticleTag

    article = make_article(title="Grid story", slug="grid", tags=("Energy",))
    first = article.first_published_at
    article.tags.add("Blackout")
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.first_published_at == first
    rows = ArticleTag.objects.filter(content_object=article)
    assert {(row.tag.name, row.published_at) for row in rows} == {
        ("Energy", first),
        ("Blackout", first),
    }


def test_tag_page_lists_newest_first_by_first_publication(client, make_article):
    now = timezone.now()
    make_article(title="Older", slug="older", tags=("Energy",), published_at=now - timedelta(2))
    newer = make_article(title="Newer", slug="newer", tags=("Energy",), published_at=now)
    newer.save_revision().publish()  # republishing does not make an article newer
    make_article(title="Middle", slug="middle", tags=("Energy",), published_at=now - timedelta(1))
    assert headlines(client.get("/tags/energy/")) == ["Newer", "Middle", "Older"]


def test_tag_page_reads_its_page_from_the_tag_date_index(client, make_article):
    """The page's ids come in (tag, date) index order, not from sorting every article of the
    tag, which grows with the archive. On SQLite the plan shows it: no temporary sort."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_article(title="Grid story", slug="grid", tags=("Energy",))
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/tags/energy/").status_code == 200
    [listing] = [q["sql"] for q in captured.captured_queries if "news_articletag" in q["sql"]]
    assert 'ORDER BY "news_articletag"."published_at" DESC' in listing
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {listing}")
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert "news_articletag_tag_date" in plan
        assert "TEMP B-TREE" not in plan


def test_a_tag_in_cyrillic_has_a_page_and_links_to_it_percent_encoded(client, make_article):
    """Tags keep their own letters in their slugs ("Харків" → "харків"): the article links
    to the tag page percent-encoded, and the tag page answers there (was a 500 on the
    article, as its tag link could not be built)."""
    from urllib.parse import quote

    article = make_article(title="Kharkiv school", slug="kharkiv-school", tags=("Харків",))
    page = client.get(article.url)
    assert page.status_code == 200
    link = "/tags/" + quote("харків") + "/"
    assert link in page.content.decode()
    tag_page = client.get(link)
    assert tag_page.status_code == 200
    assert "Kharkiv school" in tag_page.content.decode()
    assert client.get("/tags/" + quote("хар ків") + "/").status_code == 404
