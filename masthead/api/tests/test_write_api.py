"""The write API: drafts and feed items made with a key go to review as their owner's, bad
requests are refused with field messages and leave nothing behind, retries are safe."""

import json
import threading

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale, Page, PageLogEntry, WorkflowState

from masthead.api import schemas
from masthead.api.keys import api_key_create, api_key_revoke
from masthead.api.models import ApiKey, IdempotentWrite
from masthead.audit.models import AuditEntry
from masthead.news.models import ArticlePage, NewsFeedItem

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v1/articles/"
FEED = "/api/v1/feed-items/"


@pytest.fixture
def key_for(admin_user):
    def make(*scopes, owner=None, rate=600):
        return api_key_create(
            name="wire desk",
            owner=owner or admin_user,
            scopes=list(scopes),
            created_by=admin_user,
            rate_per_minute=rate,
        )[1]

    return make


@pytest.fixture
def drafts_key(key_for):
    return key_for("read", "write_drafts")


@pytest.fixture
def feed_key(key_for):
    return key_for("write_feed")


def post(client, url, data, raw=None, **extra):
    body = data if isinstance(data, bytes | str) else json.dumps(data)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}
    extra.setdefault("content_type", "application/json")
    return client.post(url, body, **headers, **extra)


@pytest.fixture
def draft(section, author):
    def make(**overrides):
        data = {
            "section": "war",
            "title": "Grain corridor reopens",
            "standfirst": "Ships left Odesa at dawn.",
            "body": [
                {"type": "paragraph", "value": "<p>Three ships left the port.</p>"},
                {"type": "subheading", "value": "What next"},
                {"type": "quote", "value": {"quote": "We are ready.", "attribution": "Port"}},
            ],
            "authors": [author.pk],
            "tags": ["Odesa", "Grain"],
        }
        data.update(overrides)
        return data

    return make


def nothing_stored():
    return not ArticlePage.objects.exists() and not NewsFeedItem.objects.exists()


def errors_of(response) -> dict[str, list[str]]:
    found = {}
    for error in response.json()["errors"]:
        found.setdefault(error["field"], []).append(error["message"])
    return found


# --- articles -------------------------------------------------------------------------------


def test_a_draft_enters_review_as_the_owners_and_is_audited(client, drafts_key, draft, admin_user):
    response = post(client, ARTICLES, draft(), drafts_key)
    assert response.status_code == 201, response.content
    data = response.json()
    schemas.ArticleCreatedOut.model_validate(data)
    assert data["status"] == "in_review" and data["workflow"] == "Newsroom review"
    assert data["edit_url"].endswith(f"/admin/pages/{data['id']}/edit/")
    page = ArticlePage.objects.get(pk=data["id"])
    assert not page.live and page.first_published_at is None
    assert page.owner == admin_user
    assert page.get_parent().slug == "war" and page.slug == "grain-corridor-reopens"
    assert page.latest_revision.user == admin_user
    assert [b.block_type for b in page.latest_revision.as_object().body] == [
        "paragraph",
        "subheading",
        "quote",
    ]
    assert sorted(t.name for t in page.tags.all()) == ["Grain", "Odesa"]
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == admin_user
    assert state.current_task_state.task.name == "Editor approval"
    entry = AuditEntry.objects.get(action="api.article.created")
    assert entry.actor == admin_user and entry.target_id == str(page.pk)
    assert (
        entry.data["key"].startswith("wire desk (wagtail_") and entry.data["status"] == "in_review"
    )
    assert PageLogEntry.objects.filter(page=page, action="wagtail.create").exists()
    assert data["language"] == page.locale.language_code


def test_a_reporters_key_makes_a_reporters_draft(client, key_for, draft, reporter):
    raw = key_for("write_drafts", owner=reporter)
    response = post(client, ARTICLES, draft(), raw)
    assert response.status_code == 201
    page = ArticlePage.objects.get()
    assert page.owner == reporter and not page.live
    assert WorkflowState.objects.get().requested_by == reporter


