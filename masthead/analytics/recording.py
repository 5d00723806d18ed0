"""Counting what readers do, on the request path, as cheaply as the view beacon always did.

Each beacon becomes at most one counter increment, in a Redis hash shared by every process
(or this process's memory when there is no Redis), and `analytics_flush` later moves the
counts into hourly and daily rows (services.py). Nothing about the reader is stored: the
counter field names an hour, an article, and classes (referrer class and host, device
class, quartile).

One view per article per client per day: a client is known only by a keyed hash of its
address, user agent and the article, under a secret salt that changes every day and lives
only in the shared cache. The hash is kept (as a cache key with a TTL, never in the
database) just long enough to recognise a repeat, and cannot be reversed or linked across
days once the salt is gone."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import threading
import time
from collections import Counter
from datetime import UTC, date, datetime

from django.utils import timezone

from masthead.caching.store import shared
from masthead.news import conf as news_conf

logger = logging.getLogger(__name__)

SEP = "|"


def hour_of(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


# --- the daily salt and the client hash ---------------------------------------------------

_salts: dict[str, bytes] = {}
_salts_lock = threading.Lock()


def daily_salt(day: date) -> bytes:
    """The secret salt of one (UTC) day: made by whichever process needs it first, shared
    through the cache, forgotten two days later. Each process keeps today's in memory, so a
    beacon costs no extra cache read for it."""
    name = day.isoformat()
    salt = _salts.get(name)
    if salt is not None:
        return salt
    key = f"analytics:salt:{name}"
    shared().add(key, secrets.token_hex(32), 2 * 24 * 3600)
    value = shared().get(key)
    if value is None:  # the cache is down: a salt of our own still keeps addresses out
        value = secrets.token_hex(32)
    with _salts_lock:
        if len(_salts) > 4:
            _salts.clear()
        _salts[name] = value.encode()
    return _salts[name]


def client_hash(*, address: str, user_agent: str, article_id: int, event: str, day: date) -> str:
    message = f"{address}\n{user_agent}\n{article_id}\n{event}".encode("utf-8", "replace")
    return hmac.new(daily_salt(day), message, hashlib.sha256).hexdigest()[:32]


# --- the counters -------------------------------------------------------------------------


def _parse(counts: dict) -> Counter:
    parsed: Counter = Counter()
    for raw_field, raw_count in counts.items():
        text = raw_field.decode() if isinstance(raw_field, bytes) else str(raw_field)
        parts = text.split(SEP)
        try:
            hour = datetime.fromtimestamp(int(parts[1]), tz=UTC)
            parsed[(parts[0], hour, int(parts[2]), *parts[3:])] += int(raw_count)
        except (ValueError, IndexError):
            logger.warning("Ignoring a malformed analytics counter %r", text)
    return parsed


class LocalCounter:
    """Counters in this process's memory, repeats remembered in the shared cache."""

    shared = False

    def __init__(self):
        self._lock = threading.Lock()
        self._counts: Counter = Counter()
        self._next_flush = 0.0

    def add(self, field: str, *, once_key: str | None, ttl: int, due_key: str, every: int):
        """Count `field` unless `once_key` was seen; returns (counted, flush_due). Only this
        process holds these counts, so when to flush is its own clock's business: no cache
        call for it, and a counted beacon costs one cache call more than a repeat, not two."""
        if once_key is not None and not shared().add(f"analytics:once:{once_key}", 1, ttl):
            return False, False
        now = time.monotonic()
        with self._lock:
            self._counts[field] += 1
            due = now >= self._next_flush
            if due:
                self._next_flush = now + every
        return True, due

    def drain(self) -> Counter:
        with self._lock:
            counts, self._counts = self._counts, Counter()
        return _parse(counts)


# One round trip per beacon: remember the client hash (if new), count, and say whether a
# flush is due, all inside Redis.
_COUNT_ONCE = """
if ARGV[1] ~= '' then
  if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[2]) then return {0, 0} end
end
redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
if redis.call('SET', KEYS[3], '1', 'NX', 'EX', ARGV[4]) then return {1, 1} end
return {1, 0}
"""


class RedisCounter:
    """Counters in one Redis hash, shared by every web process and the task worker."""

    shared = True

    def __init__(self, url: str, key: str):
        import redis

        self._client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.key = key
        self._script = self._client.register_script(_COUNT_ONCE)

    def add(self, field: str, *, once_key: str | None, ttl: int, due_key: str, every: int):
        counted, due = self._script(
            keys=[f"{self.key}:once:{once_key or '-'}", self.key, f"{self.key}:{due_key}"],
            args=["1" if once_key else "", ttl, field, every],
        )
        return bool(counted), bool(due)

    def drain(self) -> Counter:
        """Move the hash aside atomically, so counts made meanwhile go to a fresh hash."""
        import redis

        draining = f"{self.key}:draining:{time.time_ns()}"
        try:
            self._client.rename(self.key, draining)
        except redis.ResponseError:  # no such key: nothing counted since the last drain
            return Counter()
        counts = self._client.hgetall(draining)
        self._client.delete(draining)
        return _parse(counts)


_counter = None
_counter_config = None
_counter_lock = threading.Lock()


def get_counter():
    """The configured counter, made once per process (again if the settings change)."""
    global _counter, _counter_config
    config = (
        news_conf.popular_counter(),
        news_conf.popular_redis_url(),
        news_conf.popular_redis_key(),
    )
    with _counter_lock:
        if _counter is None or _counter_config != config:
            kind, url, key = config
            _counter = RedisCounter(url, key) if kind == "redis" else LocalCounter()
            _counter_config = config
        return _counter


def _count(field: str, *, once_key: str | None) -> bool:
    from . import conf

    counter = get_counter()
    due_key = "analytics:flush-due"
    counted, due = counter.add(
        field,
        once_key=once_key,
        ttl=conf.once_per_seconds(),
        due_key=due_key,
        every=news_conf.popular_flush_seconds(),
    )
    if due:
        if counter.shared:
            from .tasks import analytics_flush

            analytics_flush.enqueue()
        else:
            from .services import analytics_flush_counts

            analytics_flush_counts()
    return counted


def record_view(
    *,
    article_id: int,
    address: str,
    user_agent: str,
    referrer: str,
    host: str,
    device: str,
    now: datetime | None = None,
) -> bool:
    """Count one view of an article (unless this client was counted for it today). Returns
    whether it counted. Side effects: one counter increment; sometimes a flush."""
    now = now or timezone.now()
    once = client_hash(
        address=address, user_agent=user_agent, article_id=article_id, event="v", day=now.date()
    )
    stamp = int(hour_of(now).timestamp())
    field = SEP.join(["v", str(stamp), str(article_id), referrer, host, device])
    return _count(field, once_key=once)


def record_listen(
    *, article_id: int, quartile: int, address: str, user_agent: str, now: datetime | None = None
) -> bool:
    """Count a narration play (quartile 0) or a listener reaching 25/50/75/100 %."""
    now = now or timezone.now()
    once = client_hash(
        address=address,
        user_agent=user_agent,
        article_id=article_id,
        event=f"q{quartile}",
        day=now.date(),
    )
    stamp = int(hour_of(now).timestamp())
    return _count(SEP.join(["q", str(stamp), str(article_id), str(quartile)]), once_key=once)
