from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from masthead.news import popular
from masthead.news.models import PageViewBucket

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0"


@pytest.fixture(autouse=True)
def _fresh_counter(settings):
    settings.MASTHEAD_POPULAR_COUNTER = "local"
    popular.get_counter().drain()
    yield
    popular.get_counter().drain()


def hit(client, body, *, agent=BROWSER, content_type="application/x-www-form-urlencoded", **extra):
    return client.generic(
        "POST", "/popular/hit/", body, content_type=content_type, HTTP_USER_AGENT=agent, **extra
    )


def views(page):
    return sum(PageViewBucket.objects.filter(page=page).values_list("views", flat=True))


def popular_titles(client, url="/"):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [a.text for a in soup.select(".most-popular a")]


def test_a_beacon_counts_a_view_without_writing_to_the_database(client, article):
    response = hit(client, f"id={article.pk}")
    assert response.status_code == 204
    assert "Set-Cookie" not in response
    assert not response.cookies
    # The first view of a flush interval flushes at once; the next ones wait in the counter.
    assert views(article) == 1
    for _ in range(4):
        hit(client, f"id={article.pk}")
    assert views(article) == 1
    assert popular.popular_flush_counts() == 4
    assert views(article) == 5
    assert PageViewBucket.objects.filter(page=article).count() == 1


def test_a_plain_text_beacon_body_is_accepted(client, article):
    assert hit(client, str(article.pk), content_type="text/plain").status_code == 204
    popular.popular_flush_counts()
    assert views(article) == 1


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 HeadlessChrome/120.0",
    ],
)
def test_bots_are_not_counted(client, article, agent):
    assert hit(client, f"id={article.pk}", agent=agent).status_code == 204
    popular.popular_flush_counts()
    assert views(article) == 0


@pytest.mark.parametrize(
    "body",
    [
        "",
        "id=",
        "id=abc",
        "id=-4",
        "id=0",
        "id=1;DROP TABLE x",
        "id=1&id=2",
        "id=%00",
        "x=1",
        "id=99999999999999999999",
        "<script>",
        "\xff\xfe",
    ],
)
def test_malformed_beacons_are_refused_with_400(client, article, body):
    assert hit(client, body).status_code == 400
    popular.popular_flush_counts()
    assert PageViewBucket.objects.count() == 0


def test_oversized_beacon_is_refused_with_413(client, article):
    assert hit(client, f"id={article.pk}&pad=" + "x" * 5000).status_code == 413


def test_unknown_and_unpublished_ids_are_refused_with_404(client, article, make_article):
    draft = make_article(title="Draft", slug="draft", publish=False)
    assert hit(client, "id=987654").status_code == 404
    assert hit(client, f"id={draft.pk}").status_code == 404
    assert hit(client, f"id={article.get_parent().pk}").status_code == 404  # a section


def test_get_and_cross_site_beacons_are_refused(client, article):
    assert client.get(f"/popular/hit/?id={article.pk}").status_code == 405
    assert hit(client, f"id={article.pk}", HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    popular.popular_flush_counts()
    assert views(article) == 0


def test_beacon_needs_no_csrf_token(article):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert hit(strict, f"id={article.pk}").status_code == 204


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


def test_flush_drops_buckets_past_retention_and_views_of_deleted_pages(client, make_article):
    now = timezone.now()
    page = make_article(title="Story", slug="story")
    PageViewBucket.objects.create(
        page=page, hour=popular.hour_of(now - timedelta(days=30)), views=9
    )
    popular.get_counter().add(popular.hour_of(now), 424242)  # an id deleted meanwhile
    popular.popular_flush_counts(now=now)
    assert PageViewBucket.objects.count() == 0


def test_article_pages_send_the_beacon_from_a_static_script(client, article):
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    rail = soup.select_one("[data-popular-id]")
    assert rail["data-popular-id"] == str(article.pk)
    assert rail["data-popular-hit"] == "/popular/hit/"
    # js/site.js loads the beacon's script once the page is idle, not while it starts.
    assert rail["data-load-script"].endswith("js/popular.js")
    assert soup.select_one('script[src$="js/popular.js"]') is None


def test_redis_counter_is_shared_and_drained_atomically(settings, article):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/1"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    settings.MASTHEAD_POPULAR_COUNTER = "redis"
    settings.MASTHEAD_POPULAR_REDIS_URL = url
    settings.MASTHEAD_POPULAR_REDIS_KEY = f"masthead-test:popular:{article.pk}:{id(settings)}"
    counter = popular.get_counter()
    try:
        hour = popular.hour_of(timezone.now())
        for _ in range(3):
            counter.add(hour, article.pk)
        # A second client (another process) sees the same counts.
        other = popular.RedisCounter(url, settings.MASTHEAD_POPULAR_REDIS_KEY)
        assert other.drain() == {(hour, article.pk): 3}
        assert counter.drain() == {}
        counter.add(hour, article.pk)
        assert popular.popular_flush_counts() == 1
        assert views(article) == 1
    finally:
        redis.Redis.from_url(url).delete(settings.MASTHEAD_POPULAR_REDIS_KEY)