def test_a_draft_is_not_in_the_read_api_and_the_cached_list_stays_right(
    client, drafts_key, draft, article
):
    before = client.get(ARTICLES)
    assert client.get(ARTICLES)["X-Cache"] == "HIT"
    created = post(client, ARTICLES, draft(title="Secret draft story"), drafts_key).json()
    after = client.get(ARTICLES)
    assert after.content == before.content
    assert "Secret draft story" not in client.get(ARTICLES + "?fields=id,title").content.decode()
    assert client.get(f"{ARTICLES}{created['id']}/").status_code == 404
    # Nor for a key, which skips the cache.
    keyed = client.get(ARTICLES, HTTP_AUTHORIZATION=f"Bearer {drafts_key}")
    assert created["id"] not in [row["id"] for row in keyed.json()["results"]]


def test_body_html_is_cleaned_and_split_into_blocks(client, drafts_key, draft):
    hostile = (
        '<p onclick="steal()">Hello <strong>there</strong> <a href="javascript:alert(1)">x</a>'
        '<script>alert("xss")</script><img src=x onerror=alert(1)></p>'
        '<h2>Then &amp; now</h2><ul><li><a href="https://example.org/a" onmouseover="x()">'
        "link</a></li></ul><blockquote><p>Said once</p></blockquote>"
        '<iframe src="https://evil.example"></iframe>'
    )
    response = post(client, ARTICLES, draft(body=None, body_html=hostile), drafts_key)
    assert response.status_code == 201, response.content
    body = ArticlePage.objects.get().latest_revision.as_object().body
    stored = json.dumps(list(body.raw_data))
    for bad in ("script", "onclick", "onerror", "onmouseover", "javascript:", "iframe", "<img"):
        assert bad not in stored
    assert [b.block_type for b in body] == ["paragraph", "subheading", "paragraph", "quote"]
    assert body[0].value.source == "<p>Hello <b>there</b> <a>x</a></p>"
    assert body[1].value == "Then & now"
    assert 'href="https://example.org/a"' in body[2].value.source


def test_hostile_html_in_json_blocks_is_cleaned_too(client, drafts_key, draft):
    blocks = [
        {"type": "paragraph", "value": '<p><a href="javascript:x()" onclick="y">a</a></p>'},
        {"type": "paragraph", "value": "<script>alert(1)</script><p>kept</p>"},
    ]
    assert post(client, ARTICLES, draft(body=blocks), drafts_key).status_code == 201
    body = ArticlePage.objects.get().latest_revision.as_object().body
    assert [b.value.source for b in body] == ["<p><a>a</a></p>", "<p>kept</p>"]


def test_slugs_are_unique_in_the_section(client, drafts_key, draft):
    first = post(client, ARTICLES, draft(), drafts_key).json()
    second = post(client, ARTICLES, draft(), drafts_key).json()
    assert first["slug"] == "grain-corridor-reopens"
    assert second["slug"] != first["slug"]
    taken = post(client, ARTICLES, draft(slug="grain-corridor-reopens"), drafts_key)
    assert taken.status_code == 400 and "slug" in errors_of(taken)
    assert ArticlePage.objects.count() == 2


def test_existing_tags_are_reused_whatever_their_case(client, drafts_key, draft, article):
    assert post(client, ARTICLES, draft(tags=["kyiv"]), drafts_key).status_code == 201
    page = ArticlePage.objects.exclude(pk=article.pk).get()
    assert [t.name for t in page.tags.all()] == ["Kyiv"]


def test_a_section_by_id_and_a_lead_image(client, drafts_key, draft, section):
    from masthead.images.tests.factories import make_image

    image = make_image()
    response = post(
        client, ARTICLES, draft(section=section.pk, lead_image=image.pk, summary="Alt."), drafts_key
    )
    assert response.status_code == 400  # standfirst and summary disagree
    assert "summary" in errors_of(response)
    response = post(
        client,
        ARTICLES,
        {**draft(section=section.pk, lead_image=image.pk), "standfirst": None, "summary": "S."},
        drafts_key,
    )
    assert response.status_code == 201, response.content
    page = ArticlePage.objects.get()
    assert page.lead_image == image and page.standfirst == "S."


