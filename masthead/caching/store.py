"""The one store every server process shares: Django's ``default`` cache.

Redis when ``REDIS_URL`` is set, otherwise diskcache files under ``var/`` (settings/base.py).
Sessions, lock-outs, rate limits, tag versions, stored pages and fragments all live here, so
two processes never disagree about them. Per-process memory holds only copies of what is
here, checked against it (``local.py``).
"""

from __future__ import annotations

import logging
import threading
import time

from diskcache import DjangoCache
from django.core.cache import BaseCache, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.core.signals import setting_changed

logger = logging.getLogger(__name__)


# This thread's handle on the store, and the CACHES setting it was made for. A page-cache hit
# asks for the store several times, and Django's own lookup (``caches["default"]``, through
# asgiref's context-local storage) cost about 5 % of a web worker's time in the spike bench.
_handles = threading.local()
_settings_generation = 0


def shared() -> BaseCache:
    """The shared store: Django's ``default`` cache, this thread's instance of it."""
    handle = getattr(_handles, "store", None)
    if handle is None or handle[0] != _settings_generation:
        handle = _handles.store = (_settings_generation, caches["default"])
    return handle[1]


def _caches_changed(*, setting, **kwargs) -> None:
    """A test changed CACHES: Django makes new cache instances, and so does ``shared()``."""
    global _settings_generation
    if setting == "CACHES":
        _settings_generation += 1


setting_changed.connect(_caches_changed)


class SharedDiskCache(DjangoCache):
    """diskcache's Django backend, kept open between requests.

    Django closes every cache when a request finishes (``request_finished``), which suits a
    socket pool but not SQLite files: diskcache would open its shards again on the next
    request (about 2 ms of a miss's time here, more when the closing connection is the last
    one and SQLite checkpoints its log). diskcache keeps one connection per thread and
    shard and is safe to keep open."""

    def close(self, **kwargs):
        pass


class OneClientPerPool(RedisCacheClient):
    """Django's Redis cache client, keeping one ``redis.Redis`` per connection pool.

    Django's makes a new ``redis.Redis`` for every command, and redis-py 8 fills some 200
    response callbacks and its event hooks in each: 64 us against 200 us for a whole MGET
    round trip here, and about a tenth of a web worker's time in the spike bench. A
    ``redis.Redis`` takes a connection from its pool per command and is safe to share
    between threads, so one per pool serves every call."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))  # a pool lives as long as this client
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FailSafeRedisCache(RedisCache):
    """Django's RedisCache, except that a Redis outage makes it behave like an empty cache.

    While Redis is down every read misses and every write is dropped, so pages are rendered
    from the database instead of failing. After an error the backend skips Redis for
    ``RETRY_AFTER`` seconds (``OPTIONS['retry_after']``) so requests do not each wait for a
    connection timeout."""

    _down_until = 0.0

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("retry_after", 1.0))
        options.setdefault("socket_connect_timeout", 0.25)
        options.setdefault("socket_timeout", 0.5)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = OneClientPerPool

    def _guard(self, method, default, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return default
        try:
            return getattr(super(), method)(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - any Redis failure means "no cache"
            from redis.exceptions import RedisError

            if not isinstance(error, RedisError | OSError):
                raise
            # Shared by every thread's instance: one failure spares them all the timeout.
            type(self)._down_until = time.monotonic() + self.retry_after
            logger.warning("cache unavailable (%s); serving without it", error)
            return default

    def get(self, key, default=None, version=None):
        return self._guard("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, keys, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set", None, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("add", False, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._guard("delete_many", None, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        return self._guard("incr", delta, key, delta, version)

    def clear(self):
        return self._guard("clear", False)
