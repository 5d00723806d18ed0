"""The anonymous page cache: answered near the top of the middleware stack, purged by tag.

A request without a session (or other personal) cookie, for GET or HEAD, is looked up here
before the session, CSRF, auth and messages middleware run. A miss goes through the whole
stack; the response is stored only when nothing about it is personal (no cookie set, no
``private``/``no-store``, status 200, not the admin, no unusual ``Vary``).

Purging is O(1): each stored page carries tags (its path, its group, ``site``) with the tag
versions current when it was stored. Bumping a tag's version makes every page carrying it a
miss at once; nothing is scanned or listed.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

logger = logging.getLogger(__name__)

ENTRY_PREFIX = "pc:e:"
TAG_PREFIX = "pc:t:"
SITE_TAG = "site"
# Headers that belong to one delivery, not to the stored page.
_HOP_HEADERS = {
    "date",
    "set-cookie",
    "content-length",
    "connection",
    "transfer-encoding",
    "x-cache",
}
_VARY_ALLOWED = {"cookie", "accept-encoding"}


def _conf(name: str, default):
    return getattr(settings, name, default)


def page_cache():
    alias = _conf("PAGE_CACHE_ALIAS", "default")
    return caches[alias if alias in settings.CACHES else "default"]


def _metric(result: str, seconds: float | None = None) -> None:
    # Imported late: the ops app owns the metrics; the cache works without it.
    try:
        from masthead.ops import metrics
    except ImportError:  # pragma: no cover - ops app always present in this project
        return
    metrics.count_page_cache(result, seconds)


# --- keys and tags -------------------------------------------------------------------------


def normalised_query(query_string: str) -> str:
    """The query string that can change a page: tracking parameters dropped, keys sorted."""
    if not query_string:
        return ""
    tracking = tuple(_conf("PAGE_CACHE_IGNORED_PARAMS", ("utm_", "fbclid", "gclid", "mc_")))
    pairs = [
        (k, v)
        for k, v in parse_qsl(query_string, keep_blank_values=True)
        if not k.startswith(tracking)
    ]
    return urlencode(sorted(pairs))


def _scheme(environ) -> str:
    proxy = settings.SECURE_PROXY_SSL_HEADER
    if proxy and environ.get(proxy[0]) == proxy[1]:
        return "https"
    return environ.get("wsgi.url_scheme", "http")


def _raw_host(environ) -> str:
    host = environ.get("HTTP_HOST")
    if host:
        return host.lower()
    port = str(environ.get("SERVER_PORT", ""))
    name = str(environ.get("SERVER_NAME", ""))
    return f"{name}:{port}" if port and port not in ("80", "443") else name


def _raw_url(environ) -> str:
    return "{}://{}{}{}?{}".format(
        _scheme(environ),
        _raw_host(environ),
        environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""),
        normalised_query(environ.get("QUERY_STRING", "")),
    )


def _key_of(raw: str) -> str:
    return ENTRY_PREFIX + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def environ_key(environ) -> str:
    """The cache key of a request, computed from the WSGI environ alone (Django's
    ``request.META`` is that environ) so the WSGI fast path and the middleware agree."""
    return _key_of(_raw_url(environ))


def path_tag(path: str) -> str:
    return "path:" + path


def group_tag(group: str) -> str:
    return "group:" + group


# Tag versions read from the shared cache are remembered in this process for a moment, so a
# hit costs one cache read. A purge made here is seen at once; one made by another process
# within PAGE_CACHE_TAG_MEMO_SECONDS (default half a second, inside the one-second promise).
_memo: dict[str, tuple[float, int]] = {}


def tag_versions(tags: list[str]) -> dict[str, int]:
    """Current version of each tag (0 when never bumped). At most one cache round trip."""
    ttl = _conf("PAGE_CACHE_TAG_MEMO_SECONDS", 0.5)
    now = time.monotonic()
    versions, missing = {}, []
    for tag in tags:
        memo = _memo.get(tag)
        if memo is not None and memo[0] > now:
            versions[tag] = memo[1]
        else:
            missing.append(tag)
    if missing:
        found = page_cache().get_many([TAG_PREFIX + tag for tag in missing])
        for tag in missing:
            versions[tag] = int(found.get(TAG_PREFIX + tag, 0))
            if ttl:
                _memo[tag] = (now + ttl, versions[tag])
    return versions


def bump_tags(tags: list[str]) -> None:
    """Invalidate every stored page carrying any of ``tags``: one write per tag, no scan.

    Side effects: writes the tags' new versions to the page cache. Versions are time-based
    (nanoseconds) so a version lost with a restarted cache cannot come back and match an old
    entry."""
    now = time.time_ns()
    for tag in tags:
        _memo.pop(tag, None)
    page_cache().set_many({TAG_PREFIX + tag: now for tag in tags}, timeout=None)


# --- the stored page -----------------------------------------------------------------------


@dataclass
class CachedPage:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    tags: dict[str, int]
    etag: str
    last_modified: float

    def to_response(self, request) -> HttpResponse:
        response = HttpResponse(self.body if request.method != "HEAD" else b"", status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        response["Content-Length"] = str(len(self.body))
        response["X-Cache"] = "HIT"
        return response


def _excluded(path: str) -> bool:
    return path.startswith(tuple(_conf("PAGE_CACHE_EXCLUDED_PREFIXES", ())))


def _has_personal_cookie(cookie_header: str) -> bool:
    if not cookie_header:
        return False
    personal = {settings.SESSION_COOKIE_NAME, *_conf("PAGE_CACHE_PERSONAL_COOKIES", ())}
    names = {part.split("=", 1)[0].strip() for part in cookie_header.split(";")}
    return not personal.isdisjoint(names)


def environ_is_cacheable(environ) -> bool:
    """May this request be answered from (and its answer stored in) the shared cache?"""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    if not _conf("PAGE_CACHE_ENABLED", True):
        return False
    if _excluded(environ.get("PATH_INFO", "")):
        return False
    if "HTTP_AUTHORIZATION" in environ:
        return False
    return not _has_personal_cookie(environ.get("HTTP_COOKIE", ""))


def response_is_cacheable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200:
        return False
    if response.streaming or response.cookies:
        return False
    if response.has_header("Content-Encoding"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - _VARY_ALLOWED:
        return False
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return False
    if getattr(request, "page_cache_skip", False):
        return False
    try:
        request.get_host()  # only hosts in ALLOWED_HOSTS get a copy
    except Exception:  # noqa: BLE001 - DisallowedHost and friends: simply do not store
        return False
    return True


def _not_modified(environ, page: CachedPage) -> bool:
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return page.etag in candidates or "*" in candidates
    if_modified_since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if not if_modified_since:
        return False
    since = parse_http_date_safe(if_modified_since)
    return since is not None and int(page.last_modified) <= since


_VALIDATOR_HEADERS = {"etag", "last-modified", "cache-control", "vary", "expires"}


# Pages this process lately read from the shared cache, already decoded: raw URL -> (time
# this copy stops being used, page). Reading and unpickling a stored page cost most of a hit;
# a copy here is checked against the same tag versions as the shared one, so a purge reaches
# it as fast, and it is never used past the shared entry's own expiry.
_local: OrderedDict[str, tuple[float, CachedPage]] = OrderedDict()
_local_size = 0
_local_lock = threading.Lock()


def _local_get(raw: str) -> CachedPage | None:
    found = _local.get(raw)
    if found is None:
        return None
    if found[0] <= time.time():
        _local_drop(raw)
        return None
    return found[1]


def _local_drop(raw: str) -> None:
    global _local_size
    with _local_lock:
        found = _local.pop(raw, None)
        if found is not None:
            _local_size -= len(found[1].body)


def _local_put(raw: str, page: CachedPage) -> None:
    global _local_size
    limit = _conf("PAGE_CACHE_LOCAL_BYTES", 16 * 1024 * 1024)
    if not limit or len(page.body) > limit:
        return
    until = min(
        page.last_modified + _conf("PAGE_CACHE_TIMEOUT", 600),
        time.time() + _conf("PAGE_CACHE_LOCAL_SECONDS", 60),
    )
    with _local_lock:
        old = _local.pop(raw, None)
        if old is not None:
            _local_size -= len(old[1].body)
        _local[raw] = (until, page)
        _local_size += len(page.body)
        while _local_size > limit and _local:
            _, (_, dropped) = _local.popitem(last=False)
            _local_size -= len(dropped.body)


def clear_local() -> None:
    """Forget this process's decoded copies (the shared cache was cleared)."""
    global _local_size
    with _local_lock:
        _local.clear()
        _local_size = 0


