"""The Ukrainian interface: every marked string of every app has its translation (and a .mo
built from it), and the reader's pages come out in Ukrainian, with Ukrainian dates, a 24-hour
clock and the right plural forms. English pages keep their English (the other tests)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from masthead.core import l10n, translations

# 00:39 UTC is 02:39 in Kyiv, the newsroom's zone in the tests: "2:39 AM" in English.
PUBLISHED = datetime(2025, 1, 10, 0, 39, tzinfo=UTC)


def _require_gettext():
    # Not a skip: without gettext the catalogues cannot be checked, and a silent pass
    # would let an untranslated string through (.ci/run installs the package).
    missing = translations.missing_tools()
    assert not missing, f"GNU gettext is needed for this test (missing: {', '.join(missing)})"


# --- the catalogues -----------------------------------------------------------------------


def test_ukrainian_is_a_language_of_the_site():
    assert "uk" in dict(settings.LANGUAGES)
    assert translations.languages() == ["uk"]
    assert any(str(path).endswith("masthead/locale") for path in settings.LOCALE_PATHS)


def test_every_marked_string_in_every_app_has_a_translation_and_a_current_mo():
    _require_gettext()
    problems = []
    for catalogue in translations.catalogues():
        for language in translations.languages():
            problems += translations.check_catalogue(catalogue, language)
    assert not problems, "\n".join(problems)


@pytest.fixture
def copied_app(tmp_path):
    """A copy of a small app with its catalogue, to break in the ways a change can."""
    source = settings.BASE_DIR / "masthead" / "factchecks"
    app = tmp_path / "factchecks"
    shutil.copytree(source, app, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    return translations.Catalogue("factchecks-copy", app, app / "locale")


def test_the_check_finds_a_new_string_without_translation(copied_app):
    _require_gettext()
    assert translations.check_catalogue(copied_app, "uk") == []
    template = copied_app.source / "templates" / "factchecks" / "fact_check.html"
    template.write_text(
        template.read_text().replace(
            "{% load i18n", '{% load i18n %}{% translate "Brand new" %}{% load'
        )
    )
    problems = translations.check_catalogue(copied_app, "uk")
    assert problems == ["factchecks-copy: no uk translation for 'Brand new'"]


def test_the_check_finds_a_changed_string_and_a_stale_mo(copied_app):
    _require_gettext()
    template = copied_app.source / "templates" / "factchecks" / "fact_check.html"
    template.write_text(template.read_text().replace('"Our verdict:"', '"Our verdicts:"'))
    problems = translations.check_catalogue(copied_app, "uk")
    # msgmerge carries the old translation over as a guess, marked fuzzy: not good enough.
    assert any("'Our verdicts:'" in problem for problem in problems), problems

    template.write_text(template.read_text().replace('"Our verdicts:"', '"Our verdict:"'))
    po = copied_app.po("uk")
    po.write_text(po.read_text().replace('msgstr "Наш висновок:"', 'msgstr "Наш вердикт:"'))
    problems = translations.check_catalogue(copied_app, "uk")
    assert problems == [
        f"factchecks-copy: {copied_app.mo('uk')} is older than its .po (run compilemessages)"
    ]


def test_the_check_finds_a_catalogue_gettext_rejects(copied_app):
    _require_gettext()
    po = copied_app.po("uk")
    # A placeholder the English has and the translation lost: msgfmt --check refuses it.
    po.write_text(po.read_text().replace('msgstr "Фактчек"', 'msgstr "Фактчек %(x)s"'))
    text = po.read_text().replace('msgid "Fact check"\n', '#, python-format\nmsgid "Fact check"\n')
    po.write_text(text)
    problems = translations.check_catalogue(copied_app, "uk")
    assert any("msgfmt --check failed" in problem for problem in problems), problems


# --- words, dates and plural forms ----------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "reading", "ago"),
    [
        (1, "1 хвилина читання", "1 хвилину тому"),
        (2, "2 хвилини читання", "2 хвилини тому"),
        (5, "5 хвилин читання", "5 хвилин тому"),
        (11, "11 хвилин читання", "11 хвилин тому"),
        (21, "21 хвилина читання", "21 хвилину тому"),
        (24, "24 хвилини читання", "24 хвилини тому"),
    ],
)
def test_ukrainian_plural_forms_for_minutes(minutes, reading, ago):
    now = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    article = SimpleNamespace(authors=[], first_published_at=None, reading_minutes=minutes)
    with translation.override("uk"):
        byline = render_to_string(
            "components/byline.html", {"article": article, "show_reading_time": True}
        )
        assert reading in byline
        assert l10n.relative_time(now - timedelta(minutes=minutes), now) == ago
    with translation.override("en"):
        assert l10n.reading_time(minutes) == f"{minutes} min read"


def test_relative_times_in_ukrainian_and_english():
    now = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    with translation.override("uk"):
        assert l10n.relative_time(now - timedelta(seconds=20), now) == "щойно"
        assert l10n.relative_time(now - timedelta(hours=3), now) == "3 години тому"
        assert l10n.relative_time(now - timedelta(hours=5), now) == "5 годин тому"
        assert l10n.relative_time(now - timedelta(days=3), now) == "2 грудня 2026"
    with translation.override("en"):
        assert l10n.relative_time(now - timedelta(minutes=1), now) == "1 minute ago"
        assert l10n.relative_time(now - timedelta(hours=3), now) == "3 hours ago"
        assert l10n.relative_time(now - timedelta(days=3), now) == "December 2, 2026"


def test_search_result_count_plurals():
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} result for “{{ query }}”"
        "{% plural %}{{ counter }} results for “{{ query }}”{% endblocktranslate %}"
    )
    # Catalogues load per app: the search app's own strings.
    expected = {
        1: "1 результат за запитом «міст»",
        2: "2 результати за запитом «міст»",
        5: "5 результатів за запитом «міст»",
        21: "21 результат за запитом «міст»",
    }
    with translation.override("uk"):
        for n, text in expected.items():
            assert template.render(Context({"n": n, "query": "міст"})) == text


def test_dates_clocks_and_figures_per_language():
    moment = datetime(2026, 12, 5, 21, 7, tzinfo=UTC)
    with translation.override("uk"):
        assert l10n.datetime_text(moment) == "5 грудня 2026, 21:07"
        assert l10n.clock_text(moment) == "21:07"
        assert l10n.day_heading(moment.date()) == "Субота, 5 грудня 2026"
        assert l10n.figure_date(moment.date(), "day_month") == "5 грудня"
        from masthead.datadesk.templatetags.datadesk_tags import figure

        assert figure(1234567.5) == "1\u00a0234\u00a0567,5"
    with translation.override("en"):
        assert l10n.datetime_text(moment) == "December 5, 2026 9:07 PM"
        assert l10n.day_heading(moment.date()) == "Saturday, December 5, 2026"


# --- whole pages in Ukrainian ---------------------------------------------------------------


@pytest.fixture
def ukrainian():
    """Ukrainian active around the test, so reverse() gives the /uk/ edition's URLs; the
    pages themselves take their language from the URL, as a reader's request does."""
    with translation.override("uk"):
        yield


