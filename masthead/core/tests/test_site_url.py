"""The site's one public address: URLs built from SITE_URL, and the Wagtail Site kept in step."""

import io

import pytest
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from django.core.management.sql import emit_post_migrate_signal
from wagtail.models import Site

from masthead.core import site_url

pytestmark = pytest.mark.django_db

SITE = "https://news.example.org"


@pytest.fixture
def site(home):
    return Site.objects.get(is_default_site=True)


def test_a_path_becomes_absolute_on_site_url(settings):
    settings.SITE_URL = SITE + "/"
    assert site_url.absolute_url("/war/ferry/") == SITE + "/war/ferry/"
    assert site_url.absolute_url("war/") == SITE + "/war/"
    assert site_url.absolute_url("") == SITE + "/"


def test_a_url_that_names_its_host_is_left_alone(settings):
    settings.SITE_URL = SITE
    for url in ("https://cdn.example.net/a.jpg", "//cdn.example.net/a.jpg", "mailto:a@b.org"):
        assert site_url.absolute_url(url) == url


def test_a_page_url_is_on_site_url_whatever_the_site_record_says(settings, site, article):
    site.hostname, site.port = "localhost", 80
    site.save()
    settings.SITE_URL = SITE
    assert article.full_url.startswith("http://localhost/")
    assert site_url.page_url(article) == SITE + article.url


def test_migrate_gives_the_default_site_the_address_of_site_url(settings, site):
    settings.SITE_URL = SITE
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("news.example.org", 443)
    assert site.root_url == SITE

    settings.SITE_URL = "http://127.0.0.1:8123"
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    site.refresh_from_db()
    assert site.root_url == "http://127.0.0.1:8123"


def _ids(messages):
    return {message.id for message in messages}


def test_the_check_reports_a_site_that_drifted_from_site_url(settings, site):
    settings.SITE_URL = SITE
    site.hostname, site.port = "localhost", 80
    site.save()
    messages = run_checks(databases=["default"])
    assert "core.W001" in _ids(messages)
    warning = next(m for m in messages if m.id == "core.W001")
    assert "localhost:80" in warning.msg and SITE in warning.msg

    site_url.sync_default_site()
    assert "core.W001" not in _ids(run_checks(databases=["default"]))


@pytest.mark.parametrize(
    "value",
    [
        "news.example.org",
        "ftp://news.example.org",
        "https://example.org/news",
        "http://example.org:port",
    ],
)
def test_a_site_url_that_is_not_an_address_is_an_error(settings, value):
    settings.SITE_URL = value
    assert "core.E001" in _ids(run_checks())


def test_a_site_url_wagtail_cannot_store_is_a_warning_and_left_unsynced(settings, site):
    settings.SITE_URL = "https://news.example.org:8443"
    assert "core.W002" in _ids(run_checks())
    assert site_url.sync_default_site() is False
    assert site_url.absolute_url("/war/") == "https://news.example.org:8443/war/"


def test_sync_site_url_reports_with_check_and_fixes_without(settings, site):
    settings.SITE_URL = SITE
    site.hostname, site.port = "localhost", 80
    site.save()
    with pytest.raises(CommandError, match="localhost:80"):
        call_command("sync_site_url", "--check")
    call_command("sync_site_url", stdout=io.StringIO())
    site.refresh_from_db()
    assert site.root_url == SITE
    call_command("sync_site_url", "--check", stdout=io.StringIO())


def test_sync_leaves_the_site_alone_when_another_site_has_the_address(settings, site, home):
    settings.SITE_URL = SITE
    site.hostname, site.port = "localhost", 80
    site.save()
    Site.objects.create(hostname="news.example.org", port=443, root_page=home)
    assert site_url.sync_default_site() is False
    with pytest.raises(CommandError, match="Another Site"):
        call_command("sync_site_url")


def test_paths_in_html_become_absolute_and_other_urls_stay(settings):
    settings.SITE_URL = SITE
    html = (
        '<a href="/war/">War</a> <a href="https://x.com/desk">X</a> <a href="#top">Top</a>'
        '<img src="/media/a.jpg" srcset="/media/a-480.webp 480w, //cdn.example.net/b.webp 800w">'
        "<audio src='/audio/1/ab.mp3'></audio> <a href=\"//cdn.example.net/c\">c</a>"
    )
    assert site_url.absolute_links(html) == (
        f'<a href="{SITE}/war/">War</a> <a href="https://x.com/desk">X</a> <a href="#top">Top</a>'
        f'<img src="{SITE}/media/a.jpg" srcset="{SITE}/media/a-480.webp 480w, '
        '//cdn.example.net/b.webp 800w">'
        f"<audio src='{SITE}/audio/1/ab.mp3'></audio> <a href=\"//cdn.example.net/c\">c</a>"
    )
