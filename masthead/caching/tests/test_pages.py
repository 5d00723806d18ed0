"""The anonymous page cache: what it serves, what it refuses to keep, and purging on publish."""

import pytest
from django.core.cache import cache
from django.utils.http import http_date

from masthead.caching import pages as page_cache
from masthead.caching import tags as cache_tags
from masthead.ops.tests import urls as test_urls

pytestmark = pytest.mark.django_db


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(client, article):
    first = client.get(article.url)
    second = client.get(article.url)
    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert "public" in second["Cache-Control"]
    assert "s-maxage=" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]
    assert second["ETag"] == first["ETag"]
    assert second["Last-Modified"]


def test_a_cache_hit_keeps_the_security_headers(client, article):
    client.get(article.url)
    hit = client.get(article.url)
    assert hit["X-Cache"] == "HIT"
    assert "Content-Security-Policy" in hit
    assert hit["X-Content-Type-Options"] == "nosniff"


def test_a_matching_etag_answers_304_without_a_body(client, article):
    etag = client.get(article.url)["ETag"]
    response = client.get(article.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_stale_etag_gets_the_full_page(client, article):
    client.get(article.url)
    response = client.get(article.url, HTTP_IF_NONE_MATCH='"something-else"')
    assert response.status_code == 200
    assert article.title.encode() in response.content


def test_if_modified_since_after_the_copy_answers_304(client, article):
    client.get(article.url)
    later = http_date(2_000_000_000)
    assert client.get(article.url, HTTP_IF_MODIFIED_SINCE=later).status_code == 304
    assert client.get(article.url, HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


def test_head_request_is_answered_from_the_cache_without_a_body(client, article):
    client.get(article.url)
    response = client.head(article.url)
    assert response["X-Cache"] == "HIT"
    assert response.content == b""


def test_tracking_parameters_share_the_cached_copy(client, article):
    client.get(article.url)
    response = client.get(article.url + "?utm_source=newsletter&fbclid=abc")
    assert response["X-Cache"] == "HIT"


def test_other_query_parameters_get_their_own_copy(client, section, article):
    client.get(section.url)
    assert client.get(section.url + "?page=2")["X-Cache"] == "MISS"


def test_staff_never_get_the_anonymous_copy_and_are_never_stored(client, article, editor):
    anonymous = client.get(article.url)
    assert b"Edit post" not in anonymous.content
    client.force_login(editor)
    staff = client.get(article.url)
    assert "X-Cache" not in staff
    assert b"Edit post" in staff.content
    assert "private" in staff["Cache-Control"]
    client.logout()
    client.cookies.clear()
    again = client.get(article.url)
    assert again["X-Cache"] == "HIT"
    assert b"Edit post" not in again.content


def test_a_signed_in_readers_page_is_not_served_to_another_reader(client, article, editor):
    from masthead.accounts.tests.factories import UserFactory

    reader = UserFactory(username="reader-one")
    client.force_login(editor)
    client.get(article.url)
    client.force_login(reader)
    response = client.get(article.url)
    assert b"Edit post" not in response.content
    assert "X-Cache" not in response


@pytest.mark.urls(test_urls.__name__)
@pytest.mark.parametrize("path", ["/t/sets-cookie/", "/t/private/", "/t/vary/"])
def test_personal_or_varying_responses_are_not_kept(client, path):
    client.get(path)
    client.cookies.clear()
    assert client.get(path).get("X-Cache") != "HIT"


@pytest.mark.urls(test_urls.__name__)
def test_post_requests_are_never_answered_from_the_cache(client):
    test_urls.counter.calls = 0
    client.get("/t/counter/")
    response = client.post("/t/counter/")
    assert response.content == b"call 2"


def test_missing_pages_and_the_admin_are_not_kept(client, home):
    client.get("/no-such-page/")
    assert client.get("/no-such-page/").get("X-Cache") != "HIT"
    client.get("/admin/login/")
    assert "X-Cache" not in client.get("/admin/login/")


def test_health_endpoints_are_not_kept(client, db):
    client.get("/healthz")
    assert "X-Cache" not in client.get("/healthz")


def test_publishing_an_edit_purges_the_article_and_every_listing(
    client, home, section, article, django_capture_on_commit_callbacks
):
    tag_url = f"/tags/{article.tags.first().slug}/"
    author_url = f"/authors/{article.authors[0].slug}/"
    urls = [article.url, home.url, section.url, tag_url, author_url]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT", url

    article.title = "Bridge reopens to lorries"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    for url in urls:
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert b"Bridge reopens to lorries" in response.content, url


def test_unpublishing_removes_the_article_from_cached_pages(
    client, home, article, django_capture_on_commit_callbacks
):
    url = article.url
    assert article.title.encode() in client.get(home.url).content
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get(url).status_code == 404
    assert article.title.encode() not in client.get(home.url).content


def test_publishing_a_new_article_shows_on_the_cached_front_page(
    client, home, make_article, article, django_capture_on_commit_callbacks
):
    client.get(home.url)
    assert client.get(home.url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Ferry service resumes", slug="ferry")
    assert b"Ferry service resumes" in client.get(home.url).content


def test_purging_is_one_write_per_tag_whatever_the_number_of_pages(client, make_article):
    articles = [make_article(title=f"Story {n}", slug=f"story-{n}") for n in range(5)]
    for page in articles:
        client.get(page.url)
    writes = []
    original = cache.set_many
    try:
        cache.set_many = lambda data, *a, **k: writes.append(data) or original(data, *a, **k)
        cache_tags.bump([cache_tags.SITE])
    finally:
        del cache.set_many
    assert len(writes) == 1 and len(writes[0]) == 1
    assert all(client.get(page.url)["X-Cache"] == "MISS" for page in articles)


def test_publishing_sends_purge_for_every_page_that_shows_the_article(
    edge, home, section, article, settings, django_capture_on_commit_callbacks
):
    # The narration's own purge (its player appears) is a later, separate change.
    settings.AUDIO_NARRATE_ON_PUBLISH = False
    edge.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    tag_path = f"/tags/{article.tags.first().slug}/"
    for path in [article.url, "/", section.url, tag_path, "/news-feed/", "/sitemap.xml"]:
        assert path in edge, (path, edge)
    # Once each: Wagtail's own purge-on-publish handlers are not connected beside ours.
    assert len(edge) == len(set(edge)), edge


def test_the_wsgi_wrapper_answers_a_hit_without_running_django(client, rf, article):
    stored = client.get(article.url)

    def django_must_not_run(environ, start_response):
        raise AssertionError("the hit should have been answered before Django")

    app = page_cache.PageCacheWSGI(django_must_not_run)
    seen = {}
    body = b"".join(
        app(rf.get(article.url).META, lambda status, headers: seen.update(status=status))
    )
    assert seen["status"] == "200 OK"
    assert body == stored.content


def test_the_wsgi_wrapper_passes_a_signed_in_request_to_django(client, rf, article):
    client.get(article.url)
    calls = []

    def django(environ, start_response):
        calls.append(environ)
        start_response("200 OK", [])
        return [b"personal"]

    app = page_cache.PageCacheWSGI(django)
    environ = rf.get(article.url, HTTP_COOKIE="csrftoken=x; sessionid=abc").META
    assert b"".join(app(environ, lambda *a: None)) == b"personal"
    assert len(calls) == 1


def test_a_process_copy_of_a_page_is_dropped_by_a_purge(
    client, rf, article, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_LOCAL_BYTES = 1024 * 1024
    page_cache.served_copies.clear()

    def django_must_not_run(environ, start_response):
        raise AssertionError("the hit should have been answered before Django")

    client.get(article.url)
    app = page_cache.PageCacheWSGI(django_must_not_run)
    first = b"".join(app(rf.get(article.url).META, lambda *a: None))
    # The shared copy is gone: only this process's copy can answer now.
    cache.delete(page_cache.entry_key(page_cache.raw_url(rf.get(article.url).META)))
    cache_tags.bump([cache_tags.path("/unrelated/")])
    assert b"".join(app(rf.get(article.url).META, lambda *a: None)) == first

    article.title = "Bridge reopens to lorries"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    response = client.get(article.url)
    assert response["X-Cache"] == "MISS"
    assert b"Bridge reopens to lorries" in response.content
    page_cache.served_copies.clear()


def test_editing_a_pictures_credit_purges_the_pages_that_show_it(
    client, edge, home, article, django_capture_on_commit_callbacks
):
    urls = [article.url, home.url]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT", url
    edge.clear()

    image = article.lead_image
    image.credit = "Mykola Newcredit/Masthead"
    with django_capture_on_commit_callbacks(execute=True):
        image.save()

    assert article.url in edge and "/" in edge, edge
    response = client.get(article.url)
    assert response["X-Cache"] == "MISS"
    assert b"Mykola Newcredit/Masthead" in response.content


def test_saving_only_a_pictures_file_size_purges_nothing(
    client, edge, article, django_capture_on_commit_callbacks
):
    client.get(article.url)
    edge.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.lead_image.save(update_fields=["file_size"])
    assert edge == []
    assert client.get(article.url)["X-Cache"] == "HIT"


@pytest.mark.urls(test_urls.__name__)
def test_tracking_parameters_never_reach_the_view_so_a_stored_page_cannot_carry_them(client):
    first = client.get("/t/echo/?utm_source=mail&page=2&fbclid=abc")
    second = client.get("/t/echo/?page=2&utm_source=partner")
    assert first.content == b"/t/echo/?page=2 page=2"
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content


@pytest.mark.urls(test_urls.__name__)
def test_signed_in_requests_keep_their_query_untouched(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="r", password="p" * 12))
    assert client.get("/t/echo/?utm_source=mail").content.startswith(b"/t/echo/?utm_source=mail")