def _in_ukrainian(page):
    """The Ukrainian translation of `page` (its parents translated too), live."""
    from wagtail.models import Locale

    from masthead.editions.services import start_edition

    start_edition("uk", title="Мастхед")
    uk = Locale.objects.get(language_code="uk")
    translated = page.copy_for_translation(uk, copy_parents=True)
    for ancestor in translated.get_ancestors().filter(locale=uk).specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    translated.save_revision().publish()
    # Dated as its source, so the dates the tests read stay fixed.
    type(translated).objects.filter(pk=translated.pk).update(
        first_published_at=page.first_published_at, last_published_at=page.last_published_at
    )
    translated.refresh_from_db()
    return translated.specific


def _soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def _text(node) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.fixture
def story(make_article):
    body = [{"type": "paragraph", "value": "<p>" + "слово " * 1000 + "</p>"}]
    return make_article(
        title="Світло повертається до Харкова",
        slug="svitlo",
        body=body,
        published_at=PUBLISHED,
        notes=[("correction", "У попередній версії була помилка в кількості підстанцій.")],
    )


@pytest.mark.django_db
def test_article_page_in_ukrainian(client, story, ukrainian):
    story = _in_ukrainian(story)
    assert story.url.startswith("/uk/")
    soup = _soup(client.get(story.url))
    byline = _text(soup.select_one(".byline"))
    assert "10 січня 2025, 02:39" in byline
    assert "AM" not in byline and "January" not in byline
    assert (
        soup.select_one(".byline__reading").get_text() == f"{story.reading_minutes} хвилин читання"
    )
    assert story.reading_minutes == 5
    assert _text(soup.select_one(".note strong")) == "Виправлення"
    assert soup.select_one(".author-box")["aria-label"] == "Про автора"
    assert "Автор:" in _text(soup.select_one(".author-box__label"))
    assert soup.select_one(".skip-link").get_text() == "Перейти до основного вмісту"
    header = _text(soup.select_one(".site-header__tools"))
    assert "Пошук" in header and "Підтримати нас" in header
    assert "Головні" not in header


