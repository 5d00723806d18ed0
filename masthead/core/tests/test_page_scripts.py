"""No script holds up a page while it starts: every script tag is deferred or async, and
the newsletter forms' and the view beacon's scripts wait until the page is interactive."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsletter(db):
    from masthead.newsletters.models import Newsletter

    return Newsletter.objects.create(name="Morning Briefing", slug="morning", is_default=True)


def _scripts(soup):
    return [tag for tag in soup.find_all("script") if tag.get("type") != "application/ld+json"]


def test_article_page_scripts_are_deferred_and_its_extras_load_after_the_page(
    client, article, newsletter
):
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    scripts = _scripts(soup)
    assert scripts
    for tag in scripts:
        assert tag.get("src"), f"inline script: {tag}"  # the CSP forbids inline script
        assert tag.has_attr("defer") or tag.has_attr("async"), tag
    sources = [tag["src"] for tag in scripts]
    assert not [src for src in sources if src.endswith(("newsletters.js", "popular.js"))]
    assert any(src.endswith("js/site.js") for src in sources)  # which loads them later
    late = {
        node["data-load-script"].rsplit("/", 1)[-1] for node in soup.select("[data-load-script]")
    }
    assert late >= {"newsletters.js", "popular.js"}
    forms = soup.select("form[data-newsletter-form]")
    assert forms and all(form["data-load-when"] == "visible" for form in forms)


def test_listing_pages_have_only_deferred_scripts(client, home, article, newsletter):
    for url in ("/", article.get_parent().url, "/news-feed/", "/newsletters/", "/search/?q=x"):
        for tag in _scripts(BeautifulSoup(client.get(url).content, "html.parser")):
            assert tag.get("src") and (tag.has_attr("defer") or tag.has_attr("async")), (url, tag)
