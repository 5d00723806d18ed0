"""Writes: moving counted events into aggregate rows, and the newsletter click redirect's
bookkeeping. Every function here runs off the reader's request path, except the click and
open counters, which are one UPDATE each."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from masthead.caching.store import shared
from masthead.news import conf as news_conf
from masthead.news.models import ArticleAuthor, ArticlePage, PageViewBucket

from . import conf
from . import models as m
from .recording import get_counter


def _upsert(table: str, period_column: str, rows: dict[tuple, int], adapt) -> None:
    """Add counts to rows keyed by (period, article, metric, key) in one statement per batch:
    INSERT ... ON CONFLICT DO UPDATE adds, so two flushes never lose each other's counts."""
    if not rows:
        return
    q = connection.ops.quote_name
    # Table and column names come from the models; every value is a parameter.
    sql = (
        f"INSERT INTO {q(table)} ({q(period_column)}, {q('article_id')}, {q('metric')}, "  # noqa: S608
        f"{q('key')}, {q('count')}) VALUES (%s, %s, %s, %s, %s) "
        f"ON CONFLICT ({q('metric')}, {q(period_column)}, {q('article_id')}, {q('key')}) "
        f"DO UPDATE SET {q('count')} = {q(table)}.{q('count')} + excluded.{q('count')}"
    )
    params = [
        (adapt(period), article_id, metric, key, count)
        for (period, article_id, metric, key), count in rows.items()
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), 500):
            cursor.executemany(sql, params[start : start + 500])


def _sections_and_authors(article_ids: set[int]) -> tuple[dict[int, int], dict[int, list[int]]]:
    from wagtail.models import Page

    paths = dict(ArticlePage.objects.filter(pk__in=article_ids).values_list("pk", "path"))
    parent_paths = {path[: -Page.steplen] for path in paths.values()}
    parents = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "pk"))
    sections = {pk: parents.get(path[: -Page.steplen]) for pk, path in paths.items()}
    authors: dict[int, list[int]] = defaultdict(list)
    for page_id, author_id in ArticleAuthor.objects.filter(page_id__in=article_ids).values_list(
        "page_id", "author_id"
    ):
        authors[page_id].append(author_id)
    return {k: v for k, v in sections.items() if v}, authors


def explode(counts: Counter) -> Counter:
    """Counter fields -> rows keyed by (hour, article id, metric, key): each article's own,
    and the newsroom's (article 0) totals, for articles that still exist."""
    article_ids = {entry[2] for entry in counts}
    live = set(ArticlePage.objects.filter(pk__in=article_ids).values_list("pk", flat=True))
    sections, authors = _sections_and_authors(live)
    rows: Counter = Counter()
    for entry, n in counts.items():
        kind, hour, article_id = entry[0], entry[1], entry[2]
        if article_id not in live:
            continue
        if kind == "v":
            referrer, host, device = entry[3], entry[4], entry[5]
            for target in (article_id, m.NEWSROOM):
                rows[(hour, target, m.VIEWS, "")] += n
                rows[(hour, target, m.REFERRER, referrer)] += n
                rows[(hour, target, m.DEVICE, device)] += n
                if host and referrer not in ("internal", "direct"):
                    rows[(hour, target, m.REFERRER_HOST, host)] += n
            if article_id in sections:
                rows[(hour, m.NEWSROOM, m.SECTION, str(sections[article_id]))] += n
            for author_id in authors.get(article_id, []):
                rows[(hour, m.NEWSROOM, m.AUTHOR, str(author_id))] += n
        elif kind == "q":
            quartile = entry[3]
            for target in (article_id, m.NEWSROOM):
                if quartile == "0":
                    rows[(hour, target, m.PLAYS, "")] += n
                else:
                    rows[(hour, target, m.LISTENED, quartile)] += n
    return rows


def analytics_write(rows: Counter) -> None:
    """Add hourly rows, the same counts to their days, and views to Most popular's buckets."""
    daily: Counter = Counter()
    for (hour, article_id, metric, key), n in rows.items():
        daily[(hour.date(), article_id, metric, key)] += n
    with transaction.atomic():
        _upsert(
            m.HourlyCount._meta.db_table, "hour", rows, connection.ops.adapt_datetimefield_value
        )
        _upsert(m.DailyCount._meta.db_table, "day", daily, connection.ops.adapt_datefield_value)
        for (hour, article_id, metric, _key), n in rows.items():
            if metric == m.VIEWS and article_id != m.NEWSROOM:
                _add_popular_views(page_id=article_id, hour=hour, views=n)


def _add_popular_views(*, page_id: int, hour: datetime, views: int) -> None:
    bucket = PageViewBucket.objects.filter(page_id=page_id, hour=hour)
    if bucket.update(views=F("views") + views):
        return
    try:
        with transaction.atomic():
            PageViewBucket.objects.create(page_id=page_id, hour=hour, views=views)
    except IntegrityError:
        bucket.update(views=F("views") + views)


def analytics_flush_counts(*, now: datetime | None = None) -> int:
    """Drain the counters into HourlyCount, DailyCount and PageViewBucket rows, and delete
    rows past retention. Side effects: database writes; Most popular's list is recomputed.
    Returns the number of views written."""
    now = now or timezone.now()
    counts = get_counter().drain()
    rows = explode(counts) if counts else Counter()
    analytics_write(rows)
    PageViewBucket.objects.filter(
        hour__lt=now - timedelta(days=news_conf.popular_retention_days())
    ).delete()
    m.HourlyCount.objects.filter(
        hour__lt=now - timedelta(days=conf.hourly_retention_days())
    ).delete()
    m.DailyCount.objects.filter(
        day__lt=(now - timedelta(days=conf.daily_retention_days())).date()
    ).delete()
    from masthead.editions.languages import languages

    shared().delete_many([f"popular:top:{code}" for code in languages()])
    return sum(n for (_h, a, metric, _k), n in rows.items() if metric == m.VIEWS and a != 0)
