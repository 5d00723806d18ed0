"""Varnish with deploy/varnish/default.vcl in front of the running app: it caches anonymous
pages, renews them when an article is published (HTTP PURGE: a soft purge, the old copy
served while one background fetch renders the new one; query-string variants dropped), and
keeps serving them from grace when the app is down."""

import threading
import time
import urllib.error
import urllib.request

import pytest
from pytest_django.live_server_helper import LiveServer

from masthead.caching import purge

from .servers import free_port, start_varnish, stop

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


PORTS = {}

# How long a test waits for Varnish to show a new page: generous, the machine is shared.
SETTLE_SECONDS = 15


class Gate:
    """Holds the app's answers for one path until the test opens it, so a test can tell a
    reader served at once from one queued behind the backend, with no timings."""

    def __init__(self):
        self.path = None
        self.reached = threading.Event()
        self.opened = threading.Event()

    def close(self, path):
        self.path = path
        self.reached.clear()
        self.opened.clear()

    def open(self):
        self.opened.set()
        self.path = None


GATE = Gate()


def gate_middleware(get_response):
    def middleware(request):
        if request.path == GATE.path:
            GATE.reached.set()
            GATE.opened.wait(timeout=60)
        return get_response(request)

    return middleware


def fetch(path: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{PORTS['varnish']}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(autouse=True)
def wagtail_root(transactional_db):
    """A transactional test empties every table when it ends, the page tree's root, the root
    collection and the default locale (made by migrations) included; put them back."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code="en")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(
            instance=Page(
                title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
            )
        )


@pytest.fixture
def app(settings, wagtail_root):
    settings.PAGE_CACHE_EDGE_MAX_AGE = 2  # short, so the grace test need not wait long
    settings.MIDDLEWARE = [f"{__name__}.gate_middleware", *settings.MIDDLEWARE]
    PORTS["app"] = free_port()
    server = LiveServer(f"127.0.0.1:{PORTS['app']}")
    server._live_server_modified_settings.enable()
    yield server
    GATE.open()  # a failed test must not leave a server thread waiting
    if server.thread.is_alive():
        server.stop()
    server._live_server_modified_settings.disable()


@pytest.fixture
def varnish(app, tmp_path, settings):
    PORTS["varnish"], PORTS["admin"] = free_port(), free_port()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{PORTS['varnish']}",
        }
    }
    process = start_varnish(
        port=PORTS["varnish"],
        admin_port=PORTS["admin"],
        backend_port=PORTS["app"],
        workdir=tmp_path / "v",
    )
    yield process
    stop(process)


def test_varnish_serves_a_second_request_from_its_cache(varnish, article):
    status, headers, first = fetch(article.url)
    assert status == 200 and headers["X-Edge-Cache"] == "MISS"
    status, headers, second = fetch(article.url + "?utm_source=x")
    assert headers["X-Edge-Cache"] == "HIT"
    assert second == first


def test_varnish_passes_signed_in_readers_to_the_app(varnish, article):
    fetch(article.url)
    status, headers, _ = fetch(article.url, Cookie="sessionid=abc")
    assert headers["X-Edge-Cache"] == "MISS"


def cached_object(headers: dict) -> str:
    """Which cached object answered: X-Varnish is "<this request> <the object's fetch>" on a
    hit, and a new copy comes from a new fetch."""
    return headers["X-Varnish"].split()[-1]


def send_purge(path: str) -> None:
    request = urllib.request.Request(f"http://127.0.0.1:{PORTS['varnish']}{path}", method="PURGE")
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.status == 200


def wait_for(path: str, done) -> tuple[dict, bytes]:
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        status, headers, body = fetch(path)
        if status == 200 and done(headers, body):
            return headers, body
        assert time.monotonic() < deadline, f"Varnish still serves the old {path}"
        time.sleep(0.1)


def test_publishing_renews_the_article_and_front_page_in_varnish(varnish, article, home):
    old = {}
    for path in (article.url, home.url):
        old[path] = fetch(path)[2]
        assert fetch(path)[1]["X-Edge-Cache"] == "HIT"

    article.title = "Bridge reopens to lorries"
    article.save_revision().publish()  # not in a transaction here: purged at once

    for path in (article.url, home.url):
        # The next reader gets the old copy or the new one, never an error...
        status, _, body = fetch(path)
        assert status == 200 and (body == old[path] or b"lorries" in body), path
        # ...and the new page follows as soon as the background fetch is in.
        wait_for(path, lambda headers, body: b"Bridge reopens to lorries" in body)


@pytest.fixture
def long_edge_ttl(settings):
    """Copies that stay fresh through the test: only a purge makes Varnish fetch anew."""
    settings.PAGE_CACHE_EDGE_MAX_AGE = 300


def test_after_a_purge_readers_get_the_old_page_while_the_app_renders_the_new(
    varnish, long_edge_ttl, article, home
):
    fetch(home.url)
    _, headers, old = fetch(home.url)
    assert headers["X-Edge-Cache"] == "HIT"
    GATE.close(home.url)  # the app now answers the front page only when the test says so

    article.title = "Bridge reopens to lorries"
    article.save_revision().publish()

    # Readers are answered from the old copy while the app is held: a purge that removed it
    # would leave them queued behind the held fetch (until urlopen's timeout fails the test).
    for _ in range(3):
        status, headers, body = fetch(home.url)
        assert status == 200 and body == old
        assert headers["X-Edge-Cache"] == "HIT"
    # The new page was asked for at once, in the background, by the first of them.
    assert GATE.reached.wait(timeout=SETTLE_SECONDS)
    GATE.open()
    _, body = wait_for(home.url, lambda headers, body: body != old)
    assert b"Bridge reopens to lorries" in body


def test_a_purge_drops_the_query_string_variants_of_the_path(varnish, long_edge_ttl, article):
    for url in (article.url, article.url + "?ref=newsletter"):
        fetch(url)
        assert fetch(url)[1]["X-Edge-Cache"] == "HIT", url
    first = cached_object(fetch(article.url)[1])

    send_purge(article.url)

    # The variant is gone: asked again, it is a miss...
    _, headers, _ = fetch(article.url + "?ref=newsletter")
    assert headers["X-Edge-Cache"] == "MISS"
    assert "x-query" not in {name.lower() for name in headers}  # Varnish's mark stays inside
    # ...while the path itself keeps serving its old copy until the new one is fetched.
    _, headers, _ = fetch(article.url)
    assert headers["X-Edge-Cache"] == "HIT"
    wait_for(article.url, lambda headers, body: cached_object(headers) != first)


def test_purge_is_refused_from_outside_the_acl_by_method_check(varnish, long_edge_ttl, article):
    # Only loopback may purge; from loopback it works and the copy is fetched anew.
    fetch(article.url)
    first = cached_object(fetch(article.url)[1])
    send_purge(article.url)
    wait_for(article.url, lambda headers, body: cached_object(headers) != first)


def test_varnish_serves_stale_pages_from_grace_when_the_app_is_down(
    varnish, app, article, settings
):
    # Publishing the article sends a second PURGE once the tag memo has run out; let it pass,
    # as a page cached long before an outage would have.
    time.sleep(settings.CACHE_TAG_MEMO_SECONDS + purge.EDGE_REPURGE_MARGIN_SECONDS + 0.2)
    status, _, body = fetch(article.url)
    assert status == 200
    app.stop()
    # The probe is tolerant (4 failures in the last 5, every 2 s), and until it marks the
    # app sick Varnish may still reach the stopped server's open keep-alive connections.
    # Wait for "sick": a path never asked before answers 503 from then on.
    deadline = time.monotonic() + 30
    attempt = 0
    while fetch(f"/never-asked-{attempt}/")[0] != 503:
        assert time.monotonic() < deadline, "Varnish never marked the stopped app sick"
        attempt += 1
        time.sleep(0.5)
    status, headers, stale = fetch(article.url)  # long past the 2 s edge TTL
    assert status == 200
    assert stale == body
    never_cached, _, _ = fetch("/war/")
    assert never_cached == 503  # the app really is down
