"""Tag bumps announced over Redis: a purge made in another process reaches this one's tag
memo as soon as the announcement arrives, not when the memo runs out, and a process that is
not hearing announcements keeps no memo at all. Runs on the Redis that conftest.py's
``on_redis`` picks."""

from __future__ import annotations

import time

import pytest

from masthead.caching import announce, purge
from masthead.caching import tags as cache_tags
from masthead.caching.store import shared

pytestmark = pytest.mark.django_db

TAG = "announce-test"


def _until(condition, seconds: float = 10.0) -> bool:
    """Wait for ``condition`` (a thread's work, not a timing under test)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def _bumped_elsewhere(tag: str) -> int:
    """What another process's ``tags.bump`` does to the shared store and the channel, with
    this process's memo left as it is."""
    version = time.time_ns()
    shared().set(cache_tags.PREFIX + tag, version, None)
    announce.announce([tag])
    return version


@pytest.fixture
def listening(on_redis, settings):
    settings.CACHE_TAG_MEMO_SECONDS_ANNOUNCED = 60  # without an announcement: outlives the test
    assert _until(lambda: announce.announced()), "the listener did not subscribe"
    return on_redis


def test_a_bump_in_another_process_reaches_the_memo_when_announced(listening):
    before = cache_tags.versions([TAG])[TAG]
    assert cache_tags._memo[TAG][1] == before  # remembered for a minute
    after = _bumped_elsewhere(TAG)
    assert _until(lambda: cache_tags.versions([TAG])[TAG] == after)


def test_while_heard_a_version_is_kept_past_the_diskcache_memo(listening, settings):
    """A hit on a page this process keeps then costs no round trip: a version stays until an
    announcement drops it, or CACHE_TAG_MEMO_SECONDS_ANNOUNCED passes."""
    settings.CACHE_TAG_MEMO_SECONDS = 0.01
    settings.CACHE_TAG_MEMO_SECONDS_ANNOUNCED = 60
    cache_tags.forget_memo()
    version = cache_tags.versions([TAG])[TAG]
    time.sleep(0.05)  # past the diskcache memo
    shared().set(cache_tags.PREFIX + TAG, version + 1, None)  # written, never announced
    assert cache_tags.versions([TAG])[TAG] == version
    settings.CACHE_TAG_MEMO_SECONDS_ANNOUNCED = 0.01
    cache_tags.forget([TAG])
    cache_tags.versions([TAG])
    time.sleep(0.05)  # past the bound: read again
    assert cache_tags.versions([TAG])[TAG] == version + 1


def test_a_process_not_hearing_announcements_keeps_no_memo(listening, monkeypatch):
    monkeypatch.setattr(announce, "announced", lambda: False)  # as while Redis reconnects
    cache_tags.forget_memo()
    cache_tags.versions([TAG])
    assert TAG not in cache_tags._memo
    version = time.time_ns()
    shared().set(cache_tags.PREFIX + TAG, version, None)  # bumped, and the message lost
    assert cache_tags.versions([TAG])[TAG] == version


def test_versions_read_while_an_announcement_came_in_are_not_kept(listening, monkeypatch):
    get_many = type(shared()).get_many

    def announcement_arrives_meanwhile(self, keys, version=None):
        found = get_many(self, keys, version)
        announce.forget_tags([TAG])  # what the listener does on a message
        return found

    monkeypatch.setattr(type(shared()), "get_many", announcement_arrives_meanwhile)
    cache_tags.forget_memo()
    cache_tags.versions([TAG])
    assert TAG not in cache_tags._memo


def test_on_redis_the_edge_is_purged_again_without_waiting_out_the_memo(on_redis, settings):
    settings.CACHE_TAG_MEMO_SECONDS = 0.5
    assert purge.seen_everywhere_after() == 0.0


def test_with_diskcache_the_edge_waits_out_the_memo(settings):
    settings.CACHE_TAG_MEMO_SECONDS = 0.5
    assert not announce.in_use()
    assert purge.seen_everywhere_after() == 0.5
    settings.CACHE_TAG_MEMO_SECONDS = 0
    assert purge.seen_everywhere_after() is None