@pytest.mark.django_db
def test_front_and_section_pages_in_ukrainian(client, home, section, story, ukrainian):
    story = _in_ukrainian(story)
    section = story.get_parent().specific
    front = _soup(client.get("/uk/"))
    assert _text(front.select_one("#front-lead-title")) == "Головні матеріали"
    assert "10 січня 2025" in _text(front.select_one(".teaser__meta"))
    assert _text(front.select_one(".site-footer__heading")) == "Розділи"

    listing = _soup(client.get(section.url))
    assert "Останні матеріали" in _text(listing.select_one(".with-rail__main"))
    meta = _text(listing.select_one(".teaser__meta"))
    assert "10 січня 2025" in meta and "January" not in meta


@pytest.mark.django_db
def test_search_page_in_ukrainian(client, story, ukrainian):
    # The Ukrainian edition searches Ukrainian articles only.
    story = _in_ukrainian(story)
    empty = _soup(client.get(reverse("search")))
    assert _text(empty.select_one("h1")) == "Пошук"
    assert _text(empty.select_one("label[for=id_q]")) == "Пошук в архіві"

    found = _soup(client.get(reverse("search"), {"q": "Харкова"}))
    assert _text(found.select_one(".search-count")) == "1 результат за запитом «Харкова»"
    assert "10 січня 2025" in _text(found.select_one(".search-result .teaser__meta"))

    nothing = _soup(client.get(reverse("search"), {"q": "Зебра"}))
    assert "За запитом «Зебра» нічого не знайдено." in _text(nothing)

    refused = client.get(
        reverse("search"), {"q": "міст", "date_from": "2026-12-05", "date_to": "2026-01-01"}
    )
    assert refused.status_code == 400
    assert "Початкова дата має бути раніше за кінцеву." in _text(_soup_any(refused))


