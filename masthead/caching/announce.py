"""Tag bumps announced to every server process over Redis pub/sub.

Each process remembers tag versions for a moment (``tags.py``, CACHE_TAG_MEMO_SECONDS) so a
hit on a page it keeps costs no round trip. Without an announcement, a purge made elsewhere
reaches that memo only when it runs out, and the edge's second PURGE (``purge.py``) has to
wait it out. With Redis as the shared store, ``tags.bump`` publishes the tags it bumped and a
thread in each process drops them from the memo as the message arrives, and a process keeps
a memo only while that thread is subscribed: one that is not (starting, Redis gone, a
reconnect) reads every version afresh, so no process holds a version older than the
announcement's delivery. With diskcache there is no announcement: the memo runs out, as
before.

Messages are tag names only; one from another site on the same Redis (channels span its
databases) can only make this process read some versions again.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable

from django.core.cache.backends.redis import RedisCache

from .store import shared

logger = logging.getLogger(__name__)

RETRY_SECONDS = 1.0

_lock = threading.Lock()
_listener: dict[str, object] = {"pid": None, "thread": None}
# This process's listener is started (cleared in a forked child: the thread stays behind).
# Checked on every tag read, so a flag rather than os.getpid(), a system call each time.
_started = False
# Set while this process's listener is subscribed.
_subscribed = threading.Event()
# Moves on every message and (un)subscription: a reader that saw it move while it was
# reading versions does not keep what it read (an announcement may have come in between).
generation = 0


def _channel(cache: RedisCache) -> str:
    return cache.make_key("tag-bumps")


def _redis() -> RedisCache | None:
    cache = shared()
    return cache if isinstance(cache, RedisCache) else None


def in_use() -> bool:
    """Are bumps announced here (the shared store is Redis)?"""
    return _redis() is not None


def announced() -> bool | None:
    """Does this process hear every bump at once? True while it listens on Redis; False on
    Redis otherwise (keep no memo then). None without Redis (no announcements: the memo
    runs out on its own)."""
    cache = _redis()
    if cache is None:
        return None
    if not _started:  # first use in this process (after a server's fork)
        _start(cache)
    return _subscribed.is_set()


def _forked() -> None:
    global _started
    _started = False


os.register_at_fork(after_in_child=_forked)


def _start(cache: RedisCache) -> None:
    global _started
    with _lock:
        if _listener["pid"] == os.getpid():
            _started = True
            return
        _subscribed.clear()
        thread = threading.Thread(
            target=_listen, args=(cache, forget_tags), name="tag-announcements", daemon=True
        )
        _listener.update(pid=os.getpid(), thread=thread)
        thread.start()
        _started = True


def forget_tags(names: Iterable[str] | None) -> None:
    """Drop ``names`` (every tag with None) from this process's memo."""
    from . import tags

    global generation
    generation += 1
    if names is None:
        tags.forget_memo()
    else:
        tags.forget(names)


def _listen(cache: RedisCache, forget: Callable[[Iterable[str] | None], None]) -> None:
    """Listen for bumps for as long as the process lives, subscribing again after an error."""
    channel = _channel(cache)
    while True:
        pubsub = None
        try:
            # Django's client for the cache's own Redis (its connection settings and pool).
            pubsub = cache._cache.get_client(write=False).pubsub()
            pubsub.subscribe(channel)
            while True:
                message = pubsub.get_message(timeout=1.0)
                if message is None:
                    continue
                if message["type"] == "subscribe":
                    forget(None)  # anything bumped while this process was not listening
                    _subscribed.set()
                elif message["type"] == "message":
                    forget(message["data"].decode().split("\n"))
        except Exception as error:  # noqa: BLE001 - any failure: stop trusting the memo, retry
            _subscribed.clear()
            forget(None)
            logger.warning("not hearing tag bumps (%s); reading versions afresh", error)
        finally:
            if pubsub is not None:
                with contextlib.suppress(Exception):  # the connection is gone already
                    pubsub.close()
        time.sleep(RETRY_SECONDS)


def announce(names: Iterable[str]) -> None:
    """Tell every process these tags were bumped (after the new versions are stored).
    Side effects: one PUBLISH on Redis; nothing without Redis or while it is down."""
    cache = _redis()
    if cache is None or time.monotonic() < getattr(cache, "_down_until", 0):
        return  # FailSafeRedisCache found Redis down a moment ago: do not wait on it again
    try:
        cache._cache.get_client(write=True).publish(_channel(cache), "\n".join(names))
    except Exception as error:  # noqa: BLE001 - Redis down: the bump was lost with it anyway
        logger.warning("could not announce a tag bump (%s)", error)
