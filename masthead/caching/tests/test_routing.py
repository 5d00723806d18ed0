"""Pages found by their url_path (masthead/caching/routing.py) answer exactly as Wagtail's own
walk would."""

import pytest
from wagtail.models import PageViewRestriction

from masthead.caching import routing
from masthead.caching import tags as cache_tags

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh(settings):
    settings.PAGE_CACHE_ENABLED = False  # every request is routed
    routing.kept_pages.clear()
    yield
    routing.kept_pages.clear()


@pytest.fixture
def kept(settings):
    """Pages kept in the process between requests, as in production."""
    settings.SITE_MEMO_SECONDS = 60


def test_an_article_is_served_by_its_url_path_in_few_queries(
    client, article, django_assert_max_num_queries
):
    client.get(article.url)
    with django_assert_max_num_queries(12):
        response = client.get(article.url)
    assert response.status_code == 200
    assert article.title.encode() in response.content


def test_an_unpublished_article_is_not_found(client, article):
    url = article.url
    client.get(url)
    article.unpublish()
    assert client.get(url).status_code == 404


def test_a_moved_article_is_served_at_its_new_path_only(client, home, article, make_article):
    from masthead.news.tests.factories import make_section

    old_url = article.url
    assert client.get(old_url).status_code == 200
    other = make_section(home, title="Economy", slug="economy")
    article.move(other, pos="last-child")
    article.refresh_from_db()
    moved = client.get(old_url)  # Wagtail's redirects app sends readers on
    assert moved.status_code == 301
    assert moved["Location"] == article.url
    assert client.get(article.url).status_code == 200


def test_a_deleted_article_is_not_found(client, article):
    url = article.url
    client.get(url)
    article.delete()
    assert client.get(url).status_code == 404


def test_a_private_section_still_asks_for_its_password(client, section, article):
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    response = client.get(article.url)
    assert response.status_code == 200
    assert article.title.encode() not in response.content
    assert b"password" in response.content.lower()


def test_the_front_page_and_missing_paths_go_to_wagtail(client, home):
    assert client.get("/").status_code == 200
    assert client.get("/no/such/page/").status_code == 404


def test_a_page_read_again_costs_no_query(client, article, kept, django_assert_num_queries):
    client.get(article.url)
    client.get(article.url)  # the first view creates the settings rows, which forgets copies
    with django_assert_num_queries(0):
        response = client.get(article.url)
    assert article.title.encode() in response.content


def test_a_kept_page_shows_a_published_edit_at_once(
    client, article, kept, django_capture_on_commit_callbacks
):
    client.get(article.url)
    article.standfirst = "Heavy traffic crosses again."
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert b"Heavy traffic crosses again." in client.get(article.url).content


def test_a_kept_page_is_not_found_once_unpublished(
    client, article, kept, django_capture_on_commit_callbacks
):
    url = article.url
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get(url).status_code == 404


def test_a_kept_page_leaves_its_old_path_when_its_slug_changes(
    client, article, kept, django_capture_on_commit_callbacks
):
    old_url = article.url
    client.get(old_url)
    article.slug = "renamed-story"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    article.refresh_from_db()
    assert client.get(old_url).status_code in (301, 404)
    assert client.get(article.url).status_code == 200


def test_a_kept_page_leaves_its_old_path_when_moved(
    client, home, article, kept, django_capture_on_commit_callbacks
):
    from masthead.news.tests.factories import make_section

    old_url = article.url
    client.get(old_url)
    other = make_section(home, title="Economy", slug="economy")
    with django_capture_on_commit_callbacks(execute=True):
        article.move(other, pos="last-child")
    article.refresh_from_db()
    assert client.get(old_url).status_code == 301
    assert client.get(article.url).status_code == 200


def test_a_page_changed_in_another_process_is_read_again_when_the_tags_move(client, article, kept):
    """Another process publishes: this one learns of it through the content tags."""
    client.get(article.url)
    type(article).objects.filter(pk=article.pk).update(title="Changed elsewhere")
    assert b"Changed elsewhere" not in client.get(article.url).content
    cache_tags.bump([cache_tags.LISTING])  # another story: this page is still current
    assert b"Changed elsewhere" not in client.get(article.url).content
    cache_tags.bump([cache_tags.page(article.pk)])
    assert b"Changed elsewhere" in client.get(article.url).content