BAD_ARTICLES = [
    ("no title", {"title": None}, "title"),
    ("blank title", {"title": "   "}, "title"),
    ("long title", {"title": "x" * 256}, "title"),
    ("title a number", {"title": 5}, "title"),
    ("unknown section", {"section": "nowhere"}, "section"),
    ("unknown section id", {"section": 999999}, "section"),
    ("huge section id", {"section": 10**30}, "section"),
    ("section a list", {"section": ["war"]}, "section"),
    ("no authors", {"authors": []}, "authors"),
    ("unknown author", {"authors": [999999]}, "authors"),
    ("author by name", {"authors": ["Iryna Demo"]}, "authors.0"),
    ("author id overflow", {"authors": [2**63]}, "authors.0"),
    ("tag a number", {"tags": [5]}, "tags.0"),
    ("tag an object", {"tags": [{"name": "x"}]}, "tags.0"),
    ("tag with a comma", {"tags": ["a, b"]}, "tags.0"),
    ("empty tag", {"tags": [""]}, "tags.0"),
    ("long tag", {"tags": ["t" * 101]}, "tags.0"),
    ("tags a string", {"tags": "Odesa"}, "tags"),
    ("no standfirst", {"standfirst": None}, "standfirst"),
    ("long standfirst", {"standfirst": "s" * 501}, "standfirst"),
    ("no body", {"body": None}, "body"),
    ("empty body", {"body": []}, "body"),
    ("body a string", {"body": "<p>text</p>"}, "body"),
    ("unknown block", {"body": [{"type": "marquee", "value": "x"}]}, "body.0.type"),
    ("block without type", {"body": [{"value": "x"}]}, "body.0"),
    ("block extra key", {"body": [{"type": "subheading", "value": "x", "x": 1}]}, "body.0"),
    ("quote as text", {"body": [{"type": "quote", "value": "q"}]}, "body.0.value"),
    ("quote empty", {"body": [{"type": "quote", "value": {"quote": ""}}]}, "body.0.value.quote"),
    (
        "quote unknown field",
        {"body": [{"type": "quote", "value": {"quote": "q", "by": "x"}}]},
        "body.0.value",
    ),
    ("paragraph a list", {"body": [{"type": "paragraph", "value": ["x"]}]}, "body.0.value"),
    ("long subheading", {"body": [{"type": "subheading", "value": "h" * 201}]}, "body.0.value"),
    (
        "unknown image",
        {"body": [{"type": "image", "value": {"image": 99999}}]},
        "body.0.value.image",
    ),
    (
        "image id overflow",
        {"body": [{"type": "image", "value": {"image": 10**20}}]},
        "body.0.value.image",
    ),
    (
        "embed javascript",
        {"body": [{"type": "embed", "value": {"embed": "javascript:alert(1)"}}]},
        "body.0.value.embed",
    ),
    (
        "chart bad date",
        {"body": [{"type": "chart", "value": {"dataset": 1, "start": "2024-13-45"}}]},
        "body.0.value",
    ),
    ("unknown lead image", {"lead_image": 999999}, "lead_image"),
    ("bad slug", {"slug": "not a slug!"}, "slug"),
    ("unknown field", {"headline": "x"}, "headline"),
    ("only hostile html", {"body": None, "body_html": "<script>x</script>"}, "body"),
]


@pytest.mark.parametrize(
    ("case", "change", "field"), BAD_ARTICLES, ids=[c[0] for c in BAD_ARTICLES]
)
def test_bad_articles_are_400_naming_the_field_and_store_nothing(
    client, drafts_key, draft, case, change, field
):
    data = draft()
    for name, value in change.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    response = post(client, ARTICLES, data, drafts_key)
    assert response.status_code == 400, response.content
    body = response.json()
    schemas.InvalidOut.model_validate(body)
    assert body["detail"]
    assert field in errors_of(response), body
    assert nothing_stored()
    assert not AuditEntry.objects.filter(action__startswith="api.article").exists()


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b'{"title": "x",}', 400),
        (b"[1, 2]", 400),
        (b'"just a string"', 400),
        (b"\xff\xfe{}", 400),
        (b'{"title": NaN}', 400),
        (b"[" * 100_000 + b"]" * 100_000, 400),
        (b"", 415),  # no body: no content type either
    ],
)
def test_malformed_json_is_400(client, drafts_key, body, status):
    response = post(client, ARTICLES, body, drafts_key)
    assert response.status_code == status, response.content
    assert response.json()["detail"]
    assert nothing_stored()


