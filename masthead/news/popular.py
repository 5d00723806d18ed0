"""Most popular: the top stories of the last hours, read from hourly PageViewBucket rows.

Views are counted by the analytics app (its view beacon, once per article per client per
day, no cookies and no addresses) and written here in batches with its own aggregates."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta

from django.db.models import Sum
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


def is_countable(page_id: int) -> bool:
    """Whether the id is a live article; remembered in the cache so repeat hits cost no query."""
    key = f"popular:countable:{page_id}"
    known = shared().get(key)
    if known is None:
        known = ArticlePage.objects.live().filter(pk=page_id).exists()
        shared().set(key, known, 600)
    return known


def most_popular(*, limit: int | None = None, now: datetime | None = None) -> list[ArticlePage]:
    """The most-viewed live articles in the window, editors' hidden ones left out. Cached for a
    minute: three queries at most once a minute, none otherwise."""
    from masthead.editions.languages import current, locale_id

    limit = limit or conf.popular_size()
    # Each edition ranks its own stories.
    cache_key = f"popular:top:{current()}"
    ids = shared().get(cache_key) if now is None else None
    if ids is None:
        since = hour_of((now or timezone.now()) - timedelta(hours=conf.popular_window_hours()))
        ids = list(
            PageViewBucket.objects.filter(
                hour__gte=since,
                page__live=True,
                page__hide_from_most_popular=False,
                page__locale_id=locale_id(),
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
