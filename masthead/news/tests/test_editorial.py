"""The newsroom's roles and the CMS's answers to bad input."""

import io
import os

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from PIL import Image
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from masthead.news.models import ArticlePage

pytestmark = pytest.mark.django_db


def edit_link(client, page):
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    return soup.select_one(".edit-link a")


def article_form(author, **overrides):
    data = {
        "title": "Trams run again in Dnipro",
        "slug": "trams-run-again",
        "standfirst": "Three lines reopened on Monday.",
        "lead_image": "",
        "lead_image_caption": "",
        "body": streamfield(
            [("paragraph", rich_text("<p>The city restored 60 percent of routes.</p>"))]
        ),
        "tags": "Transport",
        "article_authors": inline_formset([{"author": author.pk}], min=1),
        "notes": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "social_image": "",
        "comments_open": "on",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(section):
    return reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))


def test_edit_link_is_shown_to_an_editor(client, article, editor):
    client.force_login(editor)
    link = edit_link(client, article)
    assert link["href"] == reverse("wagtailadmin_pages:edit", args=(article.pk,))


def test_edit_link_is_hidden_from_anonymous_readers(client, article):
    assert edit_link(client, article) is None


def test_edit_link_is_hidden_from_a_reporter_on_someone_elses_article(client, article, reporter):
    client.force_login(reporter)
    assert edit_link(client, article) is None


def test_edit_link_is_shown_to_a_reporter_on_their_own_article(client, make_article, reporter):
    page = make_article(title="Own story", slug="own", owner=reporter)
    client.force_login(reporter)
    assert edit_link(client, page) is not None


def test_page_with_edit_link_is_not_cacheable(client, article, editor):
    client.force_login(editor)
    response = client.get(article.url)
    assert "private" in response.get("Cache-Control", "") or "Cookie" in response.get("Vary", "")


def test_reporter_cannot_publish(client, section, author, reporter):
    client.force_login(reporter)
    response = client.post(add_url(section), article_form(author, **{"action-publish": "publish"}))
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="trams-run-again")
    assert not page.live
    assert page.owner == reporter


def test_reporter_submits_for_review_and_an_editor_approves(
    client, section, author, reporter, editor
):
    client.force_login(reporter)
    client.post(add_url(section), article_form(author, **{"action-submit": "submit"}))
    page = ArticlePage.objects.get(slug="trams-run-again")
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not page.live

    client.force_login(editor)
    task_state = state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)),
        {"comment": "Good to go"},
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live


def test_editor_can_publish_directly(client, section, author, editor):
    client.force_login(editor)
    client.post(add_url(section), article_form(author, **{"action-publish": "publish"}))
    assert ArticlePage.objects.get(slug="trams-run-again").live


def test_missing_headline_gets_a_validation_message(client, section, author, editor):
    client.force_login(editor)
    response = client.post(add_url(section), article_form(author, title=""))
    assert response.status_code == 200
    assert b"This field is required" in response.content
    assert not ArticlePage.objects.filter(slug="trams-run-again").exists()


def test_article_without_an_author_is_refused(client, section, author, editor):
    client.force_login(editor)
    data = article_form(author, article_authors=inline_formset([], min=1))
    response = client.post(add_url(section), data)
    assert response.status_code == 200
    assert b"Add at least one author." in response.content
    assert not ArticlePage.objects.filter(slug="trams-run-again").exists()


def _upload(client, name, content, content_type="image/jpeg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Upload",
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "credit": "",
            "caption": "",
            "collection": "",
        },
    )


def test_non_image_file_is_refused_with_a_message(client, editor):
    client.force_login(editor)
    response = _upload(client, "report.jpg", b"%PDF-1.4 this is not a picture")
    assert response.status_code == 200
    assert (
        b"Upload a valid image" in response.content or b"Not a supported image" in response.content
    )


def test_oversized_image_is_refused_with_a_message(client, editor, settings):
    # Random pixels do not compress: about 11 MB of PNG, over the 10 MB limit.
    side = 1920
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(
        buffer, "PNG", compress_level=0
    )
    assert len(buffer.getvalue()) > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    client.force_login(editor)
    response = _upload(client, "big.png", buffer.getvalue(), "image/png")
    assert response.status_code == 200
    assert b"This file is too big" in response.content


def test_request_body_over_the_limit_is_a_400(client, editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client.force_login(editor)
    response = client.post(reverse("wagtailimages:add"), {"title": "x" * 5000})
    assert response.status_code == 400


def test_unknown_url_gets_the_styled_404(client, home):
    response = client.get("/no-such-story/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.text == "We can't find that page"
    assert soup.select_one("a.skip-link")


def test_editor_previews_unsaved_changes(client, article, author, editor):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    data = article_form(author, title="Preview headline", slug=article.slug)
    response = client.post(url, data)
    assert response.json()["is_valid"] is True
    preview = client.get(url)
    assert preview.status_code == 200
    assert BeautifulSoup(preview.content, "html.parser").h1.text == "Preview headline"
    article.refresh_from_db()
    assert article.title != "Preview headline"  # nothing saved by a preview


def test_revisions_are_kept_and_an_old_one_can_be_restored(client, article, editor):
    first = article.latest_revision
    article.title = "Second version"
    article.save_revision(user=editor).publish()
    assert article.revisions.count() == 2
    client.force_login(editor)
    response = client.get(
        reverse("wagtailadmin_pages:revisions_revert", args=(article.pk, first.pk))
    )
    assert response.status_code == 200
    assert b"Bridge reopens after repairs" in response.content
