"""The pages the editions change (switcher, hreflang, lang) pass the W3C Nu HTML checker in
both languages (the checker as in core/tests/test_html_validity.py)."""

import json
import subprocess

import pytest

from masthead.core.tests.test_html_validity import _checker

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
    files = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code in (200, 404), (name, response.status_code)
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files[path.name] = name
    result = subprocess.run(  # noqa: S603 - fixed argv
        [*checker, "--format", "json", "--errors-only", *(str(tmp_path / f) for f in files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = [
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1])} line {m.get('lastLine')}: "
        f"{m['message']} [{(m.get('extract') or '').strip()[:120]}]"
        for m in report["messages"]
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert not errors, "\n".join(errors)
