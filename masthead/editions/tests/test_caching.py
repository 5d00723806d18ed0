"""Caches per edition: a Ukrainian publish purges the Ukrainian lists and the translation
links of both pages, and leaves the English edition stored."""

import pytest
from bs4 import BeautifulSoup

from masthead.caching import tags as cache_tags

pytestmark = pytest.mark.django_db


def test_publishing_a_ukrainian_story_leaves_the_english_front_page_stored(
    client, make_article, uk_section, django_capture_on_commit_callbacks
):
    from masthead.news.tests.factories import make_article as factory

    make_article(title="Bridge reopens", slug="bridge")
    for path in ("/", "/uk/"):
        client.get(path)
        assert client.get(path)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        factory(section=uk_section, authors=[], title="Нова історія", slug="nova")
    english = client.get("/")
    assert english["X-Cache"] == "HIT"
    assert "Нова історія".encode() not in english.content
    ukrainian = client.get("/uk/")
    assert ukrainian["X-Cache"] == "MISS"
    assert "Нова історія".encode() in ukrainian.content
    assert client.get("/uk/war/")["X-Cache"] == "MISS"


def test_an_english_publish_leaves_the_ukrainian_edition_stored(
    client, make_article, uk_section, django_capture_on_commit_callbacks
):
    for path in ("/uk/", "/uk/war/", "/uk/feeds/rss/"):
        client.get(path)
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Ferry resumes", slug="ferry")
    for path in ("/uk/", "/uk/war/", "/uk/feeds/rss/"):
        assert client.get(path)["X-Cache"] == "HIT", path
    assert b"Ferry resumes" in client.get("/").content


def test_a_new_translation_updates_the_originals_language_switcher(
    client, make_article, uk_section, translate, django_capture_on_commit_callbacks
):
    english = make_article(title="Bridge reopens", slug="bridge")
    client.get(english.url)
    assert client.get(english.url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        ukrainian = translate(english, title="Міст знову відкрили")
    response = client.get(english.url)
    assert response["X-Cache"] == "MISS"
    links = BeautifulSoup(response.content, "html.parser").select(".edition-switch a")
    assert [link["href"] for link in links] == [ukrainian.url]


def test_shared_fragments_are_kept_per_language(client, home, uk_home):
    from wagtail.models import Site

    from masthead.core.models import NavigationSettings

    site = Site.objects.get(is_default_site=True)
    english = NavigationSettings.for_site(site, "en")
    english.sections = [("link", {"page": None, "url": "/english-only/", "label": "English menu"})]
    english.save()
    ukrainian = NavigationSettings.for_site(site, "uk")
    ukrainian.sections = [("link", {"page": None, "url": "/uk/tilky/", "label": "Українське меню"})]
    ukrainian.save()
    en, uk = client.get("/").content, client.get("/uk/").content
    assert b"English menu" in en and "Українське меню".encode() not in en
    assert "Українське меню".encode() in uk and b"English menu" not in uk


def test_tags_are_scoped_per_edition():
    assert cache_tags.scoped(cache_tags.LISTING, "en") == "listing"
    assert cache_tags.scoped(cache_tags.LISTING, "uk") == "listing@uk"
    assert cache_tags.scoped(cache_tags.PEOPLE, "uk") == "people"
    assert cache_tags.scoped(cache_tags.page(4), "uk") == "page:4"


def test_a_site_wide_change_purges_every_edition(
    client, home, uk_home, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    from masthead.core.models import SiteSettings

    for path in ("/", "/uk/"):
        client.get(path)
    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.tagline = "Independent news"
    with django_capture_on_commit_callbacks(execute=True):
        settings_row.save()
    for path in ("/", "/uk/"):
        assert client.get(path)["X-Cache"] == "MISS", path


def test_the_wsgi_wrapper_answers_each_edition_from_its_own_copy(client, rf, uk_home):
    from masthead.caching import pages as page_cache

    stored = {path: client.get(path).content for path in ("/", "/uk/")}
    assert stored["/"] != stored["/uk/"]

    def django_must_not_run(environ, start_response):
        raise AssertionError("the hit should have been answered before Django")

    app = page_cache.PageCacheWSGI(django_must_not_run)
    for path in ("/", "/uk/"):
        # A Ukrainian browser's cookie and header change nothing: the URL names the edition.
        environ = rf.get(path, HTTP_ACCEPT_LANGUAGE="uk", HTTP_COOKIE="django_language=uk").META
        body = b"".join(app(environ, lambda status, headers: None))
        assert body == stored[path], path


def test_an_unpublished_translation_leaves_the_originals_language_switcher(
    client, make_article, uk_section, translate, django_capture_on_commit_callbacks
):
    """The switcher's targets are kept (alternates.py): unpublishing the translation must
    send the original's switcher back to the other edition's home."""
    english = make_article(title="Bridge reopens", slug="bridge")
    with django_capture_on_commit_callbacks(execute=True):
        ukrainian = translate(english, title="Міст знову відкрили")
    links = BeautifulSoup(client.get(english.url).content, "html.parser")
    assert [a["href"] for a in links.select(".edition-switch a")] == [ukrainian.url]
    with django_capture_on_commit_callbacks(execute=True):
        ukrainian.unpublish()
    links = BeautifulSoup(client.get(english.url).content, "html.parser")
    assert [a["href"] for a in links.select(".edition-switch a")] == ["/uk/"]
    assert not links.select("head link[hreflang='uk']")
