import pytest
from django.core.management import call_command
from wagtail.models import Site

from masthead.news.models import ArticlePage, SectionPage, StaticPage
from masthead.people.models import Author

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_the_newsroom_once(client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.SITE_URL = "https://news.example.org"
    settings.DEMO_LOGINS_FILE = tmp_path / "demo-logins.txt"
    call_command("seed_demo")
    # The demo site's address is SITE_URL's, so Wagtail's own links agree with ours.
    assert Site.objects.get(is_default_site=True).root_url == "https://news.example.org"
    articles = ArticlePage.objects.live()
    assert articles.count() >= 40
    assert SectionPage.objects.filter(locale__language_code="en").count() == 8
    assert Author.objects.count() == 8
    assert set(StaticPage.objects.values_list("slug", flat=True)) >= {
        "about",
        "advertising",
        "contacts",
    }
    # Team and Jobs become the organisation app's page types (organisation/seeds.py).
    assert client.get("/team/").status_code == 200
    assert client.get("/jobs/").status_code == 200
    assert all(a.lead_image_id for a in articles)
    assert articles.filter(notes__kind="correction").exists()
    assert (tmp_path / "demo-logins.txt").exists()

    call_command("seed_demo")  # idempotent
    assert ArticlePage.objects.count() == articles.count()

    response = client.get("/")
    assert response.status_code == 200
    article = articles.first()
    assert client.get(article.url).status_code == 200