def test_nul_characters_are_refused_by_field(client, drafts_key, draft):
    response = post(client, ARTICLES, draft(title="Grain\x00corridor"), drafts_key)
    assert response.status_code == 400
    assert errors_of(response) == {"title": ["May not contain NUL characters."]}
    blocks = [{"type": "paragraph", "value": "<p>a\x00b</p>"}]
    response = post(client, ARTICLES, draft(body=blocks), drafts_key)
    assert "body.0.value" in errors_of(response)
    assert nothing_stored()


def test_wrong_content_type_is_415(client, drafts_key, draft):
    form = client.post(ARTICLES, draft(), HTTP_AUTHORIZATION=f"Bearer {drafts_key}")
    assert form.status_code == 415
    text = post(client, ARTICLES, json.dumps(draft()), drafts_key, content_type="text/plain")
    assert text.status_code == 415 and text.json()["detail"]
    assert nothing_stored()


def test_too_large_is_413(client, drafts_key, draft, settings):
    settings.API_WRITE_MAX_BYTES = 2000
    big = draft(body_html="<p>" + "word " * 1000 + "</p>")
    response = post(client, ARTICLES, big, drafts_key)
    assert response.status_code == 413
    assert "2000 bytes" in response.json()["detail"]
    assert post(client, ARTICLES, draft(), drafts_key).status_code == 201


def test_too_many_blocks_is_400(client, drafts_key, draft, settings):
    settings.API_ARTICLE_MAX_BLOCKS = 3
    blocks = [{"type": "subheading", "value": f"h{n}"} for n in range(4)]
    response = post(client, ARTICLES, draft(body=blocks), drafts_key)
    assert response.status_code == 400 and "body" in errors_of(response)
    assert nothing_stored()


# --- who may write --------------------------------------------------------------------------


def test_keys_scopes_and_sessions(client, key_for, draft, admin_user):
    data = draft()
    assert post(client, ARTICLES, data).status_code == 401
    assert post(client, ARTICLES, data, "wagtail_not-a-real-key").status_code == 401
    read_only = key_for("read")
    refused = post(client, ARTICLES, data, read_only)
    assert refused.status_code == 403 and "write_drafts" in refused.json()["detail"]
    assert post(client, ARTICLES, data, key_for("write_feed")).status_code == 403
    assert (
        post(client, FEED, {"headline": "h", "summary": "s."}, key_for("write_drafts")).status_code
        == 403
    )
    # A signed-in administrator's session cookie alone writes nothing (and needs no CSRF
    # token to be refused): writes take a key only.
    client.force_login(admin_user)
    assert post(client, ARTICLES, data).status_code == 401
    client.logout()
    raw = key_for("write_drafts")
    (revoked,) = [k for k in ApiKey.objects.all() if raw.startswith(k.token.prefix)]
    api_key_revoke(key=revoked)
    assert post(client, ARTICLES, data, raw).status_code == 401
    assert nothing_stored()


def test_the_auth_checks_come_before_the_body_is_read(client, key_for):
    # A refused key learns nothing about the body's validity.
    assert post(client, ARTICLES, b"{not json").status_code == 401
    assert post(client, ARTICLES, b"{not json", key_for("read")).status_code == 403


def test_an_owner_without_page_permissions_cannot_write_through_a_key(
    client, key_for, draft, roles
):
    from masthead.accounts.tests.factories import UserFactory

    nobody = UserFactory(username="intern")
    response = post(client, ARTICLES, draft(), key_for("write_drafts", owner=nobody))
    assert response.status_code == 403
    response = post(
        client, FEED, {"headline": "h", "summary": "s."}, key_for("write_feed", owner=nobody)
    )
    assert response.status_code == 403
    assert nothing_stored()


