"""The reader site's own URLs: the News Feed and its live endpoint, the view beacon, the date
archive and the corrections log. Pages live in the Wagtail tree; these are the lists."""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from masthead.caching import fragments
from masthead.caching import tags as cache_tags
from masthead.core.models import SiteSettings

from . import conf, popular, selectors
from .models import page_number, paginate
from .structured_data import live_blog_json_ld

MAX_BEACON_BYTES = 200
_PAGE_ID = re.compile(r"^[1-9][0-9]{0,11}$")


def _zone(request):
    return SiteSettings.for_request(request).zone


def latest_feed_payload(zone) -> dict:
    """The newest feed entries, JSON-ready, in `zone`'s time: what the live endpoint serves and
    the server-rendered column draws, from one shared entry (no query when warm), purged with
    the news feed (cache_rules.py)."""

    def load():
        entries = selectors.latest_feed_entries(conf.news_feed_column_size() * 2)
        return {"entries": [entry.as_json(zone) for entry in entries]}

    # Short: an item scheduled for later must show up soon after its time comes.
    return fragments.get_or_render(
        fragments.key_for("newsfeed-latest", zone.key), load, tags=[cache_tags.FEED], timeout=15
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
        fragments.key_for("news-feed-page", number, zone.key, request.scheme, request.get_host()),
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


def _beacon_page_id(request) -> str | None:
    body = request.read(MAX_BEACON_BYTES + 1)
    if len(body) > MAX_BEACON_BYTES:
        raise ValueError("too large")
    try:
        text = body.decode("ascii")
    except UnicodeDecodeError:
        return None
    values = parse_qs(text, max_num_fields=4).get("id", []) if "=" in text else [text.strip()]
    return values[0] if len(values) == 1 else None


@csrf_exempt  # a beacon carries no token and changes nothing but a counter
@require_POST
def popular_hit(request):
    """Count one article view. No cookie is read or set and no address is kept."""
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return HttpResponse("Views are counted from this site only.", status=403)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponse("Bad Content-Length.", status=400)
    if declared > MAX_BEACON_BYTES:
        return HttpResponse("A view is a few bytes.", status=413)
    try:
        raw_id = _beacon_page_id(request)
    except ValueError:
        return HttpResponse("A view is a few bytes.", status=413)
    if raw_id is None or not _PAGE_ID.match(raw_id):
        return HttpResponse("Send id=<article id>.", status=400)
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    if popular.is_bot(request.headers.get("User-Agent", "")):
        return response
    page_id = int(raw_id)
    if not popular.is_countable(page_id):
        return HttpResponse("No such article.", status=404)
    popular.popular_record_view(page_id=page_id)
    return response


def _archive_title(first, month, day) -> str:
    if day is not None:
        return f"{first:%B} {first.day}, {first.year}"
    if month is not None:
        return f"{first:%B} {first.year}"
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
