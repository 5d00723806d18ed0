import json
from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from masthead.news.models import NewsFeedItem

pytestmark = pytest.mark.django_db


def post_item(*, headline="Alert lifted in Kyiv", minutes_ago=0, when=None, tags=(), **kw):
    item = NewsFeedItem(
        headline=headline,
        summary=kw.pop("summary", "The alert lasted two hours. No damage was reported."),
        published_at=when or timezone.now() - timedelta(minutes=minutes_ago),
        **kw,
    )
    item.tags.add(*tags)
    item.save()
    return item


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def feed_headlines(response):
    return [a.text for a in soup_of(response).select(".feed-entry__headline")]


def json_ld_blocks(response):
    return [
        json.loads(tag.string)
        for tag in soup_of(response).select('script[type="application/ld+json"]')
    ]


def test_feed_page_lists_items_and_feed_articles_newest_first(client, home, make_article):
    post_item(headline="Oldest item", minutes_ago=50)
    make_article(
        title="Feed article",
        slug="feed-article",
        in_news_feed=True,
        published_at=timezone.now() - timedelta(minutes=30),
    )
    make_article(title="Not in feed", slug="not-in-feed")
    post_item(headline="Newest item", minutes_ago=1)
    response = client.get("/news-feed/")
    assert response.status_code == 200
    assert feed_headlines(response) == ["Newest item", "Feed article", "Oldest item"]


def test_feed_page_groups_by_newsroom_day_with_time_of_day_labels(client, home):
    # 01:31 UTC on Jan 10 is 3:31 AM in Kyiv (UTC+2); 23:10 UTC on Jan 9 is 1:10 AM Jan 10 in
    # Kyiv, and 21:42 UTC on Jan 9 is 11:42 PM Jan 9 there.
    post_item(headline="A", when=datetime(2025, 1, 10, 1, 31, tzinfo=UTC))
    post_item(headline="B", when=datetime(2025, 1, 9, 23, 10, tzinfo=UTC))
    post_item(headline="C", when=datetime(2025, 1, 9, 21, 42, tzinfo=UTC))
    soup = soup_of(client.get("/news-feed/"))
    days = soup.select(".feed-day")
    assert [d["data-day"] for d in days] == ["2025-01-10", "2025-01-09"]
    assert days[0].h2.text == "Friday, January 10, 2025"
    assert [t.text for t in days[0].select(".feed-entry__time")] == ["3:31 AM", "1:10 AM"]
    assert [t.text for t in days[1].select(".feed-entry__time")] == ["11:42 PM"]


def test_feed_item_links_to_its_live_article_or_to_its_own_anchor(client, article):
    linked = post_item(headline="Linked", article=article)
    alone = post_item(headline="Alone", minutes_ago=5)
    links = {a.text: a["href"] for a in soup_of(client.get("/news-feed/")).select(".feed-entry a")}
    assert links["Linked"] == article.url
    assert links["Alone"] == f"/news-feed/#item-{alone.pk}"
    article.unpublish()
    links = {a.text: a["href"] for a in soup_of(client.get("/news-feed/")).select(".feed-entry a")}
    assert links["Linked"] == f"/news-feed/#item-{linked.pk}"


def test_scheduled_items_stay_hidden_until_their_time(client, home):
    post_item(headline="Later", when=timezone.now() + timedelta(hours=1))
    assert feed_headlines(client.get("/news-feed/")) == []
    assert client.get("/news-feed/latest.json").json()["entries"] == []


def test_feed_page_is_paginated_with_rel_links(client, home, settings):
    settings.MASTHEAD_NEWS_FEED_PAGE_SIZE = 3
    for n in range(7):
        post_item(headline=f"Item {n}", minutes_ago=n)
    first = soup_of(client.get("/news-feed/"))
    assert [a.text for a in first.select(".feed-entry__headline")] == ["Item 0", "Item 1", "Item 2"]
    assert first.select_one('head link[rel="next"]')["href"] == "/news-feed/?page=2"
    assert first.select_one('head link[rel="prev"]') is None
    second = client.get("/news-feed/?page=2")
    assert feed_headlines(second) == ["Item 3", "Item 4", "Item 5"]
    head = soup_of(second).head
    assert head.select_one('link[rel="prev"]')["href"] == "/news-feed/"
    assert head.select_one('link[rel="next"]')["href"] == "/news-feed/?page=3"
    assert "page 2" in head.title.text
    # Only the first page updates itself live.
    assert soup_of(second).select_one("[data-news-feed-live]") is None
    assert first.select_one(".news-feed[data-news-feed-live]") is not None


