"""Backfill command, demo seeding and the admin's narration view."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from masthead.audio.models import Narration

pytestmark = pytest.mark.django_db


@pytest.fixture
def unnarrated(make_article, settings):
    settings.AUDIO_NARRATE_ON_PUBLISH = False
    pages = [make_article(slug=f"story-{n}", title=f"Story number {n}") for n in range(3)]
    settings.AUDIO_NARRATE_ON_PUBLISH = True
    return pages


def test_narrate_all_backfills_every_article(unnarrated):
    out = io.StringIO()
    call_command("narrate", "--all", stdout=out, stderr=io.StringIO())
    assert Narration.objects.ready().count() == 3
    assert "3 narrated, 0 already current" in out.getvalue()


def test_narrate_resumes_skipping_what_is_already_current(unnarrated):
    call_command("narrate", "--all", stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    call_command("narrate", "--all", stdout=out, stderr=io.StringIO())
    assert "0 narrated, 3 already current" in out.getvalue()


def test_an_interrupted_run_keeps_what_it_finished_and_says_how_to_resume(unnarrated, monkeypatch):
    from masthead.audio.management.commands import narrate

    real, calls = narrate.narration_generate, []

    def generate_then_interrupt(**kwargs):
        if calls:
            raise KeyboardInterrupt
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(narrate, "narration_generate", generate_then_interrupt)
    out = io.StringIO()
    call_command("narrate", "--all", stdout=out, stderr=io.StringIO())
    assert "Interrupted after 1 narrated" in out.getvalue()
    assert Narration.objects.ready().count() == 1
    monkeypatch.setattr(narrate, "narration_generate", real)
    out = io.StringIO()
    call_command("narrate", "--all", stdout=out, stderr=io.StringIO())
    assert "2 narrated, 1 already current" in out.getvalue()


def test_narrate_a_section_or_since_a_date(unnarrated, home):
    from masthead.news.tests.factories import make_section

    make_section(home, title="Culture", slug="culture")
    out = io.StringIO()
    call_command("narrate", "--section", "culture", stdout=out, stderr=io.StringIO())
    assert "0 narrated" in out.getvalue()
    call_command("narrate", "--since", "2000-01-01", stdout=out, stderr=io.StringIO())
    assert Narration.objects.ready().count() == 3


def test_narrate_refuses_bad_arguments_clearly(unnarrated):
    with pytest.raises(CommandError, match="No section"):
        call_command("narrate", "--section", "nowhere")
    with pytest.raises(CommandError, match="date like"):
        call_command("narrate", "--since", "yesterday")


def test_seeding_queues_narrations_once(unnarrated):
    from masthead.audio.seeds import seed

    out = io.StringIO()
    seed(stdout=out)
    assert "3 narrations queued" in out.getvalue()
    assert Narration.objects.count() == 3
    seed(stdout=out)
    assert "already has a narration" in out.getvalue()


def test_the_admin_lists_each_articles_narration_state(client, admin_user, narrated_article):
    client.force_login(admin_user)
    response = client.get(reverse("audio_admin:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert narrated_article.title in html
    assert "Ready" in html


def test_an_editor_regenerates_a_narration(
    client, editor, narrated_article, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    before = Narration.objects.get(page=narrated_article).narrated_at
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("audio_admin:regenerate", args=[narrated_article.pk]))
    assert response.status_code == 302
    assert Narration.objects.get(page=narrated_article).narrated_at > before


def test_regenerate_needs_a_post_and_publish_rights(client, reporter, narrated_article):
    url = reverse("audio_admin:regenerate", args=[narrated_article.pk])
    client.force_login(reporter)
    assert client.get(url).status_code == 405
    before = Narration.objects.get(page=narrated_article).narrated_at
    # Wagtail's admin answers a permission denial with a redirect and an error message.
    response = client.post(url)
    assert response.status_code in (302, 403)
    assert response.get("Location", "/admin/") == "/admin/"
    assert Narration.objects.get(page=narrated_article).narrated_at == before
    assert client.post(reverse("audio_admin:regenerate", args=[999999])).status_code == 404
