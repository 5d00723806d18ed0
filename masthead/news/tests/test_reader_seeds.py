import io

import pytest
from wagtail.models import Site

from masthead.news import seeds
from masthead.news.demo.content import NEWS_FEED_ITEMS
from masthead.news.models import HeaderPromotions, HomePage, NewsFeedItem, PageViewBucket

pytestmark = pytest.mark.django_db


def test_reader_seeds_fill_feed_curation_promotions_and_views_once(client, make_article):
    for n in range(6):
        make_article(title=f"Seeded story {n}", slug=f"seeded-{n}")
    for _ in range(2):  # idempotent
        seeds.seed(stdout=io.StringIO())
        assert NewsFeedItem.objects.count() == len(NEWS_FEED_ITEMS)
    home = HomePage.objects.get()
    assert home.lead_story_id is not None
    assert home.secondary_stories.count() == 0  # one section: no other section to draw from
    promotions = HeaderPromotions.for_site(Site.objects.get(is_default_site=True))
    assert [p.value["title"] for p in promotions.promos] == ["Newsletters", "Store", "Insights"]
    assert PageViewBucket.objects.exists()
    item = NewsFeedItem.objects.get(headline=NEWS_FEED_ITEMS[0]["headline"])
    assert sorted(t.name for t in item.tags.all()) == sorted(NEWS_FEED_ITEMS[0]["tags"])
    assert client.get("/news-feed/").status_code == 200


def test_demo_feed_summaries_pass_the_items_own_validation():
    for data in NEWS_FEED_ITEMS:
        NewsFeedItem(headline=data["headline"], summary=data["summary"]).full_clean(
            exclude=["published_at"]
        )
