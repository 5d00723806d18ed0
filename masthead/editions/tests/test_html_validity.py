"""The pages the editions change (switcher, hreflang, lang) pass the W3C Nu HTML checker in
both languages (the checker as in core/tests/test_html_validity.py)."""

import pytest

from masthead.core.tests.test_html_validity import _checker, check_pages

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_both_editions_pages_have_no_html_errors(
    client, tmp_path, make_article, uk_section, translate
):
    checker = _checker()
    # No pictures: the factory's are smaller than the renditions asked of them, which the
    # checker reports as srcset errors that have nothing to do with the editions.
    english = make_article(title="Bridge reopens", slug="bridge", tags=["Kyiv"], image=False)
    ukrainian = translate(english, title="Міст знову відкрили")
    only = make_article(title="Only in English", slug="only", image=False)
    urls = {
        "en-front": "/",
        "uk-front": "/uk/",
        "en-article": english.url,
        "uk-article": ukrainian.url,
        "untranslated": only.url,
        "uk-section": "/uk/war/",
        "uk-feed": "/uk/news-feed/",
        "uk-tag": "/uk/tags/kyiv/",
        "uk-404": "/uk/no-such-page/",
    }
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code in (200, 404), (name, response.status_code)
        pages[name] = response.content
    errors, _ = check_pages(checker, pages, tmp_path)
    assert not errors, "\n".join(errors)
