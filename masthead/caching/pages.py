"""The anonymous page cache: whole responses kept in the shared store, purged by tag.

A request without a session (or other personal) cookie, for GET or HEAD, is looked up once:
by ``PageCacheWSGI`` before Django builds a request, or by ``PageCacheMiddleware`` when the
WSGI wrapper is not in front (the test client); a miss found by the wrapper is not read
again. A miss goes through the whole stack; the response is stored only when nothing about
it is personal (no cookie set, no ``private``/``no-store``, status 200, not the admin,
nothing rendered for one reader).

A stored page carries the tags of everything it showed (``tags.depends_on``), with their
versions when it was made; bumping any of them makes it a miss in every process. Parts that
change far more often than the page itself (the news-feed and most-popular rails beside
every article) are *slots*: the page is stored with a hole where each was, and a hit fills
the hole with the current shared fragment. Publishing one story then changes one fragment,
and every other article stays stored.

Each process keeps the pages it serves most, with their stored parts (``local.py``),
checked against the page's own tags on every hit; when only a slot's fragment has changed,
the kept page is filled again with the new one, without reading the page again.

When a stored page goes out of date, one request (across every process: a lock in the shared
store) renders it again, and until it has stored the new copy the others are answered with
the old one (``X-Cache: STALE``), so a publish during a traffic spike costs one render of the
front page, not one per waiting reader. The lock lasts PAGE_CACHE_REFRESH_SECONDS at most; a
render whose answer may not be shared (the page was unpublished, restricted or moved) deletes
the old copy, so nothing outlives its page by more than one render.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import struct
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.handlers.wsgi import get_path_info
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from . import events, fragments
from . import tags as cache_tags
from .local import MISSING, Hints, ProcessCopies
from .store import shared

# The stored format's number is in the key: a deploy that changes it starts with misses
# instead of reading pages it cannot assemble.
ENTRY_PREFIX = "page:3:"
# Set in the WSGI environ once the wrapper has looked the request up and found nothing.
LOOKED_UP = "masthead.page_cache.looked_up"
# Set in the environ when this request holds the lock to render an out-of-date page again.
REFRESHING = "masthead.page_cache.refreshing"
FRAGMENT_REFRESHING = "masthead.page_cache.refreshing_fragment"
REFRESH_PREFIX = "refresh:"
# Headers that belong to one delivery, not to the stored page.
_HOP_HEADERS = {
    "date",
    "set-cookie",
    "content-length",
    "content-encoding",
    "connection",
    "transfer-encoding",
    "x-cache",
    "etag",
}
_VARY_ALLOWED = {"cookie", "accept-encoding"}
_VALIDATOR_HEADERS = {"etag", "last-modified", "cache-control", "vary", "expires"}
# A slot in a stored page: the fragment's key between two markers the page cache removes.
_SLOT = re.compile(rb"<!--slot:([0-9a-zA-Z:_-]+)-->(.*?)<!--/slot-->", re.DOTALL)
SLOT_OPEN = "<!--slot:{}-->"
SLOT_CLOSE = "<!--/slot-->"
# Bodies smaller than this are sent as they are: compressing them saves less than it costs.
MIN_COMPRESS_BYTES = 860


def _conf(name: str, default):
    return getattr(settings, name, default)


def enabled() -> bool:
    return _conf("PAGE_CACHE_ENABLED", True)


# --- keys ---------------------------------------------------------------------------------


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


def strip_tracking(environ) -> None:
    """Drop tracking parameters from the request itself, not only from the cache key: a page
    stored for one visitor must not carry the ``utm_*`` (or ``next``-embedded) values of the
    first one. Other parameters keep their order and encoding."""
    query = environ.get("QUERY_STRING", "")
    if not query:
        return
    tracking = tuple(_conf("PAGE_CACHE_IGNORED_PARAMS", ("utm_", "fbclid", "gclid", "mc_")))
    kept = [part for part in query.split("&") if part and not part.startswith(tracking)]
    if len(kept) != query.count("&") + 1:
        environ["QUERY_STRING"] = "&".join(kept)


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


def raw_url(environ) -> str:
    """The URL a request names, computed from the WSGI environ alone (Django's
    ``request.META`` is that environ) so the WSGI wrapper and the middleware agree."""
    return "{}://{}{}{}?{}".format(
        _scheme(environ),
        _raw_host(environ),
        environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""),
        normalised_query(environ.get("QUERY_STRING", "")),
    )


# The URL as ``request_url`` made it from the server's environ, kept there for the rest of
# the request: Django then replaces PATH_INFO (latin-1, per PEP 3333) with the decoded path.
RAW_URL = "masthead.page_cache.raw_url"


def request_url(environ) -> str:
    """The page cache's key for a request, the same before Django has built a request and
    after: the path decoded as Django decodes it (a Cyrillic slug is one URL, not two)."""
    known = environ.get(RAW_URL)
    if known is None:
        known = environ[RAW_URL] = raw_url({**environ, "PATH_INFO": get_path_info(environ)})
    return known


def _decoded_request_url(request) -> str:
    """``request_url`` for a request Django has built (its PATH_INFO decoded already)."""
    known = request.META.get(RAW_URL)
    if known is None:
        known = request.META[RAW_URL] = raw_url(request.META)
    return known


def entry_key(raw: str) -> str:
    return ENTRY_PREFIX + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


# --- what may be cached --------------------------------------------------------------------


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
    if not enabled():
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


# --- the stored page ---------------------------------------------------------------------


# A fixed part's plain bytes, summed: (CRC-32, length, CRC-32 of as many zero bytes). A hit
# makes the gzip trailer from these without inflating anything (``gzip_joined``).
PartSums = tuple[int, int, int]


# Both page classes are slotted and hold tuples: a process keeps thousands of pages, and the
# garbage collector's full passes walk every container that may hold a cycle. Tuples of bytes,
# str and int (and dicts of them) drop out of its lists; lists and instance dicts stay. With
# lists, a full pass took 130-230 ms (5,900 pages a worker in the spike bench), each a stall
# of every thread of that process.
@dataclass(slots=True)
class StoredPage:
    """What the shared store keeps for one URL: the response less its slots, compressed.

    Only the deflated bytes are kept (a fifth of the page): a hit, which nearly every reader
    accepts as gzip, joins them with its slots' and reads a fifth as much from the store.
    The plain page is inflated only for a client that takes no compression."""

    status: int
    headers: tuple[tuple[str, str], ...]
    # Each fixed part of the page deflated on its own (``deflate_part``), with a fragment
    # key (str) where each slot goes.
    parts: tuple[bytes | str, ...]
    # For each fixed part its ``PartSums``; None for a slot.
    sums: tuple[PartSums | None, ...]
    # Of the plain page with its slot keys: with its slots' digests, the ETag (``_etag``).
    digest: bytes
    tags: dict[str, int]
    last_modified: float


@dataclass(slots=True, weakref_slot=True)  # a test follows a dropped copy with a weakref
class ServedPage:
    """A stored page with its slots filled: what a hit sends, kept in this process.

    It is kept while the stored page's own tags hold. When only a slot's fragment changes
    (the news-feed rail beside every article, after each feed item), the page is assembled
    again here from ``stored`` and the new fragment, without reading the page again."""

    status: int
    headers: tuple[tuple[str, str], ...]
    # The plain body, made only for a client that accepts no compression (``plain``).
    body: bytes | None
    etag: str
    last_modified: float
    stored: StoredPage
    # The gzip member, in pieces: the stored parts and the slots' fragments, deflated apart
    # (``gzip_joined``); joined for each reader rather than kept twice.
    pieces: tuple[bytes, ...]
    length: int  # of the plain body
    # The versions of the slots' fragments' tags it was assembled with.
    slot_versions: dict[str, int] = field(default_factory=dict)
    encoded: dict[str, bytes] = field(default_factory=dict)
    stale: bool = False
    # Its key in ``served_copies`` once kept there, which is told the size of each
    # compressed copy added (the store's bound). Not a callback holding the page: that was a
    # reference cycle, left for the garbage collector's full passes (100-150 ms each, every
    # few seconds during a spike) to free each dropped page.
    kept_as: str | None = None

    def encoding_for(self, accept_encoding: str) -> str | None:
        return encoding_for(self.length, accept_encoding)

    def plain(self) -> bytes:
        body = self.body
        if body is not None:
            return body
        return gzip.decompress(b"".join(self.pieces))

    def body_for(self, encoding: str | None) -> bytes:
        if encoding is None:
            return self.plain()
        if encoding == "gzip":
            return b"".join(self.pieces)
        found = self.encoded.get(encoding)
        if found is None:
            found = self.encoded[encoding] = compress(self.plain(), encoding)
            if self.kept_as is not None:
                served_copies.grow(self.kept_as, self, len(found))
        return found

    def compact(self, encoding: str | None) -> int:
        """Make the copy the first reader needs (brotli, or the plain body for a client
        without compression; gzip is the stored parts joined) and return the bytes it holds:
        the stored parts (about a fifth of the plain page, so a process keeps five times as
        many pages in the same bytes) and that copy. The slots' fragments are shared by
        every page and counted once, in the fragment copies."""
        if encoding is None:
            self.body = self.plain()
        elif encoding != "gzip":
            self.body_for(encoding)
        held = sum(len(part) for part in self.stored.parts if isinstance(part, bytes))
        held += sum(len(data) for data in self.encoded.values())
        return held + (self.length if self.body is not None else 0)

    def delivery(self, environ) -> tuple[list[tuple[str, str]], bytes]:
        """The headers and body for this request (compressed if it accepts it)."""
        encoding = self.encoding_for(environ.get("HTTP_ACCEPT_ENCODING", ""))
        body = self.body_for(encoding)
        headers = [*self.headers, ("ETag", self.etag)]
        if encoding:
            # A compressed copy is a different entity: its own strong validator.
            headers[-1] = ("ETag", self.etag[:-1] + "-" + encoding + '"')
            headers.append(("Content-Encoding", encoding))
        state = "HIT"
        if self.stale:
            # An edge must not keep the old copy: a second, and it asks again.
            state = "STALE"
            headers = [(k, v) for k, v in headers if k.lower() != "cache-control"]
            headers.append(("Cache-Control", "public, max-age=0, s-maxage=1"))
        headers += [("Content-Length", str(len(body))), ("X-Cache", state)]
        return headers, body


def encoding_for(length: int, accept_encoding: str) -> str | None:
    """The compression to send a body of ``length`` bytes with, if any."""
    if length < MIN_COMPRESS_BYTES or not accept_encoding:
        return None
    accepted = {
        part.split(";")[0].strip().lower()
        for part in accept_encoding.split(",")
        if not part.strip().endswith(";q=0")
    }
    if "br" in accepted and _brotli() is not None:
        return "br"
    if "gzip" in accepted:
        return "gzip"
    return None


def _brotli():
    try:
        import brotli
    except ImportError:  # pragma: no cover - a pinned dependency; gzip still works without
        return None
    return brotli


def compress(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return _brotli().compress(body, quality=_conf("PAGE_CACHE_BROTLI_QUALITY", 5))
    # mtime=0: the same page always compresses to the same bytes.
    return gzip.compress(body, compresslevel=_conf("PAGE_CACHE_GZIP_LEVEL", 6), mtime=0)


# A gzip member is a header, a deflate stream and the CRC and length of the plain bytes. A
# deflate stream flushed with Z_SYNC_FLUSH ends on a byte boundary with no final block, so
# streams made apart can be joined and closed with one empty final block: the page's fixed
# parts are deflated once when stored, each fragment once per process, and a hit assembling
# the page pays a join instead of compressing 40 KB again. That matters after a publish:
# every kept page showing the changed rail is assembled again at once.
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # no name, mtime 0
_DEFLATE_END = b"\x03\x00"  # an empty final block
# Fragment value -> (deflated, sums, digest): made once per process for each rail's text.
_fragment_parts: dict[str, tuple[bytes, PartSums, bytes]] = {}
_FRAGMENT_PARTS_LIMIT = 256  # slots are few: the rails every page shares
_zeros = memoryview(b"")


def deflate_part(data: bytes) -> bytes:
    compressor = zlib.compressobj(_conf("PAGE_CACHE_GZIP_LEVEL", 6), zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


def _zero_bytes(length: int) -> memoryview:
    global _zeros
    if len(_zeros) < length:
        _zeros = memoryview(bytes(max(length, 2 * len(_zeros))))
    return _zeros[:length]


def part_sums(data: bytes) -> PartSums:
    return zlib.crc32(data), len(data), zlib.crc32(_zero_bytes(len(data)))


def _fragment_part(value: str) -> tuple[bytes, PartSums, bytes]:
    found = _fragment_parts.get(value)
    if found is None:
        if len(_fragment_parts) > _FRAGMENT_PARTS_LIMIT:
            _fragment_parts.clear()
        data = value.encode()
        found = (deflate_part(data), part_sums(data), hashlib.sha256(data).digest())
        _fragment_parts[value] = found
    return found


def gzip_joined(parts: list[tuple[bytes, PartSums]]) -> tuple[list[bytes], int]:
    """(the pieces of a gzip member of the parts' plain bytes joined, their length) from
    each part deflated apart (``deflate_part``) and its ``part_sums``.

    The CRC of A+B is that of A followed by len(B) zero bytes, xor the CRC of len(B) zero
    bytes, xor the CRC of B (CRC-32 is linear once its start and end inversions cancel):
    so no plain byte is read again."""
    crc = length = 0
    for _, (part_crc, part_length, zeros_crc) in parts:
        if crc:
            crc = zlib.crc32(_zero_bytes(part_length), crc) ^ zeros_crc ^ part_crc
        else:  # after nothing (or bytes whose CRC is 0): shifting 0 changes nothing
            crc ^= part_crc
        length += part_length
    trailer = struct.pack("<II", crc, length & 0xFFFFFFFF)
    return [_GZIP_HEADER, *(data for data, _ in parts), _DEFLATE_END, trailer], length


def _page_digest(parts: list[bytes | str]) -> bytes:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else b"\0slot:" + part.encode() + b"\0")
    return digest.digest()


def _etag(digests: list[bytes]) -> str:
    """The page's digest and its slots' values' digests, in order: the same bytes sent give
    the same ETag, whether the page was rendered or assembled."""
    return '"' + hashlib.sha256(b"".join(digests)).hexdigest()[:32] + '"'


def _local_bytes() -> int:
    return _conf("PAGE_CACHE_LOCAL_BYTES", 16 * 1024 * 1024)


def _local_seconds() -> float:
    return _conf("PAGE_CACHE_LOCAL_SECONDS", 60)


# Pages this process lately served, assembled: raw URL -> ServedPage, valid while the page's
# tags and its slots' tags hold.
served_copies = ProcessCopies("pages", max_bytes=_local_bytes, max_age=_local_seconds)


def _assemble(
    stored: StoredPage, environ=None, read: dict | None = None, current: dict | None = None
) -> ServedPage | None:
    """Fill the stored page's slots with the current fragments; None if one is gone.

    ``read`` and ``current``: the shared entries and tag versions read with the page (a
    fragment or lock not among them is read here).
    With ``environ`` (a GET), a slot whose fragment is out of date is filled with the old
    value while another request renders it again (the page comes back marked stale); if no
    one is, this request takes the fragment's lock and gets None: it renders the page, which
    renders the fragment."""
    read = read or {}
    slot_versions: dict[str, int] = {}
    pieces: list[tuple[bytes, PartSums]] = []
    digests = [stored.digest]
    stale = False
    for index, part in enumerate(stored.parts):
        if isinstance(part, bytes):
            pieces.append((part, stored.sums[index]))
            continue
        entry = read.get(part, MISSING)
        found = fragments.peek(part, entry=entry, current=current)
        if found is not None:
            value, fragment_versions = found
            slot_versions.update(fragment_versions)
        else:
            lock = REFRESH_PREFIX + part
            value = fragments.peek_stale(part, entry=entry) if _may_wait(environ) else None
            if value is None or _take_refresh(
                environ, lock, FRAGMENT_REFRESHING, read.get(lock, MISSING)
            ):
                return None
            stale = True
        deflated, sums, digest = _fragment_part(value)
        pieces.append((deflated, sums))
        digests.append(digest)
    joined, length = gzip_joined(pieces)
    return ServedPage(
        status=stored.status,
        headers=stored.headers,
        body=None,
        etag=_etag(digests),
        last_modified=stored.last_modified,
        stored=stored,
        pieces=tuple(joined),
        length=length,
        # A tag the page itself shows is checked with the page's own.
        slot_versions={t: v for t, v in slot_versions.items() if t not in stored.tags},
        stale=stale,
    )


def _refresh_seconds() -> float:
    return _conf("PAGE_CACHE_REFRESH_SECONDS", 5)


def _may_wait(environ) -> bool:
    """Only a GET stores what it renders: a HEAD neither waits for a render nor does one."""
    return (
        environ is not None and environ.get("REQUEST_METHOD") == "GET" and bool(_refresh_seconds())
    )


def _take_refresh(environ, lock: str, marker: str, held=MISSING) -> bool:
    """Try to become the one request that renders ``lock``'s page or fragment again.
    ``held``: the lock's value as just read with the page (None: free), so a request that
    will not get it does not ask."""
    if held is not MISSING and held is not None:
        return False
    if shared().add(lock, 1, _refresh_seconds()):
        environ[marker] = lock
        return True
    return False


# What this process last saw each URL's stored page depend on (raw URL -> names): its tags,
# and the fragments in its slots. A hit asks for them with the page, in one round trip.
page_tag_hints = Hints()
slot_hints = Hints()


def _slots(stored: StoredPage) -> list[str]:
    return [part for part in stored.parts if isinstance(part, str)]


def _to_read(stored_tags, slots, read) -> tuple[list[str], set[str]]:
    """(the keys, the tags) a hit on a page with ``stored_tags`` and ``slots`` needs: each
    slot's fragment (unless this process keeps a copy: then only its tags) and lock, and the
    tags of the page and of each fragment (as read, else as last seen)."""
    keys, tags = [], set(stored_tags)
    for slot in slots:
        kept = fragments.copies.tags_of(slot)
        if kept is None:
            keys.append(slot)
            entry = read.get(slot)
            has_entry = isinstance(entry, tuple) and len(entry) == 3
            kept = entry[0] if has_entry else fragments.hints.get(slot)
        tags.update(kept)
        keys.append(REFRESH_PREFIX + slot)
    return keys, tags


def _read_page(raw: str, key: str) -> tuple[StoredPage | None, dict, dict[str, int]]:
    """(the page stored for ``raw``, the shared entries read with it, the current versions
    of the tags they depend on). One round trip when this process has seen the page before
    (it asks for what the page depended on then); what that guess left out (a page new to
    this process, a slot added) is read after, in one or two more."""
    keys, tags = _to_read(page_tag_hints.get(raw), slot_hints.get(raw), {})
    keys = [key, REFRESH_PREFIX + key, *keys]
    read, current = cache_tags.read(keys, tags)
    asked = set(keys)
    stored = read.get(key)
    if not isinstance(stored, StoredPage):
        return None, read, current
    slots = _slots(stored)
    page_tag_hints.put(raw, stored.tags)
    slot_hints.put(raw, slots)
    for _ in range(2):  # the page's slots and tags, then the tags of the fragments found
        keys, tags = _to_read(stored.tags, slots, read)
        keys = [k for k in keys if k not in asked]
        tags -= current.keys()
        if not (keys or tags):
            break
        more, more_current = cache_tags.read(keys, tags)
        read.update(more)
        current.update(more_current)
        asked.update(keys)
    for k in asked:  # read and absent: not to be read again
        read.setdefault(k, None)
    return stored, read, current


def lookup(environ) -> ServedPage | None:
    """The page to answer this request with, if one is stored and current (or out of date
    while another request renders it again)."""
    raw = request_url(environ)
    kept = served_copies.unchecked(raw)
    if kept is not MISSING:
        # The page's own tags and its fragments', in one read (none while the memo holds).
        current = cache_tags.versions([*kept.stored.tags, *kept.slot_versions])
        if served_copies.get(raw, current) is kept:  # kept while the page's own tags hold
            if all(current[tag] == version for tag, version in kept.slot_versions.items()):
                return kept
            return _reassembled(raw, kept.stored, environ)
    key = entry_key(raw)
    stored, read, versions_now = _read_page(raw, key)
    if stored is None:
        return None
    current = all(versions_now.get(tag) == version for tag, version in stored.tags.items())
    if not current and (
        not _may_wait(environ)
        or _take_refresh(environ, REFRESH_PREFIX + key, REFRESHING, read[REFRESH_PREFIX + key])
    ):
        return None  # this request renders it; the others wait on the old copy
    return _served(raw, environ, stored, read, versions_now, stale=not current)


def _reassembled(raw: str, stored: StoredPage, environ) -> ServedPage | None:
    """A kept page whose slots' fragments changed, filled again with the current ones: from
    this process's fragment copies when it holds them current (no round trip), else with
    one read of the slots, their locks and tags."""
    slots = _slots(stored)
    if all(fragments.copies.get(slot) is not MISSING for slot in slots):
        return _served(raw, environ, stored, {}, None)
    keys, tags = _to_read(stored.tags, slots, {})
    read, current = cache_tags.read(keys, tags)
    for k in keys:  # read and absent: not to be read again
        read.setdefault(k, None)
    return _served(raw, environ, stored, read, current)


def _served(raw, environ, stored, read, versions_now, *, stale=False) -> ServedPage | None:
    """``stored`` assembled for this request (None: render it), kept unless out of date."""
    served = _assemble(stored, environ, read, versions_now)
    if served is None:
        return None
    if stale:
        served.stale = True
    if not served.stale:
        remaining = stored.last_modified + _conf("PAGE_CACHE_TIMEOUT", 600) - time.time()
        size = served.compact(served.encoding_for(environ.get("HTTP_ACCEPT_ENCODING", "")))
        served_copies.put(raw, served, tags=stored.tags, max_age=remaining, size=size)
        served.kept_as = raw
    return served


def _end_refresh(request, *, stored: bool) -> None:
    """Release the render locks this request holds; if the new page could not be stored,
    its old copy goes too (unless the render failed: then the old copy is still the best
    answer). A fragment's lock is freed either way: rendering the page stored it."""
    fragment_lock = request.META.pop(FRAGMENT_REFRESHING, None)
    if fragment_lock is not None:
        shared().delete(fragment_lock)
    lock = request.META.pop(REFRESHING, None)
    if lock is None:
        return
    if not stored and getattr(request, "page_cache_status", 500) < 500:
        shared().delete(lock.removeprefix(REFRESH_PREFIX))
    shared().delete(lock)


def public_cache_control() -> str:
    max_age = _conf("PAGE_CACHE_BROWSER_MAX_AGE", 0)
    edge = _conf("PAGE_CACHE_EDGE_MAX_AGE", 300)
    stale = _conf("PAGE_CACHE_STALE_IF_ERROR", 86400)
    return f"public, max-age={max_age}, s-maxage={edge}, stale-if-error={stale}"


def split_slots(body: bytes) -> tuple[list[bytes | str], bytes, list[bytes]]:
    """(the body's parts with a fragment key for each slot, the body without markers, what
    each slot held)."""
    if b"<!--slot:" not in body:
        return [body], body, []
    parts: list[bytes | str] = []
    clean, values = [], []
    position = 0
    for match in _SLOT.finditer(body):
        parts.append(body[position : match.start()])
        parts.append(match.group(1).decode())
        values.append(match.group(2))
        clean += [body[position : match.start()], match.group(2)]
        position = match.end()
    parts.append(body[position:])
    clean.append(body[position:])
    return parts, b"".join(clean), values


def store(request, response, *, depends: set[str]) -> None:
    """Keep ``response`` for later anonymous requests; add validators and cache headers.

    ``depends`` are the tags of what the page showed (its slots excepted); the page's path
    and the site-wide tag are always added, and a view that declared nothing is taken to
    show lists of stories."""
    parts, body, values = split_slots(response.content)
    _set_body(response, body)
    now = time.time()
    digest = _page_digest(parts)
    response["ETag"] = _etag([digest, *(_fragment_part(v.decode())[2] for v in values)])
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(now)
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = public_cache_control()
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
    # The edition's own site and listing tags (the request's language, from its URL).
    language = getattr(request, "LANGUAGE_CODE", None)
    site_tag = cache_tags.scoped(cache_tags.SITE, language)
    tags = set(depends) | {site_tag, cache_tags.path(request.path)}
    if not depends - {site_tag}:
        tags.add(cache_tags.scoped(cache_tags.LISTING, language))
    raw = _decoded_request_url(request)
    key = entry_key(raw)
    current = cache_tags.versions(tags)
    versions = cache_tags.as_of(current, request.page_cache_started)
    if versions != current and shared().has_key(key):
        # Already out of date, and a copy is there: it may be the new one, rendered by
        # the process that made the change (warm.py) while this one read the old data.
        return
    stored = StoredPage(
        status=response.status_code,
        headers=tuple((k, v) for k, v in response.items() if k.lower() not in _HOP_HEADERS),
        parts=tuple(deflate_part(part) if isinstance(part, bytes) else part for part in parts),
        sums=tuple(part_sums(part) if isinstance(part, bytes) else None for part in parts),
        digest=digest,
        tags=versions,
        last_modified=now,
    )
    shared().set(key, stored, _conf("PAGE_CACHE_TIMEOUT", 600))
    page_tag_hints.put(raw, stored.tags)
    slot_hints.put(raw, _slots(stored))


def _not_modified(environ, etag: str, last_modified: float) -> bool:
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return etag in candidates or "*" in candidates
    if_modified_since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if not if_modified_since:
        return False
    since = parse_http_date_safe(if_modified_since)
    return since is not None and int(last_modified) <= since


def _answer(environ, served: ServedPage) -> tuple[int, list[tuple[str, str]], bytes]:
    """(status, headers, body) of a hit, a 304 when the client's copy is current."""
    headers, body = served.delivery(environ)
    etag = next(value for name, value in headers if name == "ETag")
    if _not_modified(environ, etag, served.last_modified):
        kept = [(k, v) for k, v in headers if k.lower() in _VALIDATOR_HEADERS]
        return 304, [*kept, ("X-Cache", "HIT")], b""
    if environ.get("REQUEST_METHOD") == "HEAD":
        body = b""
    return served.status, headers, body


class PageCacheMiddleware:
    """Answer anonymous cache hits before the rest of the stack; store what is safe to share.

    It is the first middleware, so a stored page carries every header the stack adds
    (security headers, CSP). ``PageCacheWSGI`` answers the same hits even earlier, before
    Django builds a request; this middleware covers the test client and any other entry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled():
            return self.get_response(request)
        start = time.perf_counter()
        cacheable = environ_is_cacheable(request.META)
        if cacheable:
            strip_tracking(request.META)
            request.__dict__.pop("GET", None)  # parsed again from the stripped query
        if cacheable and not request.META.get(LOOKED_UP):
            _decoded_request_url(request)
            served = lookup(request.META)
            if served is not None:
                events.page_cache("stale" if served.stale else "hit", time.perf_counter() - start)
                return _hit_response(request, served)
        request.page_cache_started = time.time_ns()
        request.page_cache_slots = cacheable
        with cache_tags.rendering() as frame:
            response = self.get_response(request)
            if not response.streaming:
                # Rendered inside the frame: a TemplateResponse is rendered by now.
                response.content  # noqa: B018
        if not cacheable:
            # Someone signed in (or sending credentials): their page is theirs alone.
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = "private, no-cache"
            return response
        # Every reader of an anonymous request is the same reader: what the paywall rule
        # shows one shows all, so reader-specific parts do not stop the page being stored
        # (they do stop fragments, which signed-in readers share too).
        if response_is_cacheable(request, response):
            response["X-Cache"] = "MISS"
            store(request, response, depends=frame.tags)
            _end_refresh(request, stored=True)
            events.page_cache("miss")
        else:
            request.page_cache_status = response.status_code
            _end_refresh(request, stored=False)
            if not response.streaming and b"<!--slot:" in response.content:
                _set_body(response, split_slots(response.content)[1])
            events.page_cache("bypass")
            if response.status_code == 200 and not response.has_header("Cache-Control"):
                response["Cache-Control"] = "private, no-cache"
        compress_response(request, response)
        return response


def _set_body(response, body: bytes) -> None:
    response.content = body
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(body))


def compress_response(request, response) -> None:
    """Compress a page rendered for this request on its way out, unless it may carry a
    secret beside text the request chose (BREACH): nothing for a signed-in reader, nor a
    page holding a CSRF token."""
    if response.streaming or response.has_header("Content-Encoding"):
        return
    if len(response.content) < MIN_COMPRESS_BYTES or response.status_code not in (200, 404):
        return
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return
    # Set (True, then False once the cookie is sent) whenever a CSRF token was rendered.
    if "CSRF_COOKIE_NEEDS_UPDATE" in request.META:
        return
    if not response.get("Content-Type", "").startswith(("text/", "application/json")):
        return
    patch_vary_headers(response, ["Accept-Encoding"])
    encoding = encoding_for(len(response.content), request.META.get("HTTP_ACCEPT_ENCODING", ""))
    if encoding is None:
        return
    _set_body(response, compress(response.content, encoding))
    response["Content-Encoding"] = encoding
    if response.has_header("ETag"):
        etag = response["ETag"]
        response["ETag"] = etag[:-1] + "-" + encoding + '"' if etag.endswith('"') else etag


def _hit_response(request, served: ServedPage) -> HttpResponse:
    status, headers, body = _answer(request.META, served)
    response = HttpResponseNotModified() if status == 304 else HttpResponse(body, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response


class PageCacheWSGI:
    """WSGI wrapper that answers anonymous cache hits before Django runs at all.

    Everything else (misses, personal requests, errors reading the cache) goes to Django; a
    miss is marked in the environ so the middleware does not read the store again."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        start = time.perf_counter()
        if environ_is_cacheable(environ):
            strip_tracking(environ)
            served = lookup(environ)
            if served is not None:
                events.page_cache("stale" if served.stale else "hit", time.perf_counter() - start)
                status, headers, body = _answer(environ, served)
                start_response("304 Not Modified" if status == 304 else f"{status} OK", headers)
                return [body]
            environ[LOOKED_UP] = True
        return self.application(environ, start_response)


def clear() -> None:
    """Forget every stored page and fragment (shared and this process's copies)."""
    from .local import clear_all

    shared().clear()
    clear_all()
