"""The read API: what it sends, to whom, and how it refuses."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.api import schemas
from masthead.api.keys import api_key_create, api_key_revoke
from masthead.api.models import ApiKey

pytestmark = pytest.mark.django_db

PREMIUM_BODY = [
    {"type": "paragraph", "value": "<p>Open one.</p>"},
    {"type": "paragraph", "value": "<p>Open two.</p>"},
    {"type": "paragraph", "value": "<p>Open three.</p>"},
    {"type": "paragraph", "value": "<p>Members only secret paragraph.</p>"},
    {"type": "paragraph", "value": "<p>Another members only paragraph.</p>"},
]


@pytest.fixture
def key_for(admin_user):
    def make(*scopes, rate=600):
        return api_key_create(
            name="app",
            owner=admin_user,
            scopes=list(scopes),
            created_by=admin_user,
            rate_per_minute=rate,
        )[1]

    return make


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_articles_list_newest_first_matches_the_schema(client, make_article):
    older = make_article(title="Older story", published_at=timezone.now() - timedelta(days=2))
    newer = make_article(title="Newer story", published_at=timezone.now() - timedelta(days=1))
    response = client.get("/api/v1/articles/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [newer.pk, older.pk]
    for row in results:
        schemas.ArticleOut.model_validate(row)
        assert "body" not in row
    assert results[0]["section"]["slug"] == "war"
    assert results[0]["authors"][0]["name"] == "Iryna Demo"


def test_cursor_pagination_walks_every_article_once(client, make_article):
    made = {
        make_article(title=f"Story {n}", published_at=timezone.now() - timedelta(hours=n)).pk
        for n in range(5)
    }
    seen, url = [], "/api/v1/articles/?limit=2"
    while url:
        page = client.get(url).json()
        seen += [r["id"] for r in page["results"]]
        url = f"/api/v1/articles/?limit=2&cursor={page['next']}" if page["next"] else None
    assert sorted(seen) == sorted(made) and len(seen) == 5


def test_filters_and_field_selection(client, make_article, home):
    from masthead.news.tests.factories import make_section

    other = make_section(home, title="Culture", slug="culture")
    war = make_article(title="Front line", tags=("Kharkiv",))
    make_article(title="Theatre", section=other, tags=("Kyiv",))
    rows = client.get("/api/v1/articles/?section=war&fields=id,title").json()["results"]
    assert rows == [{"id": war.pk, "title": "Front line"}]
    assert [r["title"] for r in client.get("/api/v1/articles/?tag=kyiv").json()["results"]] == [
        "Theatre"
    ]
    assert client.get("/api/v1/articles/?section=nowhere").json()["results"] == []


def test_premium_text_needs_a_members_key(client, make_article, key_for):
    page = make_article(title="Paid analysis", body=PREMIUM_BODY, is_premium=True)
    url = f"/api/v1/articles/{page.pk}/"
    anonymous = client.get(url)
    assert b"Members only secret" not in anonymous.content
    assert anonymous.json()["body_withheld"] is True
    reader = client.get(url, **bearer(key_for("read")))
    assert b"Members only secret" not in reader.content
    listed = client.get("/api/v1/articles/?fields=id,body", **bearer(key_for("read")))
    assert b"Members only secret" not in listed.content
    member = client.get(url, **bearer(key_for("read", "read_members")))
    assert b"Members only secret" in member.content
    assert member.json()["body_withheld"] is False
    assert member["Cache-Control"] == "private, no-cache"
    # The members' copy never became the shared one.
    assert b"Members only secret" not in client.get(url).content


def test_anonymous_answers_are_cached_purged_and_revalidated(client, article):
    first = client.get("/api/v1/articles/")
    again = client.get("/api/v1/articles/")
    assert again["X-Cache"] == "HIT"
    assert client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    article.title = "Bridge reopens for lorries"
    article.save_revision().publish()
    assert (
        client.get("/api/v1/articles/").json()["results"][0]["title"]
        == "Bridge reopens for lorries"
    )


def test_keyed_requests_get_etags_too(client, article, key_for):
    raw = key_for("read")
    first = client.get(f"/api/v1/articles/{article.pk}/", **bearer(raw))
    assert (
        client.get(
            f"/api/v1/articles/{article.pk}/", HTTP_IF_NONE_MATCH=first["ETag"], **bearer(raw)
        ).status_code
        == 304
    )


def test_unpublished_and_private_articles_are_not_in_the_api(client, make_article):
    from wagtail.models import PageViewRestriction

    draft = make_article(title="Not yet", publish=False)
    private = make_article(title="Staff only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"/api/v1/articles/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v1/articles/{private.pk}/").status_code == 404
    titles = [r["title"] for r in client.get("/api/v1/articles/").json()["results"]]
    assert "Not yet" not in titles and "Staff only" not in titles


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles/?cursor=%%%",
        "/api/v1/articles/?cursor=WzFd",  # a valid base64 list of the wrong shape
        "/api/v1/articles/?cursor=WyJub3QgYSBkYXRlIiwgMV0",
        "/api/v1/articles/?limit=0",
        "/api/v1/articles/?limit=100000",
        "/api/v1/articles/?limit=abc",
        "/api/v1/articles/?published_after=yesterday",
        "/api/v1/articles/?fields=id,password",
        "/api/v1/articles/?tag=a%00b",
        "/api/v1/authors/?cursor=WzEwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwXQ",
    ],
)
def test_bad_parameters_are_400_with_a_message(client, article, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["detail"]


@pytest.mark.parametrize("article_id", ["9999999999999999999999999", "-1", "0"])
def test_absurd_ids_are_404_not_500(client, db, article_id):
    assert client.get(f"/api/v1/articles/{article_id}/").status_code in (400, 404)


def test_revoked_or_wrong_keys_are_401(client, article, key_for, admin_user):
    raw = key_for("read")
    assert client.get("/api/v1/articles/", **bearer(raw)).status_code == 200
    assert client.get("/api/v1/articles/", **bearer("mh_not-a-key")).status_code == 401
    assert client.get("/api/v1/articles/", **bearer(raw[:-1] + "x")).status_code == 401
    assert client.get("/api/v1/articles/", HTTP_AUTHORIZATION="Basic abc").status_code == 401
    api_key_revoke(key=ApiKey.objects.get())
    assert client.get("/api/v1/articles/", **bearer(raw)).status_code == 401


def test_keys_are_stored_hashed_and_record_use(client, article, key_for):
    raw = key_for("read")
    token = ApiKey.objects.get().token
    assert raw not in (token.key_hash, token.prefix) and raw.startswith(token.prefix)
    assert token.last_used_at is None
    client.get("/api/v1/articles/", **bearer(raw))
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_key_without_read_scope_is_refused(client, article, key_for):
    assert client.get("/api/v1/articles/", **bearer(key_for("write_feed"))).status_code == 403


def test_rate_limits_per_key_and_per_client(client, article, key_for, settings):
    raw = key_for("read", rate=3)
    codes = [client.get("/api/v1/sections/", **bearer(raw)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get("/api/v1/sections/", **bearer(raw))
    assert limited["Retry-After"] == "60"
    settings.API_PUBLIC_RATE_PER_MINUTE = 2
    codes = [
        client.get(f"/api/v1/articles/?limit={n}", REMOTE_ADDR="198.51.100.7").status_code
        for n in (1, 2, 3)
    ]
    assert codes == [200, 200, 429]
    assert client.get("/api/v1/articles/?limit=4", REMOTE_ADDR="198.51.100.8").status_code == 200


def test_other_endpoints_and_the_schema(client, article):
    from masthead.news.models import NewsFeedItem

    NewsFeedItem.objects.create(headline="Sirens in Lviv", summary="An alert sounded at noon.")
    assert client.get("/api/v1/sections/").json()["results"][0]["slug"] == "war"
    assert client.get("/api/v1/authors/").json()["results"][0]["name"] == "Iryna Demo"
    assert {t["slug"] for t in client.get("/api/v1/tags/").json()["results"]} == {
        "kyiv",
        "reconstruction",
    }
    item = client.get("/api/v1/feed-items/").json()["results"][0]
    schemas.FeedItemOut.model_validate(item)
    assert item["headline"] == "Sirens in Lviv" and item["url"].endswith(
        f"#item-{NewsFeedItem.objects.get().pk}"
    )
    assert client.get("/api/v1/newsletters/").status_code == 200
    schema = client.get("/api/schema/").json()
    assert "/api/v1/articles/" in schema["paths"]
    assert client.get("/api/v1/docs/").status_code == 200


def test_publishing_purges_the_api_paths_at_the_edge(
    article, monkeypatch, django_capture_on_commit_callbacks
):
    from masthead.caching import purge

    sent = []
    monkeypatch.setattr(purge, "purge_edge", lambda *, paths: sent.extend(paths))
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert "/api/v1/articles/" in sent and f"/api/v1/articles/{article.pk}/" in sent