def test_writes_count_against_the_keys_rate_limit(client, key_for, draft):
    raw = key_for("read", "write_drafts", rate=3)
    codes = [post(client, ARTICLES, draft(title=f"Story {n}"), raw).status_code for n in range(3)]
    codes.append(client.get(ARTICLES, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code)
    assert codes == [201, 201, 201, 429]
    limited = post(client, ARTICLES, draft(title="One more"), raw)
    assert limited.status_code == 429 and limited["Retry-After"] == "60"
    assert ArticlePage.objects.count() == 3


# --- idempotency ----------------------------------------------------------------------------


def test_a_retry_with_the_same_idempotency_key_makes_one_draft(client, drafts_key, draft):
    first = post(client, ARTICLES, draft(), drafts_key, HTTP_IDEMPOTENCY_KEY="wire-123")
    again = post(client, ARTICLES, draft(), drafts_key, HTTP_IDEMPOTENCY_KEY="wire-123")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert ArticlePage.objects.count() == 1
    assert WorkflowState.objects.count() == 1
    assert AuditEntry.objects.filter(action="api.article.created").count() == 1
    other = post(
        client, ARTICLES, draft(title="Other"), drafts_key, HTTP_IDEMPOTENCY_KEY="wire-123"
    )
    assert other.status_code == 422
    fresh = post(client, ARTICLES, draft(), drafts_key, HTTP_IDEMPOTENCY_KEY="wire-124")
    assert fresh.status_code == 201 and fresh.json()["id"] != first.json()["id"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_with_one_idempotency_key_make_one_draft(drafts_key, draft):
    """Two copies of a request at once (a client that retried before the first answered):
    the second waits on the first's key and answers what it answered."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time: there is no race to lose")
    barrier, answers = threading.Barrier(4), []

    def send():
        client = Client()
        barrier.wait()
        try:
            answers.append(
                post(client, ARTICLES, draft(), drafts_key, HTTP_IDEMPOTENCY_KEY="race-1")
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status_code for a in answers] == [201] * 4
    assert len({a.json()["id"] for a in answers}) == 1
    assert sum(a.has_header("Idempotent-Replayed") for a in answers) == 3
    assert ArticlePage.objects.count() == 1 and WorkflowState.objects.count() == 1


def test_idempotency_keys_belong_to_one_api_key_and_failures_are_not_kept(client, key_for, draft):
    one, two = key_for("write_drafts"), key_for("write_drafts")
    bad = post(client, ARTICLES, draft(authors=[999999]), one, HTTP_IDEMPOTENCY_KEY="k")
    assert bad.status_code == 400 and not IdempotentWrite.objects.exists()
    assert post(client, ARTICLES, draft(), one, HTTP_IDEMPOTENCY_KEY="k").status_code == 201
    second = post(client, ARTICLES, draft(), two, HTTP_IDEMPOTENCY_KEY="k")
    assert second.status_code == 201 and "Idempotent-Replayed" not in second
    assert ArticlePage.objects.count() == 2


@pytest.mark.parametrize("value", ["", "a" * 256, "caf\u00e9", "two words"])
def test_malformed_idempotency_keys_are_400(client, drafts_key, draft, value):
    response = post(client, ARTICLES, draft(), drafts_key, HTTP_IDEMPOTENCY_KEY=value)
    assert response.status_code == 400
    assert nothing_stored()


def test_old_idempotency_keys_expire(client, drafts_key, draft):
    post(client, ARTICLES, draft(), drafts_key, HTTP_IDEMPOTENCY_KEY="old")
    IdempotentWrite.objects.update(created_at=timezone.now() - timezone.timedelta(days=2))
    again = post(client, ARTICLES, draft(), drafts_key, HTTP_IDEMPOTENCY_KEY="old")
    assert again.status_code == 201 and "Idempotent-Replayed" not in again
    assert ArticlePage.objects.count() == 2 and IdempotentWrite.objects.count() == 1


# --- feed items -------------------------------------------------------------------------------


def test_a_feed_item_goes_to_review_and_readers_do_not_see_it(
    client, feed_key, admin_user, article
):
    before = client.get(FEED).content
    data = {
        "headline": "Air raid alert in Kyiv",
        "summary": "Sirens sounded at 3 AM. Residents went to shelters.",
        "tags": ["Kyiv"],
        "article": article.pk,
    }
    response = post(client, FEED, data, feed_key, HTTP_IDEMPOTENCY_KEY="liveblog-1")
    assert response.status_code == 201, response.content
    created = response.json()
    schemas.FeedItemCreatedOut.model_validate(created)
    assert created["status"] == "in_review"
    item = NewsFeedItem.objects.get()
    assert not item.live and item.owner == admin_user and item.article == article
    assert item.latest_revision.user == admin_user
    state = item.workflow_states.get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == admin_user
    assert AuditEntry.objects.get(action="api.feed_item.created").actor == admin_user
    assert client.get(FEED).content == before
    assert post(client, FEED, data, feed_key, HTTP_IDEMPOTENCY_KEY="liveblog-1").status_code == 201
    assert NewsFeedItem.objects.count() == 1


def test_publishing_a_feed_item_needs_the_setting_and_the_owners_right(
    client, key_for, settings, reporter, editor
):
    data = {"headline": "Bridge reopens", "summary": "Traffic moves again.", "publish": True}
    client.get(FEED)  # the readers' feed, cached before the item goes live
    refused = post(client, FEED, data, key_for("write_feed", owner=editor))
    assert refused.status_code == 403 and "publish" in refused.json()["detail"]
    settings.API_FEED_ITEMS_MAY_PUBLISH = True
    assert post(client, FEED, data, key_for("write_feed", owner=reporter)).status_code == 403
    assert not NewsFeedItem.objects.exists()
    live = post(client, FEED, data, key_for("write_feed", owner=editor))
    assert live.status_code == 201 and live.json()["status"] == "live"
    assert NewsFeedItem.objects.get().live
    assert "Bridge reopens" in client.get(FEED).content.decode()


BAD_FEED_ITEMS = [
    ("no headline", {"headline": None}, "headline"),
    ("long headline", {"headline": "h" * 201}, "headline"),
    ("no summary", {"summary": None}, "summary"),
    ("four sentences", {"summary": "One. Two. Three. Four."}, "summary"),
    ("unknown article", {"article": 999999}, "article"),
    ("article id a word", {"article": "abc"}, "article"),
    ("bad date", {"published_at": "yesterday"}, "published_at"),
    ("tag with a quote", {"tags": ['say "x"']}, "tags.0"),
    ("publish a string", {"publish": "maybe"}, "publish"),
]


@pytest.mark.parametrize(
    ("case", "change", "field"), BAD_FEED_ITEMS, ids=[c[0] for c in BAD_FEED_ITEMS]
)
def test_bad_feed_items_are_400_and_store_nothing(client, feed_key, home, case, change, field):
    data = {"headline": "Kyiv metro reopens", "summary": "All stations reopened by 9 AM."}
    for name, value in change.items():
        if value is None:
            data.pop(name)
        else:
            data[name] = value
    response = post(client, FEED, data, feed_key)
    assert response.status_code == 400, response.content
    assert field in errors_of(response)
    assert nothing_stored()


# --- the schema and the language filter ------------------------------------------------------


def test_the_schema_documents_the_writes(client):
    schema = client.get("/api/schema/").json()
    assert "post" in schema["paths"]["/api/v1/articles/"]
    assert "patch" in schema["paths"]["/api/v1/articles/{article_id}/"]
    assert "post" in schema["paths"]["/api/v1/feed-items/"]
    assert "ArticleIn" in schema["components"]["schemas"]
    assert client.get("/api/v1/docs/").status_code == 200
    assert schema["paths"]["/api/v1/articles/"]["post"]["security"]


def test_language_filters_articles_sections_and_feed_items(client, make_article, home):
    from masthead.news.tests.factories import make_section

    english = make_article(title="In English")
    # A Ukrainian edition's section and story (the Locale model is there with or without
    # Wagtail's i18n switched on).
    uk = Locale.objects.get_or_create(language_code="uk")[0]
    section_uk = make_section(home, title="Війна", slug="viina")
    ukrainian = make_article(title="Українською", slug="ukr", section=section_uk)
    Page.objects.filter(pk__in=[section_uk.pk, ukrainian.pk]).update(locale=uk)
    NewsFeedItem.objects.create(headline="Linked", summary="x.", article=ukrainian)
    NewsFeedItem.objects.create(headline="Unlinked", summary="y.")

    rows = client.get(ARTICLES + "?language=uk").json()["results"]
    assert [r["id"] for r in rows] == [ukrainian.pk] and rows[0]["language"] == "uk"
    default = english.locale.language_code
    rows = client.get(f"{ARTICLES}?language={default}").json()["results"]
    assert [r["id"] for r in rows] == [english.pk] and rows[0]["language"] == default
    assert client.get(ARTICLES + "?language=fr").json()["results"] == []
    sections = client.get("/api/v1/sections/?language=uk").json()["results"]
    assert [s["slug"] for s in sections] == ["viina"]
    items = client.get(FEED + "?language=uk").json()["results"]
    assert [i["headline"] for i in items] == ["Linked"]
    items = client.get(f"{FEED}?language={default}").json()["results"]
    assert [i["headline"] for i in items] == ["Unlinked"]
    for bad in ("u", "english!", "x" * 40, "uk%00"):
        assert client.get(f"{ARTICLES}?language={bad}").status_code == 400


# --- changing a draft ---------------------------------------------------------------------


def patch(client, article_id, data, raw, **extra):
    return client.patch(
        f"{ARTICLES}{article_id}/",
        json.dumps(data),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
        **extra,
    )


def test_a_draft_sent_back_by_an_editor_is_changed_and_resubmitted(
    client, drafts_key, draft, editor, admin_user
):
    created = post(client, ARTICLES, draft(), drafts_key).json()
    in_review = patch(client, created["id"], {"title": "Too soon"}, drafts_key)
    assert in_review.status_code == 409 and "review" in in_review.json()["detail"]
    state = WorkflowState.objects.get()
    state.current_task_state.reject(user=editor)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    changes = {
        "title": "Grain corridor reopens for good",
        "body_html": "<p>Rewritten <b>lead</b>.</p>",
        "tags": ["Grain"],
    }
    response = patch(client, created["id"], changes, drafts_key)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_review"
    page = ArticlePage.objects.get()
    draft_now = page.get_latest_revision_as_object()
    assert draft_now.title == "Grain corridor reopens for good"
    assert [b.value.source for b in draft_now.body] == ["<p>Rewritten <b>lead</b>.</p>"]
    assert [t.name for t in draft_now.tags.all()] == ["Grain"]
    assert draft_now.standfirst == "Ships left Odesa at dawn."  # not sent: unchanged
    assert page.latest_revision.user == admin_user and not page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    entry = AuditEntry.objects.get(action="api.article.updated")
    assert entry.actor == admin_user and entry.data["fields"] == ["body_html", "tags", "title"]


def test_without_a_workflow_a_draft_stays_a_draft_and_can_change(client, drafts_key, draft):
    from wagtail.models import Workflow

    Workflow.objects.update(active=False)
    created = post(client, ARTICLES, draft(), drafts_key).json()
    assert created["status"] == "draft" and not WorkflowState.objects.exists()
    response = patch(client, created["id"], {"standfirst": "New standfirst."}, drafts_key)
    assert response.status_code == 200 and response.json()["status"] == "draft"
    revision = ArticlePage.objects.get().get_latest_revision_as_object()
    assert revision.standfirst == "New standfirst."


def test_only_the_keys_own_unpublished_drafts_change(
    client, key_for, drafts_key, draft, article, editor
):
    from wagtail.models import Workflow

    Workflow.objects.update(active=False)
    other = key_for("write_drafts")
    created = post(client, ARTICLES, draft(), drafts_key).json()
    assert patch(client, created["id"], {"title": "x"}, other).status_code == 404
    assert patch(client, article.pk, {"title": "x"}, drafts_key).status_code == 404
    assert patch(client, 10**30, {"title": "x"}, drafts_key).status_code in (400, 404)
    assert patch(client, created["id"], {"title": "x"}, key_for("read")).status_code == 403
    page = ArticlePage.objects.get(pk=created["id"])
    page.save_revision(user=editor).publish()
    published = patch(client, created["id"], {"title": "x"}, drafts_key)
    assert published.status_code == 409 and "published" in published.json()["detail"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": None}, "title"),
        ({"title": ""}, "title"),
        ({"authors": []}, "authors"),
        ({"authors": [999999]}, "authors"),
        ({"section": "war"}, "section"),
        ({"body": [{"type": "marquee", "value": "x"}]}, "body.0.type"),
        ({"title": "ok", "tags": ["a,b"]}, "tags.0"),
    ],
)
def test_bad_changes_are_400_and_change_nothing(client, drafts_key, draft, change, field):
    from wagtail.models import Workflow

    Workflow.objects.update(active=False)
    created = post(client, ARTICLES, draft(), drafts_key).json()
    revisions = ArticlePage.objects.get().revisions.count()
    response = patch(client, created["id"], change, drafts_key)
    assert response.status_code == 400, response.content
    assert field in errors_of(response)
    page = ArticlePage.objects.get()
    assert page.revisions.count() == revisions
    assert page.get_latest_revision_as_object().title == "Grain corridor reopens"
    assert not AuditEntry.objects.filter(action="api.article.updated").exists()