def lookup_environ(environ) -> CachedPage | None:
    """The stored page for this request if it is still current, else None."""
    raw = _raw_url(environ)
    page = _local_get(raw)
    if page is None:
        page = page_cache().get(_key_of(raw))
        if not isinstance(page, CachedPage):
            return None
        if tag_versions(list(page.tags)) != page.tags:
            return None
        _local_put(raw, page)
        return page
    if tag_versions(list(page.tags)) != page.tags:
        _local_drop(raw)
        return None
    return page


def public_cache_control() -> str:
    max_age = _conf("PAGE_CACHE_BROWSER_MAX_AGE", 0)
    edge = _conf("PAGE_CACHE_EDGE_MAX_AGE", 300)
    stale = _conf("PAGE_CACHE_STALE_IF_ERROR", 86400)
    return f"public, max-age={max_age}, s-maxage={edge}, stale-if-error={stale}"


def store(request, response, *, tags: list[str]) -> None:
    """Keep ``response`` for later anonymous requests; add validators and cache headers."""
    body = response.content
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    now = time.time()
    if not response.has_header("ETag"):
        response["ETag"] = etag
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(now)
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = public_cache_control()
    patch_vary_headers(response, ["Cookie"])
    page = CachedPage(
        status=response.status_code,
        headers=[(k, v) for k, v in response.items() if k.lower() not in _HOP_HEADERS],
        body=body,
        tags=tag_versions(tags),
        etag=response["ETag"],
        last_modified=now,
    )
    page_cache().set(environ_key(request.META), page, _conf("PAGE_CACHE_TIMEOUT", 600))


