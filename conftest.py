"""Fixtures shared by every app's tests: the site tree, staff by role, article factory."""

import pytest


def pytest_collection_modifyitems(items):
    """A transactional test empties every table when it ends, migration data included (the
    page tree's root, the default site and collection, content types, roles). Restore that
    data after each one, so whatever runs next on the same worker finds it."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            item.add_marker(
                pytest.mark.django_db(
                    *marker.args, **{**marker.kwargs, "serialized_rollback": True}
                ),
                append=False,
            )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test databases, with one more step before they are dropped: on
    PostgreSQL, close the sessions a test's threads or servers left open, which would
    otherwise stop the drop ("is being accessed by other users") and leave the database."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    """Each test starts with empty caches: the shared store and every copy this process
    keeps (caching runs in tests as it does in production)."""
    from masthead.caching.pages import clear

    settings.MEDIA_ROOT = str(tmp_path / "media")
    clear()
    yield
    clear()


@pytest.fixture
def roles(db):
    from masthead.accounts.roles import ensure_newsroom_roles

    return ensure_newsroom_roles()


@pytest.fixture
def home(db):
    from masthead.news.tests.factories import make_home

    return make_home()


@pytest.fixture
def section(home):
    from masthead.news.tests.factories import make_section

    return make_section(home, title="War", slug="war")


@pytest.fixture
def author(db):
    from masthead.people.tests.factories import AuthorFactory

    return AuthorFactory(name="Iryna Demo", role="Kyiv correspondent")


@pytest.fixture
def make_article(section, author):
    from masthead.news.tests.factories import make_article

    def make(**kwargs):
        kwargs.setdefault("section", section)
        kwargs.setdefault("authors", [author])
        return make_article(**kwargs)

    return make


@pytest.fixture
def article(make_article):
    return make_article()


def _staff(username, group_name, roles, **extra):
    from django.contrib.auth.models import Group

    from masthead.accounts.tests.factories import UserFactory

    user = UserFactory(username=username, **extra)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(roles):
    return _staff("editor", "Editor", roles)


@pytest.fixture
def reporter(roles):
    return _staff("reporter", "Reporter", roles)


@pytest.fixture
def admin_user(roles):
    return _staff("admin", "Administrator", roles, is_superuser=True, is_staff=True)


@pytest.fixture
def task_worker(django_db_serialized_rollback, transactional_db, settings):
    """Start real `db_worker` processes on the test database (the database task backend),
    as production runs them. Yields a function that starts one and returns its Popen."""
    import os
    import subprocess
    import sys

    from django.conf import settings as django_settings
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{db['NAME']}"
    else:
        host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        url = f"postgres://{db['USER'] or 'postgres'}@{host}/{db['NAME']}"
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "newsletters", "narration"],
        }
    }
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.base",
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
        "EMAIL_URL": os.environ.get("EMAIL_URL", "smtp://127.0.0.1:1"),
        "LOG_LEVEL": "WARNING",
    }
    processes = []

    def start(*extra_args, env_overrides=None):
        process = subprocess.Popen(  # noqa: S603 - fixed argv
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--queue-name",
                "*",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.2",
                *extra_args,
            ],
            env={**env, **(env_overrides or {})},
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


CHROMIUM = "/usr/bin/chromium"
# Flags for headless Chromium on a machine with no outside network: no sandbox (root), no
# GPU, and none of the background connections it would otherwise try to make.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--mute-audio",
]


@pytest.fixture
def browser_context():
    """A fresh browser context in Debian's Chromium, driven by Playwright."""
    import os
    import shutil

    chromium = shutil.which("chromium") or CHROMIUM
    if not os.path.exists(chromium):
        pytest.fail(
            f"Chromium is needed at {chromium} (.ci/run installs it: apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # ordinary blocking ones made before and after, never inside it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser.new_context(viewport={"width": 1280, "height": 900})
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def browser_page(browser_context):
    return browser_context.new_page()
