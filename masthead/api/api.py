"""The read API at /api/v1/ (django-ninja): published articles, sections, authors, tags,
news-feed items and newsletters, as JSON.

Anonymous requests (no Authorization header) are answered from the page cache like pages and
purged by the same tags (masthead/caching); a request with a key is the key's alone. The
members-only part of a premium article is sent only to a key with the `read_members` scope:
the same rule as the article page (masthead/memberships/access.py).
"""

import base64
import binascii
import hashlib
import json
import re
from datetime import date, datetime, time

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from wagtail.models import Locale

from masthead.caching import limits
from masthead.caching import tags as cache_tags
from masthead.core.site_url import absolute_url

from . import schemas, serializers
from .access import Invalid, PreParsedJSON, RateLimited, count_request
from .keys import find_key
from .models import SCOPE_READ

api = NinjaAPI(
    title="Masthead content API",
    version="1",
    description=(
        "Published content as JSON. No key is needed to read; a key (`Authorization: Bearer"
        " wagtail_...`) lifts the per-client rate limit to the key's own and, with the"
        " `read_members` scope, includes the members-only text of premium articles. With"
        " the `write_drafts` or `write_feed` scope a key creates draft articles and"
        " news-feed items, which go to the newsroom's review like a reporter's."
    ),
    urls_namespace="api",
    parser=PreParsedJSON(),
    docs_url="/docs/",
    openapi_url="/openapi.json",
)

PAGE_SIZE_MAX = 100


@api.exception_handler(RateLimited)
def _rate_limited(request, exc):
    response = api.create_response(request, {"detail": "Too many requests."}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


def _field(loc) -> str:
    # ("query", "limit") is `limit`; a JSON body is one parameter: ("body", "payload", "title")
    # is `title`.
    loc = list(loc)[2 if loc and loc[0] == "body" else 1 :]
    return ".".join(str(part) for part in loc) or "(body)"


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    problems = [
        {
            "field": _field(error.get("loc", [])),
            "message": str(error.get("msg", "")).removeprefix("Value error, "),
        }
        for error in exc.errors
    ]
    return api.create_response(
        request, {"detail": "Invalid request.", "errors": problems}, status=400
    )


@api.exception_handler(Invalid)
def _invalid_fields(request, exc):
    problems = [{"field": field, "message": message} for field, message in exc.problems]
    return api.create_response(request, {"detail": exc.detail, "errors": problems}, status=400)


def _conf(name: str, default):
    return getattr(settings, name, default)


def client_key(request):
    """The request's API key (None when it sends none), after the rate limit. Raises 401 for
    a key that is not one (or was revoked), 429 past the limit."""
    # PostgreSQL refuses NUL in a string: a parameter carrying one can match nothing anyway.
    if any("\x00" in value for values in request.GET.lists() for value in values[1]):
        raise HttpError(400, "Parameters may not contain NUL characters.")
    header = request.META.get("HTTP_AUTHORIZATION", "")
    key = None
    if header:
        scheme, _, raw = header.partition(" ")
        key = find_key(raw.strip()) if scheme.lower() == "bearer" else None
        if key is None:
            raise HttpError(401, "Unknown or revoked API key.")
        if not key.has_scope(SCOPE_READ):
            raise HttpError(403, "This key may not read.")
        count_request(key)
    else:
        client = request.META.get("REMOTE_ADDR", "unknown")
        if not limits.allow(
            f"api:ip:{client}", limit=_conf("API_PUBLIC_RATE_PER_MINUTE", 300), window=60
        ):
            raise RateLimited(60)
    request.api_key = key
    return key


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def answer(request, data) -> HttpResponse:
    """JSON with a strong ETag; 304 when the client already has these bytes."""
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    body = body.encode()
    etag = _etag(body)
    candidates = {
        t.strip().removeprefix("W/") for t in request.META.get("HTTP_IF_NONE_MATCH", "").split(",")
    }
    if etag in candidates:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    if getattr(request, "api_key", None) is not None:
        response["Cache-Control"] = "private, no-cache"
    return response


def select_fields(rows: list[dict], fields: str | None, allowed: set[str]) -> list[dict]:
    if not fields:
        return rows
    wanted = [f.strip() for f in fields.split(",") if f.strip()]
    unknown = sorted(set(wanted) - allowed)
    if unknown:
        raise HttpError(
            400, f"Unknown fields: {', '.join(unknown)}. Known: {', '.join(sorted(allowed))}."
        )
    return [{k: row[k] for k in wanted if k in row} for row in rows]


# --- cursors: opaque to clients, the last row's sort key --------------------------------------


def encode_cursor(values: list) -> str:
    raw = json.dumps(values, cls=DjangoJSONEncoder, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, shape: tuple) -> list:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(values, list) or len(values) != len(shape):
            raise ValueError
        return [kind(v) for kind, v in zip(shape, values, strict=True)]
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, OverflowError) as error:
        raise HttpError(
            400, "Invalid cursor: pass the `next` value of the previous page."
        ) from error


