"""Reads for the reader site: front-page curation, the reusable components, the news feed,
the date archive and the corrections log. Each runs a fixed number of queries, however large
the archive, so every page that uses them stays within its query budget."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import CharField, F, Value
from django.utils import timezone

from masthead.core import l10n
from masthead.core.datetimes import iso_datetime

from .models import (
    SECONDARY_STORY_SLOTS,
    ArticleNote,
    ArticlePage,
    ArticleTag,
    EditorsPick,
    HomePage,
    NewsFeedItem,
    NewsFeedItemTag,
    SectionPage,
)


def _in_order(ids: list[int], found: dict[int, ArticlePage]) -> list[ArticlePage]:
    seen: set[int] = set()
    ordered = []
    for pk in ids:
        if pk in found and pk not in seen:
            seen.add(pk)
            ordered.append(found[pk])
    return ordered


def latest_articles(*, limit: int, exclude_ids=()) -> list[ArticlePage]:
    # The few excluded stories are skipped here rather than in SQL: with NOT IN, SQLite
    # leaves the publication-date index and sorts the whole archive for every request.
    exclude = set(exclude_ids)
    query = ArticlePage.objects.for_listing().newest_first()
    return [page for page in query[: limit + len(exclude)] if page.pk not in exclude][:limit]


def front_page_stories(home: HomePage) -> tuple[ArticlePage | None, list[ArticlePage]]:
    """The lead and secondary stories editors chose, live ones only, in their order; empty or
    unpublished slots are filled with the latest stories not already shown."""
    secondary_ids = [story.article_id for story in home.secondary_stories.all()]
    wanted = [pk for pk in [home.lead_story_id, *secondary_ids] if pk]
    found = ArticlePage.objects.for_listing().in_bulk(wanted) if wanted else {}
    lead = found.get(home.lead_story_id) if home.lead_story_id else None
    secondary = [
        article for article in _in_order(secondary_ids, found) if not lead or article.pk != lead.pk
    ][:SECONDARY_STORY_SLOTS]
    missing = SECONDARY_STORY_SLOTS - len(secondary) + (0 if lead else 1)
    if missing > 0:
        used = [article.pk for article in [lead, *secondary] if article]
        fill = latest_articles(limit=missing, exclude_ids=used)
        if lead is None and fill:
            lead = fill.pop(0)
        secondary.extend(fill)
    return lead, secondary


def section_blocks(home: HomePage, *, exclude_ids=(), per_section: int = 4):
    """Each live section under the front page with its latest stories: a query of ids a
    section, then every story read at once (one round of teaser prefetches, not one a
    section: it halved the front page's render)."""
    sections = list(SectionPage.objects.child_of(home).live().public().order_by("path"))
    stories = ArticlePage.objects.listable().exclude(pk__in=list(exclude_ids)).newest_first()
    ids = {
        section.pk: list(stories.child_of(section).values_list("pk", flat=True)[:per_section])
        for section in sections
    }
    wanted = [pk for section_ids in ids.values() for pk in section_ids]
    found = ArticlePage.objects.for_listing().in_bulk(wanted) if wanted else {}
    return [(section, _in_order(ids[section.pk], found)) for section in sections]


def home_page_id(request) -> int | None:
    """The front page of the site answering this request (no query once Wagtail has the site)."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    from masthead.editions.homes import edition_home_id

    return edition_home_id(site)


def editors_picks(*, home_id: int | None, limit: int = 5, exclude_ids=()) -> list[ArticlePage]:
    if not home_id:
        return []
    ids = list(
        EditorsPick.objects.filter(page_id=home_id)
        .exclude(article_id__in=list(exclude_ids))
        .order_by("sort_order")
        .values_list("article_id", flat=True)[: limit * 2]
    )
    if not ids:
        return []
    return _in_order(ids, ArticlePage.objects.for_listing().in_bulk(ids))[:limit]


# --- news feed ---


@dataclass
class FeedEntry:
    """One line of the News Feed: a short item or a full article marked for the feed."""

    key: str
    kind: str  # "item" or "article"
    headline: str
    summary: str
    published_at: datetime
    url: str = ""
    tags: list[Any] = field(default_factory=list)

    @property
    def href(self) -> str:
        from masthead.editions.languages import prefix

        return self.url or f"{prefix()}/news-feed/#{self.key}"

    def as_json(self, zone) -> dict[str, Any]:
        from masthead.editions.languages import prefix

        local = timezone.localtime(self.published_at, zone)
        return {
            "key": self.key,
            "kind": self.kind,
            "headline": self.headline,
            "summary": self.summary,
            "url": self.url,
            "href": self.href,
            "published_at": iso_datetime(self.published_at),
            "time": clock(local),
            "day": local.date().isoformat(),
            "day_label": day_label(local.date()),
            "tags": [
                {"name": tag.name, "url": f"{prefix()}/tags/{tag.slug}/"} for tag in self.tags
            ],
        }


def clock(local: datetime) -> str:
    """'2:39 PM' / '14:39', in the active language (core/l10n.py)."""
    return l10n.clock_text(local)


def day_label(day: date) -> str:
    """'Saturday, December 5, 2026' / 'Субота, 5 грудня 2026'."""
    return l10n.day_heading(day)


def _feed_keys():
    """Both kinds of entry as one union, newest first: (pk, published_at, kind) rows."""
    kind = CharField()
    items = (
        NewsFeedItem.objects.published()
        .in_edition()
        .order_by()
        .annotate(kind=Value("item", output_field=kind))
        .values_list("pk", "published_at", "kind")
    )
    articles = (
        ArticlePage.objects.live()
        .public()
        .in_edition()
        .filter(in_news_feed=True)
        .order_by()
        .annotate(published=F("first_published_at"), kind=Value("article", output_field=kind))
        .values_list("pk", "published", "kind")
    )
    return items.union(articles, all=True).order_by("-published_at", "-pk")


def news_feed_keys():
    return _feed_keys()


def _tags_of(through, ids: list[int]) -> dict[int, list]:
    """Each object's tags, in one query. prefetch_related("tags") costs the same query plus
    a queryset built per object by modelcluster, which made up a third of the feed page."""
    tags: dict[int, list] = {}
    links = through.objects.filter(content_object_id__in=ids).select_related("tag")
    for link in links.order_by("tag__name"):
        tags.setdefault(link.content_object_id, []).append(link.tag)
    return tags


def feed_entries(rows) -> list[FeedEntry]:
    """Load the entries for (pk, published_at, kind) rows: at most four queries for any page."""
    rows = list(rows)
    item_ids = [pk for pk, _, kind in rows if kind == "item"]
    article_ids = [pk for pk, _, kind in rows if kind == "article"]
    # Only the columns an entry shows: a whole article row (body included) per entry cost
    # more than the rest of the page.
    linked = ("article__title", "article__live", "article__url_path", "article__depth")
    items = (
        NewsFeedItem.objects.filter(pk__in=item_ids)
        .select_related("article")
        .only("headline", "summary", "published_at", "article_id", *linked)
        .in_bulk()
        if item_ids
        else {}
    )
    articles = (
        ArticlePage.objects.filter(pk__in=article_ids)
        .only("title", "standfirst", "live", "url_path", "depth")
        .in_bulk()
        if article_ids
        else {}
    )
    item_tags = _tags_of(NewsFeedItemTag, item_ids) if item_ids else {}
    article_tags = _tags_of(ArticleTag, article_ids) if article_ids else {}
    entries = []
    for pk, published_at, kind in rows:
        if kind == "item" and pk in items:
            item = items[pk]
            linked = item.article if item.article_id and item.article.live else None
            entries.append(
                FeedEntry(
                    key=f"item-{pk}",
                    kind=kind,
                    headline=item.headline,
                    summary=item.summary,
                    published_at=item.published_at,
                    url=linked.url if linked else "",
                    tags=item_tags.get(pk, []),
                )
            )
        elif kind == "article" and pk in articles:
            article = articles[pk]
            entries.append(
                FeedEntry(
                    key=f"article-{pk}",
                    kind=kind,
                    headline=article.title,
                    summary=article.standfirst,
                    published_at=published_at,
                    url=article.url,
                    tags=article_tags.get(pk, []),
                )
            )
    return entries


def latest_feed_entries(limit: int) -> list[FeedEntry]:
    return feed_entries(news_feed_keys()[:limit])


def group_by_day(entries: list[dict]) -> list[tuple[str, str, list[dict]]]:
    """Entries (as_json, newest first) grouped by their day in the newsroom's time zone:
    (day, label, entries)."""
    return [
        (day, group[0]["day_label"], group)
        for day, group in (
            (key, list(values)) for key, values in itertools.groupby(entries, lambda e: e["day"])
        )
    ]


# --- archive and corrections ---


def articles_between(start: datetime, end: datetime):
    return (
        ArticlePage.objects.for_listing()
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .newest_first()
    )


def archive_range(zone, year: int, month: int | None = None, day: int | None = None):
    """[start, end) in UTC of a day, month or year in the newsroom's zone; ValueError if the
    date does not exist."""
    if day is not None:
        first = date(year, month, day)
        after = first + timedelta(days=1)
    elif month is not None:
        first = date(year, month, 1)
        after = date(year + (month == 12), month % 12 + 1, 1)
    else:
        first = date(year, 1, 1)
        after = date(year + 1, 1, 1)

    def midnight(d):
        return datetime(d.year, d.month, d.day, tzinfo=zone)

    return midnight(first), midnight(after), first


def correction_notes():
    """Every update and correction on a live, public article, newest first."""
    public_ids = ArticlePage.objects.live().public().in_edition().values("pk")
    return (
        ArticleNote.objects.filter(page_id__in=public_ids)
        .select_related("page")
        .defer("page__body")
        .order_by("-published_at", "-pk")
    )
