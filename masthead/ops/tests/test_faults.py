"""Fault tests: the production server (granian, 2 processes) on our OWN PostgreSQL and Redis
(started here on spare loopback ports, so the machine's servers are never touched), under a
steady load of page views, newsletter sign-ups and comments, while Redis is stopped,
PostgreSQL restarted and a task worker killed. Nothing acknowledged may be lost: every sign-up
and comment the client saw accepted is counted in the database afterwards.

The sign-ups and comments go through the real endpoints (the newsletter form, the comment
form with a signed-in reader's session and a CSRF token), as a browser sends them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from email.message import Message
from pathlib import Path

import pytest

from .servers import ROOT, Postgres, free_port, start_redis, stop, wait_for_port

pytestmark = pytest.mark.slow

BUILD = """
from django.test import Client
from masthead.accounts.tests.factories import UserFactory
from masthead.news.tests.factories import make_home, make_section, make_article
from masthead.newsletters.models import Newsletter
from masthead.people.tests.factories import AuthorFactory
home = make_home()
war = make_section(home, title="War", slug="war")
article = make_article(
    section=war, authors=[AuthorFactory(name="Fault Tester")], title="Grid", slug="grid"
)
Newsletter.objects.create(name="Daily", slug="daily", sender_email="news@example.org")
client = Client()
client.force_login(UserFactory(username="steady", email="steady@example.org"))
print("FAULT", article.pk, client.cookies["sessionid"].value)
"""
# Any 32 letters or digits make a valid CSRF secret; the form sends the same, unmasked.
CSRF = "faulttestcsrfsecret0123456789abc"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer here, not a hop


OPENER = urllib.request.build_opener(NoRedirect)


def request(
    url: str, data: dict | None = None, timeout: float = 5, headers: dict | None = None
) -> tuple[int, Message, bytes]:
    """(status, headers, body); headers are looked up case-insensitively (granian sends
    lower-case names). Status 0 when the server could not be reached."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with OPENER.open(req, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""
    except OSError:
        return 0, Message(), b""  # connection refused/reset or timeout


def status_of(url: str) -> int:
    return request(url)[0]


class Load:
    """Readers fetching pages, a client signing up to a newsletter and a signed-in reader
    commenting, each recording what it saw."""

    def __init__(self, stack: dict):
        self.base = stack["base"]
        self.article_id = stack["article_id"]
        self.session = stack["session"]
        self.views: list[tuple[float, int]] = []
        self.signed_up: list[str] = []
        self.commented: list[str] = []
        self.last_refusal: tuple = ()  # what the server last answered to a refused write
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self.read, args=(path,), daemon=True)
            for path in ("/war/grid/", "/", "/war/")
        ] + [
            threading.Thread(target=self.sign_up, daemon=True),
            threading.Thread(target=self.comment, daemon=True),
        ]

    def read(self, path: str) -> None:
        while not self.stopping.is_set():
            self.views.append((time.monotonic(), status_of(self.base + path)))
            time.sleep(0.02)

    def _until_acknowledged(self, send) -> None:
        """Retry until the server says yes: the client's part of "nothing is lost"."""
        while not send():
            time.sleep(0.1)

    def sign_up(self) -> None:
        headers = {"Origin": self.base, "Accept": "application/json"}
        while not self.stopping.is_set():
            token = uuid.uuid4().hex

            def send(token=token):
                data = {"email": f"{token}@example.org", "newsletter": "daily"}
                status, _, body = request(self.base + SUBSCRIBE, data, headers=headers)
                self.last_refusal = (status, body[:200])
                return status == 200 and json.loads(body).get("ok") is True

            self._until_acknowledged(send)
            self.signed_up.append(token)
            time.sleep(0.05)

    def comment(self) -> None:
        headers = {
            "Origin": self.base,
            "Cookie": f"sessionid={self.session}; csrftoken={CSRF}",
        }
        url = f"{self.base}/comments/{self.article_id}/post/"
        while not self.stopping.is_set():
            token = uuid.uuid4().hex

            def send(token=token):
                data = {"body": f"Steady reader note {token}", "csrfmiddlewaretoken": CSRF}
                status, answer, _ = request(url, data, headers=headers)
                self.last_refusal = (status, answer.get("Location"))
                return status == 302 and "#comment-" in answer.get("Location", "")

            self._until_acknowledged(send)
            self.commented.append(token)
            time.sleep(0.05)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def statuses(self, start: float, end: float) -> list[int]:
        return [status for at, status in self.views if start <= at < end]

    def assert_nothing_lost(self, stack: dict, *, at_least: int = 1) -> None:
        counts = (len(self.signed_up), len(self.commented), self.last_refusal)
        assert len(self.signed_up) >= at_least and len(self.commented) >= at_least, counts
        assert set(self.signed_up) <= _signed_up(stack)
        assert set(self.commented) <= _commented(stack)


