"""import_ghost on a hand-written Ghost 5 JSON export (fixtures/ghost)."""

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect

from masthead.importers.models import ImportedObject
from masthead.news.models import ArticlePage, StaticPage
from masthead.newsletters.models import Newsletter, Subscription

FIXTURES = Path(__file__).parent / "fixtures" / "ghost"


def run(*args):
    out = io.StringIO()
    call_command("import_ghost", *args, "--no-progress", stdout=out)
    return out.getvalue()


@pytest.fixture
def export(tmp_path):
    folder = tmp_path / "ghost"
    shutil.copytree(FIXTURES, folder)
    return folder


def args(export, *more):
    return [str(export / "export.json"), "--content", str(export / "content"), *more]


@pytest.mark.django_db
def test_posts_authors_in_order_tags_and_feature_image(home, export):
    out = run(*args(export))
    story = ArticlePage.objects.get(slug="ferries-return")
    assert [a.name for a in story.authors] == ["Tom Lind", "Mira Kaya"]
    assert [t.name for t in story.tags.all()] == ["Port"]  # the internal #tag is left out
    assert story.standfirst == "Service resumes after the winter repairs."
    lead = story.lead_image
    assert lead.description == "Ferry at the north quay"
    assert lead.caption == "The Nordstar ferry"
    kinds = [b.block_type for b in story.body]
    assert kinds == ["paragraph", "image", "pull_quote", "embed", "paragraph"], kinds
    assert story.body[1].value["credit"] == "Port authority"
    assert story.body[1].value["image"].title == "chart"
    assert 'href="/tag/port/"' in story.body[0].value.source
    assert StaticPage.objects.filter(slug="about").exists()
    assert "Imported: 6 new" in out, out


@pytest.mark.django_db
def test_internal_tags_can_be_kept(home, export):
    run(*args(export, "--internal-tags", "tags"))
    story = ArticlePage.objects.get(slug="ferries-return")
    assert {t.name for t in story.tags.all()} == {"Port", "featured-home"}


@pytest.mark.django_db
def test_visibility_maps_to_premium_and_drafts_stay_drafts(home, export):
    run(*args(export))
    assert not ArticlePage.objects.get(slug="ferries-return").is_premium
    assert ArticlePage.objects.get(slug="port-budget").is_premium
    assert ArticlePage.objects.get(slug="members-qa").is_premium
    assert not ArticlePage.objects.get(slug="dredging").live


@pytest.mark.django_db
def test_lexical_only_post_is_reported(home, export):
    out = run(*args(export))
    assert "lexical" in out and "p5" in out


@pytest.mark.django_db
def test_remote_feature_image_listed(home, export):
    out = run(*args(export))
    assert "https://images.unsplash.example/photo-123.jpg" in out
    assert ArticlePage.objects.get(slug="port-budget").lead_image is None


@pytest.mark.django_db
def test_members_become_confirmed_subscribers_keeping_consent(home, export):
    Newsletter.objects.create(name="Harbour Weekly", slug="harbour-weekly")
    out = run(*args(export))
    weekly = Newsletter.objects.get(slug="harbour-weekly")
    subscriptions = Subscription.objects.filter(newsletter=weekly).select_related("subscriber")
    found = {s.subscriber.email: s for s in subscriptions}
    assert set(found) == {"reader1@example.net", "reader2@example.net"}
    one = found["reader1@example.net"]
    assert one.status == Subscription.ACTIVE
    assert one.confirmed_at.isoformat() == "2023-06-01T10:00:00+00:00"
    assert one.consent_source == Subscription.IMPORTED
    # A newsletter Masthead lacks is made, not offered until an editor activates it.
    alerts = Newsletter.objects.get(name="Port Alerts")
    assert not alerts.is_active
    assert alerts.subscriptions.get().subscriber.email == "reader2@example.net"
    assert "not-an-address" in out and "not an email address" in out


@pytest.mark.django_db
def test_an_unsubscribed_reader_is_not_subscribed_again(home, export):
    from masthead.newsletters.models import Subscriber

    weekly = Newsletter.objects.create(name="Harbour Weekly", slug="harbour-weekly")
    reader = Subscriber.objects.create(email="reader1@example.net")
    Subscription.objects.create(
        subscriber=reader, newsletter=weekly, status=Subscription.UNSUBSCRIBED
    )
    out = run(*args(export))
    assert Subscription.objects.get(subscriber=reader).status == Subscription.UNSUBSCRIBED
    assert "unsubscribed in Masthead" in out


@pytest.mark.django_db
def test_old_urls_redirect_and_second_run_adds_nothing(home, export, client):
    run(*args(export))
    story = ArticlePage.objects.get(slug="ferries-return")
    response = client.get("/ferries-return/")
    assert response.status_code == 301 and response["Location"].endswith(story.url)
    records = ImportedObject.objects.count()
    out = run(*args(export))
    assert "Imported: 0 new, 0 updated" in out, out
    assert "Subscribers: 0 new, 0 updated" not in out
    assert ImportedObject.objects.count() == records
    assert Redirect.objects.filter(old_path="/ferries-return").count() == 1


@pytest.mark.django_db
def test_dry_run_stores_nothing(home, export):
    out = run(*args(export, "--dry-run"))
    assert "Dry run: nothing was stored." in out
    assert not ArticlePage.objects.exists()
    assert not Subscription.objects.exists()
    assert not ImportedObject.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        ('{"db": []}', "not a Ghost export"),
        ('{"db": [{"meta": {"version": "3.42.0"}, "data": {}}]}', "Ghost version 3.42.0"),
        ('{"db": [{"meta": {"version": "9.0.0"}, "data": {}}]}', "Ghost version 9.0.0"),
        ('{"db": [{"meta": {"version": "5.0.0"}, "data": {"posts": 3}}]}', "not a list"),
    ],
)
def test_bad_files_give_a_readable_error(home, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        run(str(path))


@pytest.mark.django_db
def test_hostile_html_named_and_missing_picture_fails_only_its_post(home, export):
    path = export / "export.json"
    document = json.loads(path.read_text())
    posts = document["db"][0]["data"]["posts"]
    posts[2]["html"] = '<p>Hi<svg onload="alert(1)"></svg></p><script>alert(2)</script>'
    posts[3]["feature_image"] = "__GHOST_URL__/content/images/2024/05/missing.jpg"
    path.write_text(json.dumps(document))
    out = run(*args(export))
    stored = str(ArticlePage.objects.get(slug="members-qa").body.raw_data)
    assert "alert" not in stored and "onload" not in stored
    assert "p3" in out and "script element" in out
    assert "p4" in out and "missing file" in out
    assert not ArticlePage.objects.filter(slug="dredging").exists()