def _hit_response(request, page: CachedPage) -> HttpResponse:
    if _not_modified(request.META, page):
        response = HttpResponseNotModified()
        for name, value in page.headers:
            if name.lower() in _VALIDATOR_HEADERS:
                response.headers[name] = value
        response["X-Cache"] = "HIT"
        return response
    return page.to_response(request)


class PageCacheMiddleware:
    """Answer anonymous cache hits before the rest of the stack; store what is safe to share.

    It is the first middleware, so a stored page carries every header the stack adds
    (security headers, CSP). ``PageCacheWSGI`` answers the same hits even earlier, before
    Django builds a request; this middleware covers the test client and any other entry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _conf("PAGE_CACHE_ENABLED", True):
            return self.get_response(request)
        start = time.perf_counter()
        cacheable = environ_is_cacheable(request.META)
        if cacheable:
            page = lookup_environ(request.META)
            if page is not None:
                request.page_cache_status = "hit"
                _metric("hit", time.perf_counter() - start)
                return _hit_response(request, page)
        response = self.get_response(request)
        if not cacheable:
            # Someone signed in (or sending credentials): their page is theirs alone.
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = "private, no-cache"
            return response
        if response_is_cacheable(request, response):
            group = getattr(request, "page_cache_group", "listing")
            response["X-Cache"] = "MISS"
            store(request, response, tags=[path_tag(request.path), group_tag(group), SITE_TAG])
            _metric("miss")
        else:
            _metric("bypass")
            if response.status_code == 200 and not response.has_header("Cache-Control"):
                response["Cache-Control"] = "private, no-cache"
        return response


class PageCacheWSGI:
    """WSGI wrapper that answers anonymous cache hits before Django runs at all.

    Everything else (misses, personal requests, errors reading the cache) goes to Django."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        start = time.perf_counter()
        if environ_is_cacheable(environ):
            page = lookup_environ(environ)
            if page is not None:
                _metric("hit", time.perf_counter() - start)
                if _not_modified(environ, page):
                    headers = [(k, v) for k, v in page.headers if k.lower() in _VALIDATOR_HEADERS]
                    start_response("304 Not Modified", [*headers, ("X-Cache", "HIT")])
                    return [b""]
                headers = [
                    *page.headers,
                    ("Content-Length", str(len(page.body))),
                    ("X-Cache", "HIT"),
                ]
                start_response("200 OK", headers)
                return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else page.body]
        return self.application(environ, start_response)


# --- a Redis cache that degrades to no cache ------------------------------------------------


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