SUBSCRIBE = "/newsletters/subscribe/"


@pytest.fixture(scope="module")
def stack():
    workdir = Path(tempfile.mkdtemp(prefix="masthead-faults-"))
    workdir.chmod(0o777)
    pg = Postgres(port=free_port(), workdir=workdir)
    pg.init()
    pg.start()
    # Whatever fails during set-up or the tests, stop every server and remove the folder.
    web = redis = None
    state: dict = {}
    try:
        redis_port = free_port()
        redis = start_redis(port=redis_port, workdir=workdir / "redis")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "masthead.ops.tests.fault_settings",
            "DATABASE_URL": pg.url(),
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "MASTHEAD_VAR_DIR": str(workdir / "var"),
            "SECRET_KEY": "fault-test-secret-key-long-enough-for-django-checks-0123456789",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DB_CONN_MAX_AGE": "60",
            "WORKER_HEARTBEAT_INTERVAL": "0.5",
            "WORKER_HEARTBEAT_STALE_AFTER": "3",
            "LOG_LEVEL": "ERROR",
        }
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT, env=env, check=True, timeout=900,
        )  # fmt: skip
        built = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", BUILD],
            cwd=ROOT, env=env, check=True, timeout=900, capture_output=True, text=True,
        )  # fmt: skip
        _, article_id, session = next(
            line for line in built.stdout.splitlines() if line.startswith("FAULT ")
        ).split()
        port = free_port()
        web = subprocess.Popen(
            [str(Path(sys.executable).parent / "granian"), "--interface", "wsgi",
             "masthead.wsgi:application", "--host", "127.0.0.1", "--port", str(port),
             "--workers", "2", "--blocking-threads", "4", "--no-access-log"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(port, timeout=60)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while status_of(base + "/war/grid/") != 200 and time.monotonic() < deadline:
            time.sleep(0.3)
        state = {"env": env, "base": base, "pg": pg, "redis_port": redis_port, "workdir": workdir}
        state.update(article_id=int(article_id), session=session)
        state["redis"] = redis
        yield state
    finally:
        for process in (web, state.get("redis", redis)):
            if process is not None:
                stop(process)
        pg.stop("immediate")
        shutil.rmtree(workdir, ignore_errors=True)


def _query(stack: dict, sql: str, params=(), *, fetch: bool = True) -> list[tuple]:
    import psycopg

    with psycopg.connect(stack["pg"].url(), connect_timeout=5) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if fetch else []


def _count_rows(stack: dict, prefix: str) -> set[str]:
    rows = _query(stack, "SELECT name FROM auth_group WHERE name LIKE %s", [prefix + "%"])
    return {name.removeprefix(prefix) for (name,) in rows}


def _signed_up(stack: dict) -> set[str]:
    """Tokens of the addresses with a (pending) subscription to the Daily newsletter."""
    rows = _query(
        stack,
        "SELECT s.email FROM newsletters_subscriber s"
        " JOIN newsletters_subscription n ON n.subscriber_id = s.id"
        " JOIN newsletters_newsletter l ON l.id = n.newsletter_id WHERE l.slug = 'daily'",
    )
    return {email.split("@")[0] for (email,) in rows}


def _commented(stack: dict) -> set[str]:
    rows = _query(stack, "SELECT body FROM comments_comment WHERE article_id = %s",
                  [stack["article_id"]])  # fmt: skip
    return {body.rsplit(" ", 1)[-1] for (body,) in rows}


def test_the_load_clients_writes_are_accepted_and_counted(stack):
    """The clients' own check: sign-ups and comments go through when nothing fails."""
    with Load(stack) as load:
        # A few of each, however slow a busy machine makes them (2 s was too short for three
        # comments on a loaded CI machine).
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and min(len(load.signed_up), len(load.commented)) < 3:
            time.sleep(0.2)
    load.assert_nothing_lost(stack, at_least=3)
    assert all(status == 200 for _, status in load.views)


def test_pages_are_served_while_redis_is_down_and_cached_again_when_it_returns(stack):
    base = stack["base"]
    with Load(stack) as load:
        time.sleep(1.5)
        down_at = time.monotonic()
        stop(stack["redis"])
        time.sleep(3)
        up_at = time.monotonic()
        stack["redis"] = start_redis(port=stack["redis_port"], workdir=stack["workdir"] / "redis")
        time.sleep(2.5)
    during = load.statuses(down_at + 1, up_at)
    assert during, "no page views while Redis was down"
    assert all(status == 200 for status in during), sorted(set(during))
    after = load.statuses(up_at, time.monotonic())
    assert after and all(status == 200 for status in after)
    # The cache works again: a page is stored and then served from it.
    status_of(base + "/war/")
    status, headers, _ = request(base + "/war/")
    assert status == 200 and headers["X-Cache"] == "HIT"
    load.assert_nothing_lost(stack)


def test_postgres_restart_causes_errors_only_while_down_and_recovers_within_5_s(stack):
    pg = stack["pg"]
    with Load(stack) as load:
        time.sleep(1.5)
        down_at = time.monotonic()
        pg.stop("fast")
        time.sleep(2)
        pg.start()
        up_at = time.monotonic()
        time.sleep(6)
    before = load.statuses(0, down_at)
    assert before and all(status == 200 for status in before)
    recovered = load.statuses(up_at + 5, time.monotonic())
    assert recovered and all(status == 200 for status in recovered), sorted(set(recovered))
    # Every sign-up and comment the clients saw acknowledged is stored, before, during and
    # after the restart.
    load.assert_nothing_lost(stack, at_least=5)


def test_a_killed_workers_task_is_finished_by_another_worker(stack):
    env = stack["env"]
    # Tasks left by the earlier tests (renditions, narration of the built article) are quick:
    # were the victim to claim one of those first, it could finish it before the kill.
    _query(stack, "DELETE FROM django_tasks_database_dbtaskresult", fetch=False)
    tokens = [uuid.uuid4().hex for _ in range(5)]
    enqueue = "from masthead.ops.tests.fault_tasks import slow_record;" + "".join(
        f"slow_record.enqueue({t!r}, 1.5);" for t in tokens
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", enqueue],
        cwd=ROOT, env=env, check=True, timeout=120,
    )  # fmt: skip
    worker_cmd = [sys.executable, "manage.py", "worker", "--queue-name", "*", "--interval",
                  "0.2", "--no-startup-delay", "-v0"]  # fmt: skip
    victim = subprocess.Popen([*worker_cmd, "--worker-id", "victim"], cwd=ROOT, env=env)
    survivor = None
    try:
        # Let the victim claim a task, then kill it without warning.
        deadline = time.monotonic() + 180  # a worker takes a while to boot on a busy machine
        sql = (
            "SELECT count(*) FROM django_tasks_database_dbtaskresult"
            " WHERE status = 'RUNNING' AND worker_ids::text LIKE %s"
        )
        while time.monotonic() < deadline and not _query(stack, sql, ["%victim%"])[0][0]:
            assert victim.poll() is None, "the victim worker exited on its own"
            time.sleep(0.05)
        victim.kill()
        victim.wait()
        held = _query(
            stack,
            "SELECT count(*) FROM django_tasks_database_dbtaskresult"
            " WHERE status = 'RUNNING' AND worker_ids::text LIKE %s",
            ["%victim%"],
        )[0][0]
        assert held == 1, "the victim was killed without a task in hand"
        survivor = subprocess.Popen([*worker_cmd, "--worker-id", "survivor"], cwd=ROOT, env=env)
        deadline = time.monotonic() + 60
        done: set[str] = set()
        while time.monotonic() < deadline:
            done = _count_rows(stack, "task-")
            if set(tokens) <= done:
                break
            time.sleep(1)
        assert set(tokens) <= done
        retried = _query(
            stack,
            "SELECT count(*) FROM django_tasks_database_dbtaskresult"
            " WHERE worker_ids::text LIKE %s AND status = 'SUCCESSFUL'",
            ["%victim%survivor%"],
        )[0][0]
        assert retried == 1  # the task the victim held was run again, by the survivor
    finally:
        for process in (victim, survivor):
            if process is not None:
                stop(process)