def _soup_any(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_form_errors_in_ukrainian(client, home, ukrainian):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from masthead.organisation.models import OpinionSubmission
    from masthead.organisation.tests.factories import make_opinion_page

    page = _in_ukrainian(make_opinion_page(home))
    form = _soup(client.get(page.url))
    assert _text(form.select_one("label[for=id_headline]")).startswith("Заголовок")
    assert _text(form.select_one("button[type=submit]")) == "Надіслати пропозицію"

    data = {"name": "", "email": "не-адреса", "headline": "Школи", "pitch": "Текст."}
    upload = SimpleUploadedFile("notes.exe", b"MZ\x90\x00", content_type="application/pdf")
    response = client.post(page.url, {**data, "attachment": upload})
    assert response.status_code == 400
    soup = _soup_any(response)
    errors = " ".join(_text(node) for node in soup.select(".field-error, .form-errors"))
    assert "Виправте позначені нижче поля." in errors
    assert "Додайте файл .pdf або .docx." in errors
    # Django's own messages, from its Ukrainian catalogue.
    assert "Це поле необхідно заповнити" in errors
    assert "Введіть коректну email адресу" in errors
    assert "This field is required" not in errors
    assert not OpinionSubmission.objects.exists()


def test_charts_describe_themselves_in_ukrainian():
    from datetime import date

    from masthead.datadesk.charts import svg
    from masthead.datadesk.charts.spec import Chart, Series

    start = date(2024, 1, 1)
    points = tuple((start + timedelta(days=i), 1000.0 + 250.5 * i) for i in range(21))
    chart = Chart(form="line", title="Тривоги", series=(Series("Тривоги", points, unit="разів"),))
    big = Chart(form="big_number", title="Сьогодні", series=(Series("Тривоги", points[:2]),))
    with translation.override("uk"):
        text = svg.summary(chart)
        assert text.startswith("Лінійний графік: Тривоги з 1 січ 2024 до 21 січ 2024, 21 дата.")
        assert "останнє значення 6\u00a0010 разів (21 січ 2024)" in text
        drawn = svg.render(big, uid="c")
        assert "▲ Зростання на 250,5 (25,1%) порівняно з 1 січ 2024" in drawn
    with translation.override("en"):
        assert svg.summary(chart).startswith("Line chart of Тривоги from 1 Jan 2024 to 21 Jan")


def test_byline_names_one_author_or_several():
    def person(name):
        return SimpleNamespace(name=name, get_absolute_url=lambda: "/authors/x/")

    one = SimpleNamespace(authors=[person("Олена Коваль")], first_published_at=None)
    two = SimpleNamespace(
        authors=[person("Олена Коваль"), person("Ігор Бондар")], first_published_at=None
    )
    with translation.override("uk"):
        assert "Автор: Олена Коваль" in _text(
            BeautifulSoup(
                render_to_string("components/byline.html", {"article": one}), "html.parser"
            )
        )
        assert "Автори: Олена Коваль і Ігор Бондар" in _text(
            BeautifulSoup(
                render_to_string("components/byline.html", {"article": two}), "html.parser"
            )
        )
    with translation.override("en"):
        assert "by Олена Коваль and Ігор Бондар" in _text(
            BeautifulSoup(
                render_to_string("components/byline.html", {"article": two}), "html.parser"
            )
        )


def test_error_page_in_ukrainian():
    from django.template import loader

    with translation.override("uk"):
        page = loader.get_template("500.html").render()
    assert '<html lang="uk">' in page
    assert "<h1>Щось пішло не так</h1>" in page
    assert "Перейти на головну" in page


@pytest.mark.django_db
def test_tracker_page_in_ukrainian(client, home, ukrainian):
    from masthead.datadesk.models import TrackerPage
    from masthead.datadesk.tests.factories import make_dataset

    page = TrackerPage(title="Тривоги", slug="tryvohy", dataset=make_dataset(days=5), table_rows=3)
    home.add_child(instance=page)
    page.save_revision().publish()
    page = _in_ukrainian(page)
    html = client.get(page.url).content.decode()
    latest = html.split('id="tracker-latest"')[1].split("</section>")[0]
    assert ">Останні дані</h2>" in latest
    assert "+1 порівняно з 4 січня" in latest
    assert "5 січня 2026" in latest
    table = html.split('id="tracker-table"')[1].split("</table>")[0]
    assert table.index("05.01.2026") < table.index("03.01.2026")
    assert "Частота оновлення: щодня." in html
    assert "Показати дані" in html and "Джерело:" in html


def test_a_shared_fragment_is_stored_once_per_language(rf):
    template = Template(
        '{% load caching_tags i18n %}{% fragment "i18n-probe" %}{% translate "Search" %}'
        "{% endfragment %}"
    )
    request = rf.get("/")
    with translation.override("en"):
        assert template.render(Context({"request": request})) == "Search"
    with translation.override("uk"):
        assert template.render(Context({"request": request})) == "Пошук"