@pytest.mark.parametrize("bad", ["abc", "-1", "0", "99999", "1'%20OR%201=1", "%00", "1e9"])
def test_malformed_feed_page_numbers_do_not_fail(client, home, bad):
    post_item()
    assert client.get(f"/news-feed/?page={bad}").status_code == 200


def test_feed_page_carries_live_blog_json_ld(client, home):
    post_item(headline="Second", minutes_ago=5)
    post_item(headline="First", minutes_ago=1)
    blocks = json_ld_blocks(client.get("/news-feed/"))
    live = next(b for b in blocks if b["@type"] == "LiveBlogPosting")
    assert [u["headline"] for u in live["liveBlogUpdate"]] == ["First", "Second"]
    assert all(u["@type"] == "BlogPosting" for u in live["liveBlogUpdate"])
    assert live["liveBlogUpdate"][0]["url"].startswith(settings.SITE_URL + "/news-feed/#item-")


def test_hostile_text_in_an_item_is_escaped_everywhere(
    client, home, django_capture_on_commit_callbacks
):
    client.get("/news-feed/latest.json")  # cached before the item: must not hide it
    with django_capture_on_commit_callbacks(execute=True):
        post_item(headline='<script>alert("x")</script></script>', summary="<img src=x onerror=y>")
    response = client.get("/news-feed/")
    assert b"<script>alert" not in response.content
    assert b"<img src=x" not in response.content
    assert b"</script></script>" not in response.content
    data = client.get("/news-feed/latest.json").json()
    assert data["entries"][0]["headline"] == '<script>alert("x")</script></script>'


def test_latest_json_lists_new_items_at_once(client, home, django_capture_on_commit_callbacks):
    assert client.get("/news-feed/latest.json").json()["entries"] == []
    with django_capture_on_commit_callbacks(execute=True):
        item = post_item(headline="Breaking", tags=["Kyiv"])
    response = client.get("/news-feed/latest.json")
    assert response["Cache-Control"] == "public, max-age=1"
    entry = response.json()["entries"][0]
    assert entry["key"] == f"item-{item.pk}"
    assert entry["headline"] == "Breaking"
    assert entry["tags"] == [{"name": "Kyiv", "url": "/tags/kyiv/"}]
    assert entry["time"].endswith(("AM", "PM"))
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    assert client.get("/news-feed/latest.json").json()["entries"] == []


def test_latest_json_refuses_other_methods(client, home):
    assert client.post("/news-feed/latest.json").status_code == 405


def test_article_in_the_feed_shows_the_news_feed_tag_first(client, make_article):
    page = make_article(title="Feed story", slug="feed-story", in_news_feed=True)
    first_tag = soup_of(client.get(page.url)).select_one(".tag-row li a")
    assert first_tag.text == "News Feed"
    assert first_tag["href"] == "/news-feed/"
    other = make_article(title="Other story", slug="other-story")
    assert "News Feed" not in [a.text for a in soup_of(client.get(other.url)).select(".tag-row a")]


def test_summary_longer_than_three_sentences_is_refused():
    item = NewsFeedItem(
        headline="Too long",
        summary="One. Two. Three. Four.",
        published_at=timezone.now(),
    )
    with pytest.raises(ValidationError) as caught:
        item.full_clean()
    assert "summary" in caught.value.message_dict
    item.summary = "Prices rose 4.5% in May. The bank held rates. Analysts expect a cut."
    item.full_clean()


def test_front_page_column_shows_the_latest_items_and_a_more_news_link(client, home):
    post_item(headline="Column item")
    soup = soup_of(client.get("/"))
    column = soup.select_one(".news-feed-column")
    assert [a.text for a in column.select(".feed-entry__headline")] == ["Column item"]
    assert column["data-news-feed-live"] == "/news-feed/latest.json"
    assert column.select_one(".rail-box__more a")["href"] == "/news-feed/"
    assert soup.select_one('script[src$="js/news-feed.js"]') is not None
