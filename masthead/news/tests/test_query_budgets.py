"""Every reader page runs a bounded number of queries, however large the archive: each test
renders a page, adds many more articles (and feed items, notes, views), renders it again and
shows the count did not grow, within the page's budget."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.images.tests.factories import make_image
from masthead.news.models import ArticleNote, ArticlePage, NewsFeedItem, PageViewBucket
from masthead.news.popular import hour_of

pytestmark = pytest.mark.django_db

# Measured with every component's cache empty (the worst case), plus a little headroom.
BUDGETS = {
    "front": 50,
    "article": 50,
    "section": 35,
    "tag": 35,
    "author": 35,
    "archive": 35,
    "feed": 30,
    "corrections": 25,
    "search": 16,
    "search_newest": 16,
    "section_page_2": 35,
}


@pytest.fixture
def grow(make_article, section):
    """Add n articles (all in the feed, tagged, viewed, noted) sharing one picture."""
    image = make_image()
    made = {"count": 0}

    def add(n):
        now = timezone.now()
        pks = []
        for _ in range(n):
            made["count"] += 1
            i = made["count"]
            page = make_article(
                title=f"Story number {i}",
                slug=f"story-{i}",
                image=False,
                in_news_feed=True,
                tags=("Energy", f"Topic {i % 3}"),
                published_at=now - timedelta(minutes=i),
            )
            pks.append(page.pk)
            NewsFeedItem.objects.create(
                headline=f"Item {i}", summary="Short.", published_at=now - timedelta(minutes=i)
            )
            ArticleNote.objects.create(
                page=page, kind="correction", text=f"Note {i}", published_at=now
            )
            PageViewBucket.objects.create(page=page, hour=hour_of(now), views=i)
        ArticlePage.objects.filter(pk__in=pks).update(lead_image=image)

    return add


def queries_for(client, url) -> int:
    cache.clear()  # the worst case: every cached component computed afresh
    client.get(url)  # renditions are made on the first view, once
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def test_reader_pages_query_counts_do_not_grow_with_the_archive(
    client, grow, make_article, author, django_assert_max_num_queries
):
    article = make_article(title="The article", slug="the-article", notes=[("correction", "Ok.")])
    grow(21)  # every listing already has a full page of 20
    urls = {
        "front": "/",
        "article": article.url,
        "section": "/war/",
        "tag": "/tags/energy/",
        "author": f"/authors/{author.slug}/",
        "archive": f"/archive/{timezone.now().year}/",
        "feed": "/news-feed/",
        "corrections": "/corrections/",
        "search": "/search/?q=story",
        "search_newest": "/search/?q=story&sort=newest",
        "section_page_2": "/war/?page=2",
    }
    before = {name: queries_for(client, url) for name, url in urls.items()}
    for name, count in before.items():
        assert count <= BUDGETS[name], f"{name}: {count} queries, budget {BUDGETS[name]}"
    grow(15)
    for name, url in urls.items():
        queries_for(client, url)  # warm renditions of the newly shown pictures
        cache.clear()
        with django_assert_max_num_queries(before[name]):
            assert client.get(url).status_code == 200
