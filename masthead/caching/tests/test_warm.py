"""The process that makes a change renders the pages it purged before readers ask."""

import gzip
import time

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from masthead.caching import pages as page_cache
from masthead.caching import purge as purging
from masthead.caching import tags as cache_tags
from masthead.caching import warm
from masthead.caching.store import shared
from masthead.ops.tests import urls as test_urls

PATH = "/t/switch/"


@pytest.fixture
def public(settings):
    """The test client's host is the site's public address: what a publish renders."""
    settings.SITE_URL = "http://testserver"


def _stored(path: str) -> tuple[object, object]:
    """(the stored page of ``path`` on the test client's host, its render lock)."""
    key = page_cache.entry_key(page_cache.raw_url(RequestFactory().get(path).META))
    return shared().get(key), shared().get(page_cache.REFRESH_PREFIX + key)


def _body(response) -> bytes:
    if response.get("Content-Encoding") == "gzip":
        return gzip.decompress(response.content)
    return response.content


@pytest.mark.django_db
def test_a_publish_leaves_the_front_page_and_the_story_stored_for_the_first_reader(
    client, public, home, make_article, article, django_capture_on_commit_callbacks
):
    assert client.get("/")["X-Cache"] == "MISS"
    assert client.get(article.url)["X-Cache"] == "MISS"
    with django_capture_on_commit_callbacks(execute=True):
        new = make_article(title="Ferry service resumes", slug="ferry")
    front = client.get("/")
    # Not rendered by this reader (MISS), nor the old copy while one renders (STALE).
    assert front["X-Cache"] == "HIT"
    assert b"Ferry service resumes" in _body(front)
    story = client.get(new.url)
    assert (story.status_code, story["X-Cache"]) == (200, "HIT")
    assert b"Ferry service resumes" in _body(story)
    # Its render locks are free again.
    assert _stored("/")[1] is None and _stored(new.url)[1] is None


@pytest.mark.django_db
def test_only_pages_readers_have_copies_of_are_rendered(
    client, public, home, section, make_article, django_capture_on_commit_callbacks
):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Ferry service resumes", slug="ferry")
    assert client.get("/")["X-Cache"] == "HIT"
    # The section page, never asked for, is left to its first reader.
    assert client.get(section.url)["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_no_page_is_rendered_when_warming_is_off(
    client, public, settings, home, make_article, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_WARM_PAGES = 0
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        new = make_article(title="Ferry service resumes", slug="ferry")
    front = client.get("/")
    assert front["X-Cache"] == "MISS"
    assert b"Ferry service resumes" in front.content
    assert client.get(new.url)["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_nothing_is_rendered_for_an_address_the_site_does_not_serve(
    client, settings, home, make_article, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://elsewhere.example.net"
    assert warm.to_warm(["/"], changed=["/a/"]) == []
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Ferry service resumes", slug="ferry")
    assert client.get("/")["X-Cache"] == "MISS"


@pytest.mark.django_db
@pytest.mark.urls(test_urls.__name__)
def test_the_edge_is_purged_once_the_new_copy_is_stored(
    client, public, switch, monkeypatch, settings
):
    client.get(PATH)
    seen_at_purge = []

    def send(urls, backends):
        # What a reader (or the edge, fetching again) gets at the moment of the PURGE.
        page_cache.served_copies.clear()
        served = page_cache.lookup(RequestFactory().get(PATH).META)
        seen_at_purge.append(None if served is None else (served.stale, served.plain()))

    monkeypatch.setattr(purging, "_send", send)
    monkeypatch.setattr(purging, "seen_everywhere_after", lambda: None)
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    switch.text = "second"
    purging.purge(tags=[cache_tags.LISTING], paths=[PATH])
    assert seen_at_purge == [(False, b"second")]


@pytest.mark.django_db
@pytest.mark.urls(test_urls.__name__)
def test_a_failing_render_leaves_the_old_copy_and_frees_the_lock(client, public, switch):
    client.get(PATH)
    switch.status = 500
    purging.purge(tags=[cache_tags.LISTING], paths=[PATH])
    stored, lock = _stored(PATH)
    # The old copy was kept for readers while another render is tried; the lock is free.
    assert stored is not None and lock is None
    switch.status, switch.text = 200, "third"
    assert client.get(PATH).content == b"third"


@pytest.mark.django_db
@pytest.mark.urls(test_urls.__name__)
def test_a_page_no_longer_public_loses_its_copy_at_once(client, public, switch):
    client.get(PATH)
    switch.status = 404
    purging.purge(tags=[cache_tags.LISTING], paths=[PATH])
    assert _stored(PATH) == (None, None)


@pytest.mark.django_db
@pytest.mark.urls(test_urls.__name__)
def test_the_publishing_request_keeps_its_language_connection_and_tags(client, public, switch):
    client.get(PATH)
    switch.text = "second"
    connection.ensure_connection()
    before = connection.connection
    with translation.override("uk"), cache_tags.rendering() as frame:
        purging.purge(tags=[cache_tags.LISTING], paths=[PATH])
        assert translation.get_language() == "uk"
    assert connection.connection is before
    # What the rendered page read joined nothing of the request that published.
    assert frame.tags == set()
    assert client.get(PATH)["X-Cache"] == "HIT"


@pytest.mark.django_db
@pytest.mark.urls(test_urls.__name__)
def test_a_render_of_the_data_before_a_change_does_not_replace_the_new_copy(client, switch):
    """A reader that began rendering before the change finishes after the page was stored
    again by the process that made it: its copy, already stale, must not replace the new."""
    rf = RequestFactory()

    def render(text: str, started: int):
        request = rf.get(PATH)
        request.page_cache_started = started
        page_cache.store(request, HttpResponse(text), depends={cache_tags.LISTING})

    before_change = time.time_ns()
    cache_tags.bump([cache_tags.LISTING])
    render("new", time.time_ns())  # the process that made the change
    render("old", before_change)  # the reader that read before it
    assert client.get(PATH).content == b"new"
    # With no copy stored at all, the old render is kept: the next readers get it (stale)
    # while one renders, rather than all rendering at once.
    page_cache.clear()
    render("old", before_change)
    assert _stored(PATH)[0] is not None


@pytest.mark.django_db
def test_a_process_at_low_priority_leaves_the_renders_to_readers(public, monkeypatch):
    """The task worker runs at nice 10 (a scheduled publish): during a spike it would render
    later than the readers' own threads, while they waited on its locks."""
    assert warm.to_warm([], changed=["/a/"]) == ["/a/"]
    monkeypatch.setattr("os.getpriority", lambda *args: 10)
    assert warm.to_warm([], changed=["/a/"]) == []


@pytest.mark.parametrize("path", ["/uk/новини/", "/uk/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8/"])
def test_a_cyrillic_path_has_one_key_before_and_after_django_decodes_it(public, path):
    """A server puts the path in PATH_INFO as latin-1 (PEP 3333) and Django decodes it in
    place: the WSGI wrapper's lookup, the middleware's store and a render after a change
    must all name the same copy."""
    as_sent = RequestFactory()._base_environ(PATH_INFO=warm._wsgi_path(path))
    as_decoded = RequestFactory().get(path).META
    assert as_decoded["PATH_INFO"] == "/uk/новини/"
    keys = {
        page_cache.request_url(as_sent),
        page_cache.raw_url(as_decoded),
        warm._raw(path, warm._public_address()),
    }
    assert keys == {"http://testserver/uk/новини/?"}
