"""Slugs of the Ukrainian edition: new pages get the national transliteration in ASCII;
Cyrillic slugs that exist keep working through percent-encoding."""

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from masthead.audio.tests.editions import make_uk_section
from masthead.core.slugs import transliterate_uk, ukrainian_slug


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("Київ відбудовує мости", "kyiv-vidbudovuie-mosty"),
        ("Харків і Запоріжжя", "kharkiv-i-zaporizhzhia"),
        ("Юрій, Єнакієве, Яготин, Їжакевич", "yurii-yenakiieve-yahotyn-yizhakevych"),
        ("Згорани", "zghorany"),
        ("В’ячеслав і Подвір'я", "viacheslav-i-podviria"),
        ("Щастя: 5 грудня 2026", "shchastia-5-hrudnia-2026"),
        ("Ґанок, ЗСУ", "ganok-zsu"),
        ("Bridge та міст", "bridge-ta-mist"),
    ],
)
def test_ukrainian_slugs_follow_the_national_transliteration(written, slug):
    assert ukrainian_slug(written) == slug


def test_transliteration_keeps_other_characters():
    assert transliterate_uk("Ціна: 5 ₴") == "tsina: 5 ₴"


@pytest.mark.django_db
def test_a_new_ukrainian_page_gets_an_ascii_slug_unique_among_its_siblings(make_article, author):
    uk_section = make_uk_section()
    first = make_article(
        section=uk_section, authors=[author], title="Київ відбудовує мости", slug="київ-мости"
    )
    second = make_article(
        section=uk_section, authors=[author], title="Київ відбудовує мости", slug="київ-мости"
    )
    assert first.slug == "kyiv-mosty"
    assert second.slug == "kyiv-mosty-2"
    assert first.url_path.endswith("/viina/kyiv-mosty/")
    # The published revision carries the same slug.
    assert first.get_latest_revision_as_object().slug == "kyiv-mosty"
    # Editing the page later never changes its address.
    first.title = "Новий заголовок"
    first.save_revision().publish()
    first.refresh_from_db()
    assert first.slug == "kyiv-mosty"


@pytest.mark.django_db
def test_an_existing_cyrillic_slug_round_trips_through_percent_encoding(
    client, make_article, section
):
    page = make_article(title="Війна і мир", slug="війна-і-мир", image=False)
    assert page.slug == "війна-і-мир"  # not a Ukrainian-locale page: kept as written
    encoded = "/war/" + quote("війна-і-мир") + "/"
    assert page.url == encoded
    assert page.url.isascii()
    assert client.get(encoded).status_code == 200
    # The raw Cyrillic path reaches the same page.
    assert client.get("/war/війна-і-мир/").status_code == 200
    # The section links to it with the encoded address.
    soup = BeautifulSoup(client.get(section.url).content, "html.parser")
    hrefs = {a["href"] for a in soup.select("a[href]")}
    assert (
        encoded in hrefs
        or f"http://testserver{encoded}" in hrefs
        or any(href.endswith(encoded) for href in hrefs)
    )
    # A wrong encoding is a 404, not an error.
    assert client.get("/war/%D0%B2%D1%96%D0/").status_code == 404
