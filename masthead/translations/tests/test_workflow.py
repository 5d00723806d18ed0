"""An editor translates an article from its admin page; the source changes; the translator
sees what changed and marks the translation up to date."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page

from masthead.audit.models import AuditEntry
from masthead.news.models import ArticlePage
from masthead.translations.models import TranslationSync

pytestmark = pytest.mark.django_db

NEW_PARAGRAPH = "<p>The council met at dawn and voted 29 to 6 after a long debate.</p>"


def _translate(client, article, locale):
    return client.post(
        reverse("simple_translation:submit_page_translation", args=[article.pk]),
        {"locales": [locale.pk]},
    )


def _republish_with_new_paragraph(article):
    page = ArticlePage.objects.get(pk=article.pk)
    blocks = list(page.body.raw_data)
    blocks[0] = {**blocks[0], "value": NEW_PARAGRAPH}
    page.body = blocks
    page.title = "Bridge reopens after long repairs"
    page.save_revision().publish()
    return page


@pytest.fixture
def translated(client, editor, article, uk, uk_section):
    client.force_login(editor)
    response = _translate(client, article, uk)
    assert response.status_code == 302
    return ArticlePage.objects.get(translation_key=article.translation_key, locale=uk)


def test_the_article_page_in_the_admin_offers_translate(client, editor, article, uk, uk_section):
    client.force_login(editor)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert reverse("simple_translation:submit_page_translation", args=[article.pk]) in page


def test_a_translation_starts_as_a_draft_with_the_sources_structure(
    translated, article, uk, uk_section
):
    assert translated.locale == uk
    assert not translated.live
    assert translated.get_parent().pk == uk_section.pk
    assert [(b.block_type, b.id) for b in translated.body] == [
        (b.block_type, b.id) for b in article.body
    ]
    assert translated.body.raw_data[0]["value"] == article.body.raw_data[0]["value"]
    assert translated.lead_image_id == article.lead_image_id is not None
    assert [a.author_id for a in translated.article_authors.all()] == [
        a.author_id for a in article.article_authors.all()
    ]
    assert sorted(t.name for t in translated.tags.all()) == ["Kyiv", "Reconstruction"]
    # The source keeps its own tags and bylines (copied, not moved).
    article = ArticlePage.objects.get(pk=article.pk)
    assert sorted(t.name for t in article.tags.all()) == ["Kyiv", "Reconstruction"]
    assert article.article_authors.count() == 1
    sync = TranslationSync.objects.get(translation=translated)
    assert sync.source_id == article.pk
    assert sync.source_revision_id == article.live_revision_id
    assert not sync.is_out_of_date


def test_the_translation_goes_under_the_sections_translation_only(
    client, editor, article, uk, home
):
    """The Ukrainian section does not exist: the form says so and nothing is created."""
    client.force_login(editor)
    url = reverse("simple_translation:submit_page_translation", args=[article.pk])
    form = client.get(url).content.decode()
    assert "parent page is not translated" in form
    response = _translate(client, article, uk)
    assert response.status_code == 200
    assert "has no Ukrainian version yet" in response.content.decode()
    assert not Page.objects.filter(locale=uk, translation_key=article.translation_key).exists()


def test_the_reverse_direction_works_too(client, editor, uk, uk_section, author):
    from masthead.news.tests.factories import make_article

    original = make_article(section=uk_section, authors=[author], title="Міст", slug="mist")
    english = Locale.objects.get(language_code="en")
    client.force_login(editor)
    assert _translate(client, original, english).status_code == 302
    copy = ArticlePage.objects.get(translation_key=original.translation_key, locale=english)
    assert copy.get_parent().locale == english
    assert TranslationSync.objects.get(translation=copy).source_id == original.pk


def test_republishing_the_source_marks_the_translation_out_of_date_with_the_changes(
    client, translated, article
):
    _republish_with_new_paragraph(article)
    sync = TranslationSync.objects.get(translation=translated)
    assert sync.is_out_of_date
    report = client.get(reverse("translations:out_of_date")).content.decode()
    assert translated.title in report
    status = client.get(reverse("translations:status", args=[translated.pk])).content.decode()
    assert "Out of date" in status
    assert "Body block 1" in status
    # A word diff: the old words struck out, the new ones inserted, the rest as they were.
    assert '<del style="background:#fbe7e7">31</del>' in status
    assert '<ins style="background:#e6f6e6">29</ins>' in status
    assert '<ins style="background:#e6f6e6">6 after a long debate.</ins>' in status
    assert "Headline" in status or "Title" in status
    # Block 2 (the subheading) did not change, so it is not listed.
    assert "Body block 2" not in status
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk])).content.decode()
    assert "Out of date:" in edit
    assert reverse("translations:status", args=[translated.pk]) in edit


def test_publishing_the_translation_itself_does_not_mark_it(translated):
    translated.title = "Міст знову відкрили"
    translated.save_revision().publish()
    assert not TranslationSync.objects.get(translation=translated).is_out_of_date


def test_mark_as_up_to_date_clears_the_mark_and_is_audited(client, editor, translated, article):
    source = _republish_with_new_paragraph(article)
    response = client.post(reverse("translations:mark_up_to_date", args=[translated.pk]))
    assert response.status_code == 302
    sync = TranslationSync.objects.get(translation=translated)
    assert not sync.is_out_of_date
    assert sync.source_revision_id == ArticlePage.objects.get(pk=source.pk).live_revision_id
    assert sync.synced_by == editor
    entry = AuditEntry.objects.get(action="translations.mark_up_to_date")
    assert entry.actor == editor
    assert entry.target_id == str(translated.pk)
    report = client.get(reverse("translations:out_of_date")).content.decode()
    assert "Every translation is up to date" in report
    # A later publish of the source marks it again.
    _republish_with_new_paragraph(article)
    assert TranslationSync.objects.get(translation=translated).is_out_of_date


def test_a_reader_cannot_translate_see_the_status_or_mark_up_to_date(
    client, django_user_model, editor, translated, article
):
    _republish_with_new_paragraph(article)
    reader = django_user_model.objects.create_user(username="reader", password="x" * 16)
    client.force_login(reader)
    for url in [
        reverse("translations:out_of_date"),
        reverse("translations:status", args=[translated.pk]),
    ]:
        assert client.get(url).status_code in (302, 403)
    response = client.post(reverse("translations:mark_up_to_date", args=[translated.pk]))
    assert response.status_code in (302, 403)
    response = _translate(client, article, translated.locale)
    assert response.status_code in (302, 403)
    assert TranslationSync.objects.get(translation=translated).is_out_of_date
    assert not AuditEntry.objects.filter(action="translations.mark_up_to_date").exists()


def test_a_reporter_cannot_mark_someone_elses_translation_up_to_date(
    client, reporter, translated, article
):
    _republish_with_new_paragraph(article)
    client.force_login(reporter)
    response = client.post(reverse("translations:mark_up_to_date", args=[translated.pk]))
    assert response.status_code == 403
    assert TranslationSync.objects.get(translation=translated).is_out_of_date


def test_hostile_ids_are_404_not_500(client, editor, uk):
    client.force_login(editor)
    for path in ["/admin/translations/9999999/", "/admin/translations/99999999999999999999999/"]:
        assert client.get(path).status_code == 404
    assert client.post("/admin/translations/123/up-to-date/").status_code == 404
    assert client.get("/admin/translations/123/up-to-date/").status_code == 405


def test_translating_a_section_never_copies_its_articles(client, editor, article, section, uk):
    uk_home = section.get_parent().specific.copy_for_translation(uk)
    uk_home.save_revision().publish()
    client.force_login(editor)
    response = client.post(
        reverse("simple_translation:submit_page_translation", args=[section.pk]),
        {"locales": [uk.pk], "include_subtree": "on"},
    )
    assert response.status_code == 302
    assert section.get_translation_or_none(uk) is not None
    assert article.get_translation_or_none(uk) is None


def test_malformed_translate_posts_are_refused_without_a_copy(client, editor, article, uk_section):
    client.force_login(editor)
    url = reverse("simple_translation:submit_page_translation", args=[article.pk])
    for data in [
        {},
        {"locales": ["abc"]},
        {"locales": ["99999999999999999999"]},
        {"locales": ["-1"]},
    ]:
        assert client.post(url, data).status_code == 200
    assert article.get_translations().count() == 0
