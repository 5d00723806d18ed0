"""An out-of-date page is rendered again by one request while the others get the old copy."""

import pytest
from django.test import RequestFactory

from masthead.caching import fragments
from masthead.caching import pages as page_cache
from masthead.caching import tags as cache_tags
from masthead.caching.store import shared
from masthead.ops.tests import urls as test_urls

pytestmark = [pytest.mark.django_db, pytest.mark.urls(test_urls.__name__)]

PATH = "/t/switch/"


def _lock_key(client) -> str:
    environ = RequestFactory().get(PATH).META
    return page_cache.REFRESH_PREFIX + page_cache.entry_key(page_cache.raw_url(environ))


def _make_out_of_date(switch, text="second", status=200):
    switch.text, switch.status = text, status
    cache_tags.bump([cache_tags.LISTING])
    page_cache.served_copies.clear()


def test_first_request_after_a_change_renders_the_new_page_and_frees_the_lock(client, switch):
    assert client.get(PATH).content == b"first"
    _make_out_of_date(switch)
    response = client.get(PATH)
    assert (response["X-Cache"], response.content) == ("MISS", b"second")
    assert client.get(PATH)["X-Cache"] == "HIT"
    assert shared().get(_lock_key(client)) is None


def test_while_one_request_renders_the_others_get_the_old_copy(client, switch):
    client.get(PATH)
    lock = _lock_key(client)
    _make_out_of_date(switch)
    shared().add(lock, 1, 5)  # another process is rendering it
    waiting = client.get(PATH)
    assert (waiting["X-Cache"], waiting.content) == ("STALE", b"first")
    assert waiting["Cache-Control"] == "public, max-age=0, s-maxage=1"  # an edge asks again
    shared().delete(lock)  # the lock's owner is gone: the next request renders
    assert client.get(PATH).content == b"second"


def test_a_page_that_may_no_longer_be_shared_loses_its_old_copy(client, switch):
    client.get(PATH)
    _make_out_of_date(switch, text="gone", status=404)
    assert client.get(PATH).status_code == 404
    shared().add(_lock_key(client), 1, 5)
    # Even with another render under way, nobody is served the page that was taken down.
    assert client.get(PATH).status_code == 404


def test_a_failed_render_keeps_the_old_copy_for_the_next_readers(client, switch):
    client.get(PATH)
    _make_out_of_date(switch, text="boom", status=500)
    assert client.get(PATH).status_code == 500
    lock = _lock_key(client)
    assert shared().get(lock) is None
    shared().add(lock, 1, 5)
    assert client.get(PATH).content == b"first"


def test_head_requests_never_take_the_lock(client, switch):
    client.get(PATH)
    _make_out_of_date(switch)
    client.head(PATH)
    assert shared().get(_lock_key(client)) is None


@pytest.mark.urls("masthead.urls")
def test_a_stale_rail_is_filled_with_its_old_copy_while_another_request_renders_it(client, article):
    client.get(article.url)
    raw = page_cache.raw_url(RequestFactory().get(article.url).META)
    slots = [p for p in shared().get(page_cache.entry_key(raw)).parts if isinstance(p, str)]
    assert slots
    cache_tags.bump([cache_tags.FEED])  # a new feed item: the rail beside every article
    page_cache.served_copies.clear()
    fragments.copies.clear()
    locks = [page_cache.REFRESH_PREFIX + key for key in slots]
    for lock in locks:
        shared().add(lock, 1, 5)
    assert client.get(article.url)["X-Cache"] == "STALE"
    shared().delete_many(locks)
    assert client.get(article.url)["X-Cache"] == "MISS"  # renders the page and so the rail
    assert shared().get_many(locks) == {}
    assert client.get(article.url)["X-Cache"] == "HIT"