def _when(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _bounded_int(value) -> int:
    number = int(value)
    if not 0 < number < 2**63:
        raise ValueError
    return number


def _limit(limit: int) -> int:
    if not 1 <= limit <= PAGE_SIZE_MAX:
        raise HttpError(400, f"limit must be between 1 and {PAGE_SIZE_MAX}.")
    return limit


_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}")


def _locales(language: str) -> list[int]:
    """The ids of the locales (Wagtail's, one per edition) with this language code."""
    if not _LANGUAGE.fullmatch(language):
        raise HttpError(400, "language must be a language code such as `en` or `uk`.")
    return list(Locale.objects.filter(language_code__iexact=language).values_list("pk", flat=True))


def _page(rows, limit, cursor_of) -> dict:
    rows = list(rows[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (encode_cursor(cursor_of(rows[-1])) if more and rows else None)


# --- articles ---------------------------------------------------------------------------


@api.get(
    "/articles/",
    response={200: schemas.Page, 400: schemas.ErrorOut, 429: schemas.ErrorOut},
    tags=["articles"],
)
def list_articles(
    request,
    section: str | None = None,
    tag: str | None = None,
    author: str | None = None,
    published_after: date | None = None,
    published_before: date | None = None,
    language: str | None = None,
    fields: str | None = None,
    cursor: str | None = None,
    limit: int = 20,
):
    """Published articles, newest first. Filters: section slug, tag slug, author slug, a
    date range (inclusive, in the newsroom's time zone) and language (the edition's language
    code, e.g. `uk`). `fields` picks fields (comma
    separated; `body` is only sent when asked for here)."""
    key = client_key(request)
    limit = _limit(limit)
    cache_tags.depends_on(cache_tags.PEOPLE)
    cache_tags.depends_on_every_edition(cache_tags.LISTING)
    articles = serializers.listed_articles()
    if section:
        found = serializers.section_path(section)
        articles = articles.filter(path__startswith=found) if found else articles.none()
    if tag:
        articles = articles.filter(tags__slug=tag)
    if language:
        articles = articles.filter(locale_id__in=_locales(language))
    if author:
        articles = articles.filter(article_authors__author__slug=author)
    if published_after:
        articles = articles.filter(
            first_published_at__gte=timezone.make_aware(datetime.combine(published_after, time.min))
        )
    if published_before:
        articles = articles.filter(
            first_published_at__lte=timezone.make_aware(
                datetime.combine(published_before, time.max)
            )
        )
    if cursor:
        when, pk = decode_cursor(cursor, (_when, _bounded_int))
        articles = articles.filter(
            Q(first_published_at__lt=when) | Q(first_published_at=when, pk__lt=pk)
        )
    keys = articles.values_list("pk", "first_published_at")
    rows, following = _page(keys, limit, lambda row: [row[1], row[0]])
    data = serializers.summaries([pk for pk, _ in rows], request)
    if fields and "body" in fields.split(","):
        pages = serializers.articles_queryset(with_body=True).in_bulk([row["id"] for row in data])
        for row in data:
            row["body"], row["body_withheld"] = serializers.body(pages[row["id"]], key=key)
    data = select_fields(data, fields, serializers.ARTICLE_FIELDS)
    return answer(request, {"results": data, "next": following})


@api.get(
    "/articles/{article_id}/",
    response={200: schemas.ArticleOut, 404: schemas.ErrorOut},
    tags=["articles"],
)
def get_article(request, article_id: int, fields: str | None = None):
    """One published article with its body. For a premium article without a key that may
    read members-only text, the body stops where the paywall does and `body_withheld` is
    true."""
    key = client_key(request)
    if not 0 < article_id < 2**63:
        raise HttpError(404, "No such article.")
    cache_tags.depends_on(cache_tags.page(article_id), cache_tags.PEOPLE)
    found = serializers.articles_queryset(with_body=True).filter(pk=article_id).first()
    if found is None:
        raise HttpError(404, "No such article.")
    (data,) = serializers.summaries([found.pk], request)
    data["body"], data["body_withheld"] = serializers.body(found, key=key)
    return answer(request, select_fields([data], fields, serializers.ARTICLE_FIELDS)[0])


# --- the rest ------------------------------------------------------------------------------


def _page_by_pk(queryset, cursor: str | None, limit: int):
    """One page of a list ordered by id, after the cursor's id."""
    if cursor:
        (after,) = decode_cursor(cursor, (_bounded_int,))
        queryset = queryset.filter(pk__gt=after)
    return _page(queryset, limit, lambda row: [row.pk])


@api.get("/sections/", response={200: schemas.Page}, tags=["sections"])
def list_sections(request, language: str | None = None):
    client_key(request)
    cache_tags.depends_on_every_edition(cache_tags.SITE)
    locales = _locales(language) if language else None
    return answer(request, {"results": serializers.sections(request, locales), "next": None})


@api.get("/authors/", response={200: schemas.Page}, tags=["authors"])
def list_authors(request, cursor: str | None = None, limit: int = 50):
    client_key(request)
    limit = _limit(limit)
    cache_tags.depends_on(cache_tags.PEOPLE)
    rows, following = _page_by_pk(serializers.authors_queryset(), cursor, limit)
    return answer(
        request, {"results": [serializers.author(a, request) for a in rows], "next": following}
    )


@api.get("/tags/", response={200: schemas.Page}, tags=["tags"])
def list_tags(request, cursor: str | None = None, limit: int = 100):
    client_key(request)
    limit = _limit(limit)
    cache_tags.depends_on_every_edition(cache_tags.LISTING)
    rows, following = _page_by_pk(serializers.tags_queryset(), cursor, limit)
    return answer(
        request, {"results": [{"slug": t.slug, "name": t.name} for t in rows], "next": following}
    )


@api.get("/feed-items/", response={200: schemas.Page}, tags=["news feed"])
def list_feed_items(
    request,
    tag: str | None = None,
    language: str | None = None,
    cursor: str | None = None,
    limit: int = 20,
):
    """Published news-feed items, newest first. `language`: items linking to a story in
    that language, and items linking to none when it is the site's default language."""
    client_key(request)
    limit = _limit(limit)
    cache_tags.depends_on_every_edition(cache_tags.FEED)
    items = serializers.feed_queryset()
    if tag:
        items = items.filter(tags__slug=tag)
    if language:
        items = serializers.feed_in_language(items, _locales(language))
    if cursor:
        when, pk = decode_cursor(cursor, (_when, _bounded_int))
        items = items.filter(Q(published_at__lt=when) | Q(published_at=when, pk__lt=pk))
    rows, following = _page(items, limit, lambda i: [i.published_at, i.pk])
    feed_url = absolute_url(reverse("news_feed"))
    results = [serializers.feed_item(i, request, feed_url) for i in rows]
    return answer(request, {"results": results, "next": following})


@api.get("/newsletters/", response={200: schemas.Page}, tags=["newsletters"])
def list_newsletters(request):
    """The newsletters readers can sign up to (public fields only)."""
    client_key(request)
    cache_tags.depends_on_every_edition(cache_tags.SITE)
    return answer(request, {"results": serializers.newsletters(), "next": None})
