"""The demo's Ukrainian edition: home and sections as translations of the English ones,
original Ukrainian articles (some translations of English ones) and news-feed items."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from masthead.news.demo import uk as demo
from masthead.news.models import ArticlePage, HomePage, NewsFeedItem, SectionPage
from masthead.translations.models import TranslationSync

pytestmark = pytest.mark.django_db


def _words(data) -> int:
    texts = [data["title"], data["standfirst"]]
    for _kind, value in data["body"]:
        texts.append(value if isinstance(value, str) else " ".join(value.values()))
    return len(" ".join(texts).split())


def test_the_ukrainian_demo_texts_are_articles_of_news_length():
    assert len(demo.ARTICLES) >= 12
    assert sum(1 for data in demo.ARTICLES if data.get("translation_of")) >= 5
    assert len(demo.NEWS_FEED_ITEMS) >= 8
    for data in demo.ARTICLES:
        assert 150 <= _words(data) <= 400, data["slug"]
        assert data["slug"].isascii(), data["slug"]
    assert all(section["slug"].isascii() for section in demo.SECTIONS.values())


def test_seed_demo_adds_the_ukrainian_edition_once(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.DEMO_LOGINS_FILE = tmp_path / "demo-logins.txt"
    call_command("seed_demo")

    uk = Locale.objects.get(language_code="uk")
    english_home = HomePage.objects.get(locale__language_code="en")
    uk_home = HomePage.objects.get(locale=uk)
    assert uk_home.translation_key == english_home.translation_key
    assert uk_home.live
    assert uk_home.lead_story.locale == uk

    sections = SectionPage.objects.filter(locale=uk)
    assert sections.count() == 8
    assert set(sections.values_list("slug", flat=True)) >= {"viina", "kraina", "analityka"}
    for section in sections:
        assert section.get_parent().pk == uk_home.pk
        assert section.get_translation_or_none(english_home.locale) is not None

    articles = ArticlePage.objects.live().filter(locale=uk)
    assert articles.count() >= 12
    assert all(a.get_parent().specific.locale == uk for a in articles)
    # Each story's address is under its section's Ukrainian slug (/uk/kraina/...), not the
    # English one the section was copied with.
    for article in articles:
        assert article.url_path.startswith(article.get_parent().url_path), article.url_path
    assert all(a.lead_image_id and a.article_authors.exists() for a in articles)
    translations = [a for a in articles if a.get_translation_or_none(english_home.locale)]
    assert len(translations) >= 5
    for translation in translations:
        english = translation.get_translation(english_home.locale)
        assert translation.lead_image_id == english.lead_image_id
        assert translation.title != english.title
        uk_tags = {tag.name for tag in translation.tags.all()}
        assert uk_tags and all(not name.isascii() for name in uk_tags)
        assert all(tag.name.isascii() for tag in english.tags.all())
        sync = TranslationSync.objects.get(translation=translation)
        assert sync.source_id == english.pk and not sync.is_out_of_date
    # A fresh demo has no translation out of date, the home page's included.
    assert not TranslationSync.objects.filter(out_of_date_since__isnull=False).exists()
    # English front page keeps English stories.
    assert english_home.lead_story.locale == english_home.locale

    headlines = [data["headline"] for data in demo.NEWS_FEED_ITEMS]
    items = NewsFeedItem.objects.filter(headline__in=headlines)
    assert items.count() >= 8
    assert all(item.locale_id == uk.pk for item in items)

    counts = (
        ArticlePage.objects.count(),
        SectionPage.objects.count(),
        NewsFeedItem.objects.count(),
    )
    call_command("seed_demo")  # idempotent
    assert counts == (
        ArticlePage.objects.count(),
        SectionPage.objects.count(),
        NewsFeedItem.objects.count(),
    )
    assert HomePage.objects.count() == 2
