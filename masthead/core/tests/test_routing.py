"""Pages found by their url_path (core/routing.py) answer exactly as Wagtail's own walk would."""

import pytest
from wagtail.models import PageViewRestriction

from masthead.core import routing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh(settings):
    settings.PAGE_CACHE_ENABLED = False  # every request is routed
    routing._pages.clear()


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
