"""Backup and restore round trip on a real site (its own database and media folder, in
subprocesses, as an operator runs it): the restored site serves identical pages."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[3]

BUILD = """
from masthead.news.tests.factories import make_home, make_section, make_article
from masthead.people.tests.factories import AuthorFactory
home = make_home()
war = make_section(home, title="War", slug="war")
author = AuthorFactory(name="Olha Backup", slug="olha-backup")
make_article(section=war, authors=[author], title="Grid repaired overnight", slug="grid")
"""

RENDER = """
from django.test import Client
from masthead.news.models import ArticlePage
client = Client()
article = ArticlePage.objects.get(slug="grid")
image_path = article.lead_image.file.name
for url in ["/", "/war/", "/war/grid/", "/authors/olha-backup/"]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    print("PAGE", url, response.content.hex())
from django.core.files.storage import default_storage
print("IMAGE", default_storage.open(image_path).read().hex())
"""


@pytest.fixture
def scratch_database(tmp_path):
    """(URL, reset) of a database of the test's own; on PostgreSQL it is dropped afterwards."""
    url, reset = _database_url(tmp_path)
    yield url, reset
    reset(create=False)


def _database_url(tmp_path) -> tuple[str, callable]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / 'site.sqlite3'}", lambda create=True: None
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_backup_rt"
    admin = urlunsplit(parts._replace(path="/postgres"))

    def reset(create=True):
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if create:
                conn.execute(f'CREATE DATABASE "{name}"')

    return urlunsplit(parts._replace(path=f"/{name}")), reset


def _manage(env, *args, stdin=None):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        input=stdin,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


def _pages(env) -> dict[str, str]:
    out = _manage(env, "shell", "-c", RENDER)
    return {
        line.split()[1]: line.split()[-1]
        for line in out.splitlines()
        if line.startswith(("PAGE ", "IMAGE "))
    }


@pytest.mark.slow
def test_a_restored_site_serves_identical_pages(tmp_path, scratch_database):
    database_url, reset_database = scratch_database
    reset_database()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.base",
        "MASTHEAD_VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DATABASE_URL": database_url,
        "SECRET_KEY": "backup-test-secret-key-that-is-long-enough-for-django-5-checks",
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "shell", "-c", BUILD)
    before = _pages(env)
    assert len(before) == 5

    archive = tmp_path / "site.tar.gz"
    _manage(env, "backup", str(archive))

    # Lose everything: a fresh empty database and no media.
    if database_url.startswith("sqlite"):
        Path(database_url.removeprefix("sqlite:///")).unlink()
    else:
        reset_database()
    for path in sorted((tmp_path / "media").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()

    out = _manage(env, "restore", str(archive), "--yes")
    assert "Restored the" in out
    assert _pages(env) == before


@pytest.mark.slow
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "not-a-backup.tar.gz"
    bogus.write_bytes(b"hello")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "masthead.settings.test"}
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(bogus), "--yes"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Cannot restore" in result.stderr
    assert "Traceback" not in result.stderr
