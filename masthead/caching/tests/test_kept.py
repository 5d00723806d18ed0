"""Site-wide facts kept in the process (masthead/caching/kept.py): the site's settings
and which pages are private are read once, not on every page view, and are fresh as soon
as they change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from masthead.caching import kept
from masthead.caching import tags as cache_tags
from masthead.core.models import SiteSettings
from masthead.news.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kept(settings):
    settings.SITE_MEMO_SECONDS = 60  # production keeps them (the test settings do not)
    settings.PAGE_CACHE_ENABLED = False  # every request renders
    kept.site_wide.clear()
    yield
    kept.site_wide.clear()


def _tables_read(client, url) -> str:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return " ".join(query["sql"] for query in queries.captured_queries)


def test_a_page_view_reads_neither_settings_nor_restrictions_once_they_are_kept(client, article):
    client.get(article.url)  # creates the settings rows: saving one forgets every copy
    client.get(article.url)
    sql = _tables_read(client, article.url)
    assert "core_sitesettings" not in sql
    assert "wagtailcore_pageviewrestriction" not in sql


def test_listings_filtered_by_public_read_no_restrictions_once_they_are_kept(article):
    list(ArticlePage.objects.live().public())
    with CaptureQueriesContext(connection) as queries:
        assert list(ArticlePage.objects.live().public()) == [article]
    assert len(queries.captured_queries) == 1


def test_with_no_restricted_page_public_adds_no_clause_and_not_public_is_empty(article):
    live = ArticlePage.objects.live()
    # Wagtail's own would add an always-true NOT (pk IN ()) node: same SQL, built each time.
    assert live.public().query.where.children == live.query.where.children
    assert list(live.not_public()) == []
    assert list(live.private()) == []


def test_a_page_made_private_asks_for_its_password_at_once(
    client, section, article, django_capture_on_commit_callbacks
):
    assert article.title.encode() in client.get(article.url).content
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )
    response = client.get(article.url)
    assert article.title.encode() not in response.content
    assert b"password" in response.content.lower()


def test_a_private_page_leaves_public_listings_and_comes_back_when_made_public(
    make_article, article, django_capture_on_commit_callbacks
):
    private = make_article(title="Private story", slug="private", image=False)
    assert private in ArticlePage.objects.live().public()
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert list(ArticlePage.objects.live().public()) == [article]
    assert list(ArticlePage.objects.live().not_public()) == [private]
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert set(ArticlePage.objects.live().public()) == {article, private}


def test_a_restriction_made_in_another_process_is_seen_when_the_site_tag_moves(section, article):
    """Another process saves the restriction: this one learns of it through the SITE tag."""
    assert article in ArticlePage.objects.live().public()
    PageViewRestriction.objects.bulk_create(  # no signal reaches this process
        [PageViewRestriction(page=Page.objects.get(pk=section.pk), restriction_type="login")]
    )
    assert article in ArticlePage.objects.live().public()  # still the kept answer
    cache_tags.bump([cache_tags.SITE])
    assert article not in ArticlePage.objects.live().public()


def test_a_renamed_newsroom_shows_at_once(
    client, home, article, django_capture_on_commit_callbacks
):
    site = home.get_site()
    client.get(article.url)
    settings_row = SiteSettings.for_site(site)
    settings_row.newsroom_name = "Kyiv Evening Post"
    with django_capture_on_commit_callbacks(execute=True):
        settings_row.save()
    assert b"Kyiv Evening Post" in client.get(article.url).content


def test_each_caller_gets_its_own_copy_of_the_settings(home):
    site = home.get_site()
    first = SiteSettings.for_site(site)
    first.newsroom_name = "Changed in memory only"
    assert SiteSettings.for_site(site).newsroom_name != "Changed in memory only"


def test_the_disk_store_stays_open_when_a_request_ends(db):
    """Django closes caches after each request; reopening diskcache's SQLite shards on the
    next one would cost every miss a few milliseconds."""
    from django.core.cache import caches
    from django.core.signals import request_finished

    store = caches["default"]
    store.set("still-open", 1)
    shard = store._cache._shards[0]
    connection = shard._con
    request_finished.send(sender=None)
    assert shard._con is connection
    assert store.get("still-open") == 1
