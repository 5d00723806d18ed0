"""The site's public address, `settings.SITE_URL`, and every absolute URL built from it.

Pages, feeds, sitemaps, emails, schema.org data and podcast enclosures all take their
absolute URLs from `absolute_url()` / `page_url()`, never from the request's host (which
behind a proxy is the proxy's view of the world, and for a cached page is whoever asked
first) nor from Wagtail's `Site` record (whose default is `localhost:80`). The Wagtail Site
is kept in step with SITE_URL (`sync_default_site`, run after every `migrate` and by
`manage.py sync_site_url`) so that what Wagtail builds itself (the admin's "view live"
links, its frontend-cache purges) agrees too; the `core.W001` check reports a Site that
drifted."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings

DEFAULT_PORTS = {"http": 80, "https": 443}

# href="/...", src='/...' (not protocol-relative "//host"), and srcset lists.
_PATH_ATTR = re.compile(r"""(\s(?:href|src|poster)=)(["'])(/(?!/)[^"']*)\2""")
_SRCSET_ATTR = re.compile(r"""(\ssrcset=)(["'])([^"']*)\2""")


def root() -> str:
    """SITE_URL without its trailing slash: ``https://news.example.org``."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(url: str) -> str:
    """``/war/ferry/`` -> ``https://news.example.org/war/ferry/``. A URL that already names its
    host (media on a CDN, an outside link, ``mailto:``) is returned as it is."""
    if not url:
        return root() + "/"
    if urlsplit(url).scheme or url.startswith("//"):
        return url
    return root() + ("" if url.startswith("/") else "/") + url


def absolute_links(html: str) -> str:
    """HTML whose site-relative links and images (href, src, poster, srcset) are made absolute
    on SITE_URL: for HTML read away from the site (feed readers, email clients), where a path
    has no host to be relative to."""

    def path_attr(match):
        return f"{match[1]}{match[2]}{absolute_url(match[3])}{match[2]}"

    def srcset_attr(match):
        candidates = []
        for candidate in match[3].split(","):
            url, _, descriptor = candidate.strip().partition(" ")
            if url.startswith("/") and not url.startswith("//"):
                url = absolute_url(url)
            candidates.append(f"{url} {descriptor}".strip())
        return f"{match[1]}{match[2]}{', '.join(candidates)}{match[2]}"

    return _SRCSET_ATTR.sub(srcset_attr, _PATH_ATTR.sub(path_attr, html))


def page_url(page, request=None) -> str | None:
    """The public address of a Wagtail page, or None when it is not routable. Only the path
    comes from Wagtail (``request`` lets it reuse what it cached on the request); the scheme
    and host are SITE_URL's, whatever the Site record or the request's host say."""
    parts = page.get_url_parts(request=request)
    if parts is None:
        return None
    return absolute_url(parts[2])


def site_address() -> tuple[str, int]:
    """The (hostname, port) a Wagtail Site needs for its root_url to equal SITE_URL."""
    parts = urlsplit(root())
    return parts.hostname or "localhost", parts.port or DEFAULT_PORTS.get(parts.scheme, 80)


def site_url_problem() -> str | None:
    """Why SITE_URL cannot be the site's address, or None when it can."""
    parts = urlsplit(root())
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return f"SITE_URL {root()!r} is not an http(s) address such as https://news.example.org."
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return f"SITE_URL {root()!r} has a port that is not a number."
    if parts.path or parts.query or parts.fragment:
        return (
            f"SITE_URL {root()!r} has a path, query or fragment; give the scheme and host only "
            "(the site is served from the root of its host)."
        )
    return None


def site_record_problem() -> str | None:
    """Why no Wagtail Site can have SITE_URL as its root_url, or None. Wagtail says https://
    for port 443 and http:// for every other port; our own URLs are right regardless."""
    parts = urlsplit(root())
    port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    if (parts.scheme == "https") != (port == 443):
        return (
            f"SITE_URL {root()!r}: Wagtail's Site can only say https:// on port 443 and "
            "http:// on other ports, so its own links (admin, purges) will differ."
        )
    return None


def default_site_mismatch() -> str | None:
    """How the default Wagtail Site differs from SITE_URL, or None when they agree (or when
    there is no default Site to compare)."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    if site is None or site_url_problem() or site_record_problem():
        return None
    hostname, port = site_address()
    if (site.hostname, site.port) == (hostname, port):
        return None
    return (
        f"The default Wagtail Site is {site.hostname}:{site.port} but SITE_URL is {root()} "
        f"({hostname}:{port})."
    )


def sync_default_site() -> bool:
    """Give the default Wagtail Site SITE_URL's hostname and port. Returns True when it
    changed. Side effect: saves the Site (its post_save purges what depends on it)."""
    from wagtail.models import Site

    if site_url_problem() or site_record_problem():
        return False
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = site_address()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    # Another Site may already hold this address (unique_together): then it is the operator's
    # arrangement to sort out; the check keeps reporting it.
    if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True
