"""Most popular: count article views without cookies, IP addresses or a database write per
view, then read the top stories of the last hours.

A view arrives as a small beacon (static/js/popular.js) because pages are served from an edge
cache that never reaches Django. The beacon adds one to a counter: a Redis hash shared by
every process when REDIS_URL is set, else this process's memory. Counters are drained in
batches into hourly PageViewBucket rows by `popular_flush` (a task, scheduled at most once a
flush interval by the hits themselves)."""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from masthead.caching.store import shared

from . import conf
from .models import ArticlePage, PageViewBucket

logger = logging.getLogger(__name__)

# Crawlers, link previewers, monitors and scripts announce themselves; browsers do not say so.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|preview|fetch|scrape|monitor|lighthouse|headless|phantom|python|"
    r"curl|wget|httpclient|okhttp|java/|go-http|axios|node-fetch|facebookexternalhit|"
    r"embedly|whatsapp|telegram|discord|feed|rss|pingdom|uptime|archive",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    """True for an empty user agent or one that names a crawler or a script."""
    return not user_agent.strip() or bool(BOT_USER_AGENT.search(user_agent))


def hour_of(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def _field(hour: datetime, page_id: int) -> str:
    return f"{int(hour.timestamp())}:{page_id}"


def _parse(counts: dict) -> Counter:
    parsed: Counter = Counter()
    for raw_field, raw_count in counts.items():
        text = raw_field.decode() if isinstance(raw_field, bytes) else str(raw_field)
        try:
            stamp, page_id = text.split(":")
            hour = datetime.fromtimestamp(int(stamp), tz=UTC)
            parsed[(hour, int(page_id))] += int(raw_count)
        except ValueError:
            logger.warning("Ignoring a malformed popularity counter %r", text)
    return parsed


class LocalCounter:
    """Counters in this process's memory: right for one process (tests, a small site)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts: Counter = Counter()

    def add(self, hour: datetime, page_id: int) -> None:
        with self._lock:
            self._counts[_field(hour, page_id)] += 1

    def drain(self) -> Counter:
        with self._lock:
            counts, self._counts = self._counts, Counter()
        return _parse(counts)

    @property
    def shared(self) -> bool:
        return False


class RedisCounter:
    """Counters in one Redis hash, shared by every web process and the task worker."""

    def __init__(self, url: str, key: str):
        import redis

        self._client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.key = key

    def add(self, hour: datetime, page_id: int) -> None:
        self._client.hincrby(self.key, _field(hour, page_id), 1)

    def drain(self) -> Counter:
        """Move the hash aside atomically, so views counted meanwhile go to a fresh hash."""
        import redis

        draining = f"{self.key}:draining:{time.time_ns()}"
        try:
            self._client.rename(self.key, draining)
        except redis.ResponseError:  # no such key: nothing counted since the last drain
            return Counter()
        counts = self._client.hgetall(draining)
        self._client.delete(draining)
        return _parse(counts)

    @property
    def shared(self) -> bool:
        return True


_counter = None
_counter_config = None
_counter_lock = threading.Lock()


def get_counter():
    """The configured counter, made once per process (again if the settings change)."""
    global _counter, _counter_config
    config = (conf.popular_counter(), conf.popular_redis_url(), conf.popular_redis_key())
    with _counter_lock:
        if _counter is None or _counter_config != config:
            kind, url, key = config
            _counter = RedisCounter(url, key) if kind == "redis" else LocalCounter()
            _counter_config = config
        return _counter


def is_countable(page_id: int) -> bool:
    """Whether the id is a live article; remembered in the cache so repeat hits cost no query."""
    key = f"popular:countable:{page_id}"
    known = shared().get(key)
    if known is None:
        known = ArticlePage.objects.live().filter(pk=page_id).exists()
        shared().set(key, known, 600)
    return known


def popular_record_view(*, page_id: int, now: datetime | None = None) -> None:
    """Count one view of an article. Side effects: one counter increment; at most once a flush
    interval, the counts so far are moved to the database (by a task when the counter is
    shared between processes, else right here, since only this process holds them)."""
    counter = get_counter()
    counter.add(hour_of(now or timezone.now()), page_id)
    # A counter in this process's memory is flushed by this process: its turn is its own.
    due = "popular:flush-due:" + ("shared" if counter.shared else str(os.getpid()))
    if shared().add(due, 1, conf.popular_flush_seconds()):
        if counter.shared:
            from .tasks import popular_flush

            popular_flush.enqueue()
        else:
            popular_flush_counts()


def popular_flush_counts(*, now: datetime | None = None) -> int:
    """Drain the counters into hourly PageViewBucket rows and delete buckets past retention.
    Side effects: database writes (one update or insert per article and hour). Returns the
    number of views written."""
    counts = get_counter().drain()
    if counts:
        live_ids = set(
            ArticlePage.objects.filter(pk__in={page_id for _, page_id in counts}).values_list(
                "pk", flat=True
            )
        )
        for (hour, page_id), views in counts.items():
            if page_id in live_ids:
                _add_views(page_id=page_id, hour=hour, views=views)
    cutoff = (now or timezone.now()) - timedelta(days=conf.popular_retention_days())
    PageViewBucket.objects.filter(hour__lt=cutoff).delete()
    shared().delete("popular:top")
    return (
        sum(views for (_, page_id), views in counts.items() if page_id in live_ids) if counts else 0
    )


def _add_views(*, page_id: int, hour: datetime, views: int) -> None:
    # Add with F() so two flushes touching the same bucket never lose each other's views.
    bucket = PageViewBucket.objects.filter(page_id=page_id, hour=hour)
    if bucket.update(views=F("views") + views):
        return
    try:
        with transaction.atomic():
            PageViewBucket.objects.create(page_id=page_id, hour=hour, views=views)
    except IntegrityError:
        bucket.update(views=F("views") + views)


def most_popular(*, limit: int | None = None, now: datetime | None = None) -> list[ArticlePage]:
    """The most-viewed live articles in the window, editors' hidden ones left out. Cached for a
    minute: three queries at most once a minute, none otherwise."""
    limit = limit or conf.popular_size()
    cache_key = "popular:top"
    ids = shared().get(cache_key) if now is None else None
    if ids is None:
        since = hour_of((now or timezone.now()) - timedelta(hours=conf.popular_window_hours()))
        ids = list(
            PageViewBucket.objects.filter(
                hour__gte=since, page__live=True, page__hide_from_most_popular=False
            )
            .values("page_id")
            .annotate(total=Sum("views"))
            .order_by("-total", "-page_id")
            .values_list("page_id", flat=True)[:20]
        )
        if now is None:
            shared().set(cache_key, ids, 60)
    ids = ids[:limit]
    if not ids:
        return []
    found = ArticlePage.objects.for_listing().filter(hide_from_most_popular=False).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
