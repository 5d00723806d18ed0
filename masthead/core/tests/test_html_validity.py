"""Every page type, rendered from the demo newsroom, passes the W3C Nu HTML checker.

The checker is the `vnu-jar` npm package (pinned in package.json, installed by `npm ci`
into node_modules/) and runs on Java; .ci/run installs both, so CI never skips this test.
One JVM checks every page at once."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

VNU_JAR = Path(
    os.environ.get(
        "VNU_JAR", Path(django_settings.BASE_DIR) / "node_modules/vnu-jar/build/dist/vnu.jar"
    )
)


def _checker() -> list[str]:
    java = shutil.which("java")
    missing = []
    if not java:
        missing.append("java (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        missing.append(f"{VNU_JAR} (npm ci)")
    if missing:
        reason = "the Nu HTML checker needs " + " and ".join(missing) + "; .ci/run installs them"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return [java, "-Xss4m", "-jar", str(VNU_JAR)]


def check_pages(checker: list[str], pages: dict[str, bytes], folder: Path):
    """Run the checker once over every page (name → HTML). Returns (the errors, each naming
    its page and line; the checker's finished process)."""
    files = {}
    for name, content in pages.items():
        path = folder / (name.replace(" ", "-") + ".html")
        path.write_bytes(content)
        files[path.name] = name
    result = subprocess.run(  # noqa: S603 - fixed argv
        [*checker, "--format", "json", "--errors-only", *(str(folder / f) for f in files)],
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
    return errors, result


def _page_urls(client):
    """One URL of each page type a reader can reach, from the seeded demo newsroom."""
    from taggit.models import Tag

    from masthead.comments.models import Comment
    from masthead.news.models import ArticlePage, SectionPage, StaticPage
    from masthead.organisation.models import JobsPage, OpinionFormPage, TeamPage
    from masthead.people.models import Author

    articles = ArticlePage.objects.live().specific()
    free = articles.filter(is_premium=False).exclude(lead_image=None).first()
    premium = articles.filter(is_premium=True).first()
    commented = Comment.objects.order_by("pk").first()
    urls = {
        "front": "/",
        "article": free.url,
        "premium article": premium.url,
        "news feed": "/news-feed/",
        "search with results": "/search/?q=" + free.title.split()[0],
        "section": SectionPage.objects.live().first().url,
        "tag": f"/tags/{Tag.objects.order_by('pk').first().slug}/",
        "author": Author.objects.order_by("pk").first().get_absolute_url(),
        "newsletters": "/newsletters/",
        "membership": "/membership/",
        "static page": StaticPage.objects.live().first().url,
        "team": TeamPage.objects.live().first().url,
        "jobs": JobsPage.objects.live().first().url,
        "opinion form": OpinionFormPage.objects.live().first().url,
        "corrections": "/corrections/",
        "sign-in": "/account/sign-in/",
    }
    from masthead.datadesk.models import TrackerPage

    tracker = TrackerPage.objects.live().first()
    if tracker:
        urls["tracker"] = tracker.url
    if commented:
        urls["comments"] = f"/comments/{commented.article_id}/"
    return urls


def test_every_page_type_has_no_html_errors(client, settings, tmp_path):
    checker = _checker()
    settings.VAR_DIR = tmp_path
    settings.ALLOWED_HOSTS = ["*"]
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 - silence

    from masthead.accounts.tests.factories import UserFactory

    pages = {}
    for name, url in _page_urls(client).items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        pages[name] = response.content
    reader = UserFactory(username="validity-reader", email="validity-reader@example.org")
    client.force_login(reader)
    response = client.get("/account/")
    assert response.status_code == 200
    pages["account"] = response.content
    assert b"<time datetime=" in pages["front"]  # the times, which once failed, are checked

    errors, result = check_pages(checker, pages, tmp_path)
    assert not errors, "\n".join(errors)
    assert result.returncode == 0, result.stderr[-2000:]
