"""Most popular: ranking and hiding. Counting views (the beacon) is tested in analytics."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from masthead.news import popular
from masthead.news.models import PageViewBucket

pytestmark = pytest.mark.django_db


def popular_titles(client, url="/"):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [a.text for a in soup.select(".most-popular a")]


def test_most_popular_ranks_by_views_inside_the_window(client, make_article, settings):
    settings.MASTHEAD_POPULAR_WINDOW_HOURS = 24
    now = timezone.now()
    a = make_article(title="Read a lot", slug="a")
    b = make_article(title="Read a little", slug="b")
    c = make_article(title="Read long ago", slug="c")
    PageViewBucket.objects.create(page=a, hour=popular.hour_of(now), views=50)
    PageViewBucket.objects.create(page=b, hour=popular.hour_of(now - timedelta(hours=3)), views=5)
    PageViewBucket.objects.create(
        page=c, hour=popular.hour_of(now - timedelta(hours=30)), views=900
    )
    assert [x.title for x in popular.most_popular(now=now)] == ["Read a lot", "Read a little"]
    settings.MASTHEAD_POPULAR_WINDOW_HOURS = 48
    assert [x.title for x in popular.most_popular(now=now)][0] == "Read long ago"


def test_editors_can_hide_a_story_from_most_popular(client, make_article):
    now = timezone.now()
    shown = make_article(title="Shown story", slug="shown")
    hidden = make_article(title="Hidden story", slug="hidden")
    PageViewBucket.objects.create(page=hidden, hour=popular.hour_of(now), views=99)
    PageViewBucket.objects.create(page=shown, hour=popular.hour_of(now), views=3)
    assert popular_titles(client) == ["Hidden story", "Shown story"]
    hidden.hide_from_most_popular = True
    hidden.save_revision().publish()
    assert popular_titles(client) == ["Shown story"]


def test_unpublished_stories_leave_most_popular(client, make_article):
    page = make_article(title="Pulled story", slug="pulled")
    PageViewBucket.objects.create(page=page, hour=popular.hour_of(timezone.now()), views=9)
    page.unpublish()
    assert popular.most_popular(now=timezone.now()) == []


def test_article_pages_send_the_beacon_from_a_static_script(client, article):
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    rail = soup.select_one("[data-popular-id]")
    assert rail["data-popular-id"] == str(article.pk)
    assert rail["data-popular-hit"] == "/popular/hit/"
    # js/site.js loads the beacon's script once the page is idle, not while it starts.
    assert rail["data-load-script"].endswith("js/popular.js")
    assert soup.select_one('script[src$="js/popular.js"]') is None
