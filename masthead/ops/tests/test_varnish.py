"""Varnish with deploy/varnish/default.vcl in front of the running app: it caches anonymous
pages, drops them when an article is published (HTTP PURGE from Wagtail's frontend cache),
and keeps serving them from grace when the app is down."""

import time
import urllib.error
import urllib.request

import pytest
from pytest_django.live_server_helper import LiveServer

from masthead.caching import purge

from .servers import free_port, start_varnish, stop

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


PORTS = {}


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
    PORTS["app"] = free_port()
    server = LiveServer(f"127.0.0.1:{PORTS['app']}")
    server._live_server_modified_settings.enable()
    yield server
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


def test_publishing_purges_the_article_and_front_page_from_varnish(varnish, article, home):
    for path in (article.url, home.url):
        fetch(path)
        assert fetch(path)[1]["X-Edge-Cache"] == "HIT"

    article.title = "Bridge reopens to lorries"
    article.save_revision().publish()  # not in a transaction here: purged at once

    for path in (article.url, home.url):
        status, headers, body = fetch(path)
        assert headers["X-Edge-Cache"] == "MISS", path
        assert b"Bridge reopens to lorries" in body, path


def test_purge_is_refused_from_outside_the_acl_by_method_check(varnish, article):
    # Only loopback may purge; from loopback it works and empties the copy.
    fetch(article.url)
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORTS['varnish']}{article.url}", method="PURGE"
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.status == 200
    assert fetch(article.url)[1]["X-Edge-Cache"] == "MISS"


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
