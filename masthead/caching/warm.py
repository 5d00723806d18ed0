"""Render the pages a change purged right after it is committed, before readers ask.

Without this, the first reader to ask for the front page after a publish renders it, in a
server thread that shares its process with the threads answering every other reader: during
a spike the front page's 60 ms of work took 400-700 ms there, and the edge, purged at once,
fetched the old copy (``X-Cache: STALE``) and kept it for another second. Here the process
that made the change renders each page it purged that readers have a stored copy of (and the
changed page itself, a new story nobody has asked for yet), holding the page's render lock so
that readers get the old copy meanwhile instead of rendering it too; the edge is purged once
the new copies are stored (``purge.py``).

Pages are rendered for the site's one public address (SITE_URL), through the whole
middleware stack as an anonymous reader asking for gzip, and stored by the page cache as any
render is. A page that fails or is no longer public is left to readers, as before.
"""

from __future__ import annotations

import io
import logging
import os
import sys
import time
from collections.abc import Iterable
from urllib.parse import unquote_to_bytes, urlsplit

from django.conf import settings
from django.http.request import validate_host
from django.urls import get_urlconf, set_urlconf
from django.utils import translation

from . import pages
from . import tags as cache_tags
from .store import shared

logger = logging.getLogger(__name__)

_handler = None


def _conf(name: str, default):
    return getattr(settings, name, default)


def _get_handler():
    """This process's own WSGI handler (its middleware loaded once), called without the
    request signals: those would close the database connection of the request that
    published (``request_finished``)."""
    global _handler
    if _handler is None:
        from django.core.handlers.wsgi import WSGIHandler

        _handler = WSGIHandler()
    return _handler


def _public_address() -> tuple[str, str, str] | None:
    """(scheme, host, port) of SITE_URL, or None when it names no host this site serves."""
    parts = urlsplit(_conf("SITE_URL", ""))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:  # as Django's own check (HttpRequest.get_host)
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    if not validate_host(parts.hostname, allowed):
        return None
    port = str(parts.port or (443 if parts.scheme == "https" else 80))
    return parts.scheme, parts.netloc.lower(), port


def _environ(path: str, address: tuple[str, str, str]) -> dict:
    scheme, host, port = address
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": _wsgi_path(path),
        "QUERY_STRING": "",
        "SERVER_NAME": host.rsplit(":", 1)[0],
        "SERVER_PORT": port,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "HTTP_ACCEPT_ENCODING": "gzip",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        # Looked up already: the middleware renders and stores instead of answering with
        # the old copy this warm-up holds the lock for.
        pages.LOOKED_UP: True,
    }
    proxy = settings.SECURE_PROXY_SSL_HEADER
    if proxy and scheme == "https":
        environ[proxy[0]] = proxy[1]  # as the TLS proxy in front says it
    return environ


def to_warm(paths: Iterable[str], *, changed: Iterable[str] = ()) -> list[str]:
    """Of ``paths``, those with a stored copy on the public address (pages readers ask
    for), after ``changed`` (the changed pages' own, stored or not), at most
    PAGE_CACHE_WARM_PAGES. Side effects: one shared read."""
    limit = _conf("PAGE_CACHE_WARM_PAGES", 8)
    address = _public_address()
    if not limit or address is None or not pages.enabled() or _low_priority():
        return []
    changed = list(dict.fromkeys(changed))
    others = [path for path in dict.fromkeys(paths) if path not in changed]
    keys = {path: pages.entry_key(_raw(path, address)) for path in others}
    stored = shared().get_many(list(keys.values())) if keys else {}
    return [*changed, *(path for path in others if keys[path] in stored)][:limit]


def _low_priority() -> bool:
    """Is this process running below normal priority (the task worker, at nice 10, runs a
    scheduled publish)? Then readers' own threads render the pages sooner than it would,
    during a spike, while they waited on its locks."""
    try:
        return os.getpriority(os.PRIO_PROCESS, 0) > 0
    except (AttributeError, OSError):  # not on this platform: as a web process
        return False


def _wsgi_path(path: str) -> str:
    """``path`` as a server puts it in PATH_INFO: its UTF-8 bytes, unquoted, as latin-1 (a
    story's slug may be Cyrillic, and arrive percent-encoded or not)."""
    return unquote_to_bytes(path).decode("iso-8859-1")


def _raw(path: str, address: tuple[str, str, str]) -> str:
    """The page cache's key for ``path`` on the public address, as for a reader asking."""
    return pages.request_url(_environ(path, address))


def hold(paths: list[str]) -> dict[str, bool]:
    """Take the render lock of each path's page (before the change is announced, so no
    reader starts the same render): path -> whether this process holds it."""
    address = _public_address()
    if address is None:
        return {}
    seconds = _conf("PAGE_CACHE_REFRESH_SECONDS", 5) or 5
    return {
        path: bool(shared().add(_lock(path, address), 1, seconds)) for path in dict.fromkeys(paths)
    }


def _lock(path: str, address) -> str:
    return _lock_of(_raw(path, address))


def _lock_of(raw: str) -> str:
    return pages.REFRESH_PREFIX + pages.entry_key(raw)


def warm(held: dict[str, bool]) -> int:
    """Render and store each held path's page; returns how many were stored. Paths left
    when PAGE_CACHE_WARM_SECONDS have passed are released for readers to render. A page
    whose lock another request held is rendered all the same: that request may be rendering
    what it read before the change was committed."""
    address = _public_address()
    if address is None or not held:
        return 0
    deadline = time.monotonic() + _conf("PAGE_CACHE_WARM_SECONDS", 2.0)
    done = 0
    for path, locked in held.items():
        if time.monotonic() > deadline:
            if locked:
                shared().delete(_lock(path, address))
            continue
        done += _render(path, address, locked)
    return done


def _render(path: str, address, locked: bool) -> bool:
    environ = _environ(path, address)
    raw = pages.request_url(environ)  # before Django decodes PATH_INFO in place
    if locked:
        environ[pages.REFRESHING] = _lock_of(raw)
    language, urlconf = translation.get_language(), get_urlconf()
    try:
        with cache_tags.apart():
            handler = _get_handler()
            request = handler.request_class(environ)
            response = handler.get_response(request)
        return response.get("X-Cache") == "MISS"
    except Exception:  # noqa: BLE001 - a failed warm-up leaves the page to its readers
        logger.exception("could not render %s after a change", path)
        if locked:
            shared().delete(environ[pages.REFRESHING])
        return False
    finally:
        set_urlconf(urlconf)
        if language:
            translation.activate(language)
        else:
            translation.deactivate()
