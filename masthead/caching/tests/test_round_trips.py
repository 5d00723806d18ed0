"""What a page-cache hit costs in round trips to a real Redis (the shared store in production).

Every round trip is a wait on the network and a turn in Redis's single thread; at thousands of
hits a second they, not Python, set the tail latency. A hit reads the stored page, the
versions of the tags it depends on, its slots' fragments and their tags' versions: one
``get_many`` (MGET) for all of them, once this process has seen the page.

Runs against the Redis named by ``REDIS_URL``, else the machine's own on 127.0.0.1:6379 in a
database per test worker (the tests empty it; conftest.py); skipped when neither answers."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from masthead.caching import fragments
from masthead.caching import pages as page_cache
from masthead.caching import tags as cache_tags
from masthead.caching.local import MISSING
from masthead.caching.store import shared

pytestmark = pytest.mark.django_db


def _hit(path: str) -> bytes | None:
    """What the WSGI wrapper answers for ``path`` from the cache; None if it had to go on to
    Django (a miss)."""
    environ = RequestFactory().get(path).META
    body = page_cache.PageCacheWSGI(lambda *a: [b"<miss>"])(environ, lambda *a: None)
    return None if body == [b"<miss>"] else b"".join(body)


def _nothing_kept_here() -> None:
    """As a process that keeps no copy and remembers no tag version (a page not among those
    it serves most, the tag memo run out)."""
    cache_tags.forget_memo()
    fragments.copies.clear()
    page_cache.served_copies.clear()


@pytest.fixture
def stored_article(client, article, on_redis, settings):
    """An article stored in the shared store with its four slots (rails) filled from there."""
    settings.PAGE_CACHE_LOCAL_BYTES = 0  # no copy in this process: the shared store answers
    stored = client.get(article.url)
    assert stored["X-Cache"] == "MISS"
    assert b"<!--slot:" not in stored.content
    page = shared().get(
        page_cache.entry_key(page_cache.raw_url(RequestFactory().get(article.url).META))
    )
    assert len([part for part in page.parts if isinstance(part, str)]) == 4
    return article, stored.content


def test_a_hit_reads_the_page_its_slots_and_their_tags_in_one_round_trip(stored_article, on_redis):
    article, content = stored_article
    _nothing_kept_here()
    del on_redis.sent[:]
    assert _hit(article.url) == content
    # Before: a GET for the page, an MGET for its tags, then a GET (and an MGET) per slot: 9.
    assert on_redis.sent == [["MGET"]]


def test_a_page_new_to_this_process_costs_at_most_three_then_one(stored_article, on_redis):
    article, content = stored_article
    _nothing_kept_here()
    page_cache.page_tag_hints.clear()
    page_cache.slot_hints.clear()
    fragments.hints.clear()
    del on_redis.sent[:]
    assert _hit(article.url) == content
    # The page; its tags and slots; the tags of the fragments in them.
    assert on_redis.sent == [["MGET"]] * 3
    _nothing_kept_here()
    del on_redis.sent[:]
    assert _hit(article.url) == content
    assert on_redis.sent == [["MGET"]]


def test_a_copy_kept_in_this_process_costs_one_read_of_its_tags(stored_article, on_redis, settings):
    article, content = stored_article
    settings.PAGE_CACHE_LOCAL_BYTES = 1024 * 1024
    settings.CACHE_TAG_MEMO_SECONDS = 0  # every use checks the tags afresh
    settings.CACHE_TAG_MEMO_SECONDS_ANNOUNCED = 0
    cache_tags.forget_memo()
    assert _hit(article.url) == content  # now kept here
    del on_redis.sent[:]
    assert _hit(article.url) == content
    assert on_redis.sent == [["MGET"]]


def test_a_copy_kept_here_costs_no_round_trip_while_bumps_are_heard(
    stored_article, on_redis, settings
):
    """The tags' versions stay remembered until an announcement drops them; a bump made
    elsewhere still reaches the copy."""
    from masthead.caching import announce

    from .test_announce import _bumped_elsewhere, _until

    article, content = stored_article
    settings.PAGE_CACHE_LOCAL_BYTES = 1024 * 1024
    settings.CACHE_TAG_MEMO_SECONDS = 0  # the diskcache memo does not apply on Redis
    settings.CACHE_TAG_MEMO_SECONDS_ANNOUNCED = 60
    assert _until(lambda: announce.announced()), "the listener did not subscribe"
    cache_tags.forget_memo()
    assert _hit(article.url) == content  # now kept here, its versions remembered
    del on_redis.sent[:]
    assert _hit(article.url) == content
    assert on_redis.sent == []
    _bumped_elsewhere(cache_tags.page(article.pk))
    assert _until(lambda: cache_tags.page(article.pk) not in cache_tags._memo)
    page_cache_copy = page_cache.served_copies.get(
        page_cache.raw_url(RequestFactory().get(article.url).META)
    )
    assert page_cache_copy is MISSING


def test_an_out_of_date_page_being_rendered_elsewhere_is_answered_in_one_round_trip(
    stored_article, on_redis
):
    article, content = stored_article
    cache_tags.bump([cache_tags.page(article.pk)])
    key = page_cache.entry_key(page_cache.raw_url(RequestFactory().get(article.url).META))
    shared().add(page_cache.REFRESH_PREFIX + key, 1, 5)  # another process renders it
    _nothing_kept_here()
    del on_redis.sent[:]
    assert _hit(article.url) == content
    # Before: the page, its tags, an ADD refused by the lock, then each slot: 10.
    assert on_redis.sent == [["MGET"]]


def test_a_fragment_is_read_with_its_tags_in_one_round_trip(stored_article, on_redis):
    key = next(
        part
        for part in shared()
        .get(
            page_cache.entry_key(
                page_cache.raw_url(RequestFactory().get(stored_article[0].url).META)
            )
        )
        .parts
        if isinstance(part, str)
    )
    _nothing_kept_here()
    del on_redis.sent[:]
    assert fragments.peek(key) is not None
    assert on_redis.sent == [["MGET"]]  # before: a GET, then an MGET of its tags


def test_a_hit_with_redis_down_is_a_miss_not_an_error(stored_article, settings):
    from masthead.ops.tests.servers import free_port

    article, _ = stored_article
    settings.CACHES = {
        "default": {
            "BACKEND": "masthead.caching.store.FailSafeRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "OPTIONS": {"retry_after": 0},
        }
    }
    _nothing_kept_here()
    assert _hit(article.url) is None


def test_a_kept_page_whose_rail_changed_is_assembled_again_without_reading_the_page(
    client, stored_article, settings
):
    """A feed item changes the rail beside every article: a process fills the pages it
    keeps with the new rail, and does not read each page from the shared store again."""
    from masthead.news.models import NewsFeedItem

    article, content = stored_article
    settings.PAGE_CACHE_LOCAL_BYTES = 1024 * 1024
    assert _hit(article.url) == content  # now kept here
    raw = page_cache.raw_url(RequestFactory().get(article.url).META)
    shared().delete(page_cache.entry_key(raw))  # reading the page again would now miss
    NewsFeedItem.objects.create(headline="A new rail item", summary="Checked here.")
    assert b"A new rail item" in client.get(article.url + "?page=2").content  # rail rendered
    answer = _hit(article.url)
    assert answer is not None and b"A new rail item" in answer


def test_every_command_goes_through_one_client_per_pool(on_redis):
    """Django's client built a redis.Redis per command (64 us each here); this store keeps one
    per connection pool, and it still reaches Redis for every command."""
    client = shared()._cache
    assert client.get_client(write=True) is client.get_client(write=False)
    del on_redis.sent[:]
    shared().set("one-client", 1, 30)
    assert shared().get_many(["one-client", "absent"]) == {"one-client": 1}
    assert shared().get("one-client") == 1
    assert [command[0] for command in on_redis.sent] == ["SET", "MGET", "GET"]
    assert len(client._clients) == 1
