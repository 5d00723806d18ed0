"""The reader site's own URLs: the News Feed and its live endpoint, the date
archive and the corrections log. Pages live in the Wagtail tree; these are the lists."""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from masthead.caching import fragments
from masthead.caching import tags as cache_tags
from masthead.core import l10n
from masthead.core.models import SiteSettings

from . import conf, selectors
from .models import page_number, paginate
from .structured_data import live_blog_json_ld


def _zone(request):
    return SiteSettings.for_request(request).zone


def latest_feed_payload(zone) -> dict:
    """The newest feed entries, JSON-ready, in `zone`'s time: what the live endpoint serves and
    the server-rendered column draws, from one shared entry (no query when warm), purged with
    the news feed (cache_rules.py)."""

    def load():
        entries = selectors.latest_feed_entries(conf.news_feed_column_size() * 2)
        return {"entries": [entry.as_json(zone) for entry in entries]}

    # Short: an item scheduled for later must show up soon after its time comes. The times
    # and day headings are written in the reader's language, so each language has its copy.
    return fragments.get_or_render(
        fragments.key_for("newsfeed-latest", zone.key, get_language()),
        load,
        tags=[cache_tags.FEED],
        timeout=15,
    )


@require_GET
def news_feed(request):
    cache_tags.depends_on(cache_tags.FEED)
    zone = _zone(request)
    number = page_number(request.GET.get("page", 1))

    def load():
        page_obj = paginate(request, selectors.news_feed_keys(), conf.news_feed_page_size())
        entries = selectors.feed_entries(page_obj.object_list)
        first = page_obj.number == 1
        return {
            "page_obj": page_obj,
            "days": selectors.group_by_day([entry.as_json(zone) for entry in entries]),
            "json_ld": live_blog_json_ld(request, entries[:20]) if first else None,
        }

    # The feed changes every few minutes during breaking news and is read far more often:
    # its entries are read once per change (and every 15 s, for items scheduled ahead).
    context = fragments.get_or_render(
        fragments.key_for(
            "news-feed-page", number, zone.key, get_language(), request.scheme, request.get_host()
        ),
        load,
        tags=[cache_tags.FEED],
        timeout=15,
    )
    return render(
        request,
        "news/news_feed_page.html",
        {**context, "poll_seconds": conf.news_feed_poll_seconds()},
    )


@require_GET
def news_feed_latest(request):
    """The newest entries as JSON, for pages that show the feed live (static/js/news-feed.js)."""
    cache_tags.depends_on(cache_tags.FEED)
    response = JsonResponse(latest_feed_payload(_zone(request)))
    response["Cache-Control"] = "public, max-age=1"
    return response


def _archive_title(first, month, day) -> str:
    if day is not None:
        return l10n.date_text(first)
    if month is not None:
        return l10n.month_text(first)
    return str(first.year)


@require_GET
def archive(request, year: str, month: str | None = None, day: str | None = None):
    year_n = int(year)
    if not 1900 <= year_n <= 2999:
        raise Http404("No archive for that year.")
    try:
        start, end, first = selectors.archive_range(
            _zone(request), year_n, int(month) if month else None, int(day) if day else None
        )
    except ValueError as error:
        raise Http404("No such date.") from error
    title = _archive_title(first, month, day)
    return render(
        request,
        "news/archive_page.html",
        {
            "archive_title": title,
            "articles": paginate(request, selectors.articles_between(start, end)),
        },
    )


@require_GET
def corrections(request):
    return render(
        request,
        "news/corrections_page.html",
        {"notes": paginate(request, selectors.correction_notes())},
    )
