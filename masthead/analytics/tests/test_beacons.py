"""Counting from real beacons: the test client POSTs what js/popular.js and
js/audio-player.js send. Aggregates only; one count per article per client per day."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from masthead.analytics import models as m
from masthead.analytics import recording
from masthead.caching.store import shared
from masthead.news.models import PageViewBucket

from .helpers import ANDROID_TABLET, BROWSER, IPHONE, flush, listen, total, view

pytestmark = pytest.mark.django_db


def popular_views(page):
    return sum(PageViewBucket.objects.filter(page=page).values_list("views", flat=True))


def test_a_beacon_counts_a_view_in_hourly_and_daily_rows_without_a_cookie(client, article):
    response = view(client, article.pk)
    assert response.status_code == 204
    assert "Set-Cookie" not in response and not response.cookies
    assert response["Cache-Control"] == "no-store"
    flush()
    assert total(m.VIEWS, article_id=article.pk) == 1
    assert total(m.VIEWS) == 1  # the newsroom's total
    assert total(m.VIEWS, article_id=article.pk, window="week") == 1  # the daily roll-up
    assert popular_views(article) == 1  # Most popular reads the same counts


def test_many_beacons_from_one_client_count_once(client, article):
    for _ in range(500):
        assert view(client, article.pk).status_code == 204
    flush()
    assert total(m.VIEWS, article_id=article.pk) == 1
    assert popular_views(article) == 1


def test_two_clients_count_twice_and_one_client_counts_once_per_article(
    client, article, make_article
):
    other = make_article(title="Another story", slug="another")
    view(client, article.pk, address="203.0.113.7")
    view(client, article.pk, address="198.51.100.4")
    view(client, article.pk, address="198.51.100.4")
    view(client, other.pk, address="198.51.100.4")
    # The same address with another browser is another reader (a shared office network).
    view(client, article.pk, address="198.51.100.4", agent=IPHONE)
    flush()
    assert total(m.VIEWS, article_id=article.pk) == 3
    assert total(m.VIEWS, article_id=other.pk) == 1


def test_the_salt_rotates_daily_and_lives_only_in_the_cache(article):
    today = timezone.now()
    tomorrow = today + timedelta(days=1)
    args = {"address": "203.0.113.7", "user_agent": BROWSER, "article_id": article.pk}
    first = recording.client_hash(**args, event="v", day=today.date())
    assert first == recording.client_hash(**args, event="v", day=today.date())
    assert first != recording.client_hash(**args, event="v", day=tomorrow.date())
    assert shared().get(f"analytics:salt:{today.date().isoformat()}")
    assert shared().get(f"analytics:salt:{tomorrow.date().isoformat()}")
    assert shared().get(f"analytics:salt:{today.date()}") != shared().get(
        f"analytics:salt:{tomorrow.date()}"
    )
    # The next day the same reader counts again; the same day, never twice.
    view_args = {"article_id": article.pk, "address": "203.0.113.7", "user_agent": BROWSER}
    dims = {"referrer": "direct", "host": "", "device": "desktop"}
    assert recording.record_view(**view_args, **dims, now=today)
    assert not recording.record_view(**view_args, **dims, now=today)
    assert recording.record_view(**view_args, **dims, now=tomorrow)


def test_referrer_host_class_and_device_class_are_counted(client, article):
    view(client, article.pk, ref="www.google.com", agent=IPHONE, address="192.0.2.1")
    view(client, article.pk, ref="t.co", agent=ANDROID_TABLET, address="192.0.2.2")
    view(client, article.pk, ref="news.ycombinator.com", address="192.0.2.3")
    view(client, article.pk, src="newsletter", ref="mail.google.com", address="192.0.2.4")
    view(client, article.pk, ref="testserver", address="192.0.2.5")  # another page of ours
    view(client, article.pk, address="192.0.2.6")  # typed or bookmarked
    view(client, article.pk, ref="blog.example.org", address="192.0.2.7")
    view(client, article.pk, ref="https://evil.example/path?q=secret", address="192.0.2.8")
    flush()
    for key, expected in {
        "search": 1,
        "social": 2,
        "newsletter": 1,
        "internal": 1,
        "direct": 1,
        "other": 2,
    }.items():
        assert total(m.REFERRER, article_id=article.pk, key=key) == expected, key
    assert total(m.REFERRER_HOST, key="google.com") == 1
    assert total(m.REFERRER_HOST, key="evil.example") == 1  # the host, nothing more
    assert not m.HourlyCount.objects.filter(key__contains="secret").exists()
    assert not m.HourlyCount.objects.filter(metric=m.REFERRER_HOST, key="testserver").exists()
    assert total(m.DEVICE, key="phone") == 1
    assert total(m.DEVICE, key="tablet") == 1
    assert total(m.DEVICE, key="desktop") == 6


def test_sections_and_authors_get_the_views_of_their_articles(client, article, section, author):
    view(client, article.pk)
    flush()
    assert total(m.SECTION, key=str(section.pk)) == 1
    assert total(m.AUTHOR, key=str(author.pk)) == 1


def test_narration_plays_and_quartiles_count_once_per_listener(client, article):
    for _ in range(3):
        for q in (0, 25, 50):
            assert listen(client, article.pk, q).status_code == 204
    listen(client, article.pk, 0, address="192.0.2.99")
    for q in (25, 50, 75, 100):
        listen(client, article.pk, q, address="192.0.2.99")
    flush()
    assert total(m.PLAYS, article_id=article.pk) == 2
    assert total(m.LISTENED, article_id=article.pk, key="25") == 2
    assert total(m.LISTENED, article_id=article.pk, key="50") == 2
    assert total(m.LISTENED, article_id=article.pk, key="75") == 1
    assert total(m.LISTENED, article_id=article.pk, key="100") == 1
    assert total(m.VIEWS) == 0  # listening is not a page view


@pytest.mark.parametrize("quartile", ["", "10", "-1", "abc", "100&q=25", "9" * 30])
def test_bad_quartiles_are_refused(client, article, quartile):
    assert listen(client, article.pk, quartile).status_code == 400
    flush()
    assert m.HourlyCount.objects.count() == 0


def test_no_address_no_user_agent_and_no_client_hash_reach_the_database(client, article):
    address, agent = "203.0.113.77", BROWSER + " UniqueMarker/9.9"
    view(client, article.pk, address=address, agent=agent, ref="www.bing.com")
    listen(client, article.pk, 0, address=address, agent=agent)
    flush()
    hashes = {
        recording.client_hash(
            address=address,
            user_agent=agent,
            article_id=article.pk,
            event=event,
            day=timezone.now().date(),
        )
        for event in ("v", "q0")
    }
    assert m.HourlyCount.objects.exists()
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                text = " ".join(str(cell) for cell in row)
                for needle in (address, "UniqueMarker", *hashes):
                    if needle in text:
                        found.append((table, needle))
    assert found == []


@pytest.mark.parametrize(
    "agent",
    ["", "Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "HeadlessChrome/120"],
)
def test_bots_are_not_counted(client, article, agent):
    assert view(client, article.pk, agent=agent).status_code == 204
    assert listen(client, article.pk, 0, agent=agent).status_code == 204
    flush()
    assert m.HourlyCount.objects.count() == 0


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
    response = client.generic(
        "POST",
        "/popular/hit/",
        body,
        content_type="application/x-www-form-urlencoded",
        HTTP_USER_AGENT=BROWSER,
    )
    assert response.status_code == 400
    flush()
    assert m.HourlyCount.objects.count() == 0 and PageViewBucket.objects.count() == 0


def test_a_plain_text_beacon_body_is_accepted(client, article):
    response = client.generic(
        "POST",
        "/popular/hit/",
        str(article.pk),
        content_type="text/plain",
        HTTP_USER_AGENT=BROWSER,
    )
    assert response.status_code == 204
    flush()
    assert total(m.VIEWS, article_id=article.pk) == 1


def test_oversized_beacons_are_refused_with_413(client, article):
    assert view(client, article.pk, ref="x" * 400).status_code == 413


def test_unknown_and_unpublished_ids_are_refused_with_404(client, article, make_article):
    draft = make_article(title="Draft", slug="draft", publish=False)
    assert view(client, 987654).status_code == 404
    assert view(client, draft.pk).status_code == 404
    assert listen(client, draft.pk, 0).status_code == 404
    assert view(client, article.get_parent().pk).status_code == 404  # a section


def test_get_and_cross_site_beacons_are_refused(client, article):
    assert client.get(f"/popular/hit/?id={article.pk}").status_code == 405
    assert client.get(f"/listen/hit/?id={article.pk}&q=0").status_code == 405
    assert view(client, article.pk, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    flush()
    assert m.HourlyCount.objects.count() == 0


def test_beacons_need_no_csrf_token(article):
    strict = Client(enforce_csrf_checks=True)
    assert view(strict, article.pk).status_code == 204
    assert listen(strict, article.pk, 0).status_code == 204


def test_flush_drops_rows_past_retention_and_views_of_deleted_pages(settings, article):
    now = timezone.now()
    old = recording.hour_of(now - timedelta(days=500))
    m.HourlyCount.objects.create(hour=old, article_id=article.pk, metric=m.VIEWS, count=3)
    PageViewBucket.objects.create(page=article, hour=now - timedelta(days=30), views=9)
    recording.record_view(
        article_id=424242,
        address="a",
        user_agent="b",
        referrer="direct",
        host="",
        device="desktop",
    )
    flush()
    assert m.HourlyCount.objects.count() == 0
    assert PageViewBucket.objects.count() == 0


def test_flushes_add_up_instead_of_overwriting(client, article):
    view(client, article.pk, address="192.0.2.1")
    flush()
    view(client, article.pk, address="192.0.2.2")
    flush()
    assert m.HourlyCount.objects.filter(article_id=article.pk, metric=m.VIEWS).get().count == 2
    assert m.DailyCount.objects.filter(article_id=article.pk, metric=m.VIEWS).get().count == 2


def test_redis_counter_counts_once_per_client_and_is_shared(settings, client, article):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/8"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    key = f"masthead-test:analytics:{article.pk}:{id(settings)}"
    settings.MASTHEAD_POPULAR_COUNTER = "redis"
    settings.MASTHEAD_POPULAR_REDIS_URL = url
    settings.MASTHEAD_POPULAR_REDIS_KEY = key
    server = redis.Redis.from_url(url)
    try:
        for _ in range(20):
            view(client, article.pk, address="192.0.2.1")
        view(client, article.pk, address="192.0.2.2")
        flush()
        assert total(m.VIEWS, article_id=article.pk) == 2
        # Counts made by one process are drained by another (the task worker).
        view(client, article.pk, address="192.0.2.3")
        assert sum(recording.RedisCounter(url, key).drain().values()) == 1
        # The client hashes live in Redis with a time to live, nowhere else.
        once_keys = server.keys(f"{key}:once:*")
        assert len(once_keys) == 3
        assert all(0 < server.ttl(k) <= 24 * 3600 for k in once_keys)
    finally:
        for k in server.keys(f"{key}*"):
            server.delete(k)
