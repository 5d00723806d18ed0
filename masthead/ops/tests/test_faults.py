"""Fault tests: the production server (granian, 2 processes) on our OWN PostgreSQL and Redis
(started here on spare loopback ports, so the machine's servers are never touched), under a
steady load of page views and sign-ups, while Redis is stopped, PostgreSQL restarted and a
task worker killed. Nothing acknowledged may be lost.

The write endpoint is a stand-in kept in the tests' URLconf (fault_urls.py) until the
newsletters and comments apps are merged."""

from __future__ import annotations

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
from pathlib import Path

import pytest

from .servers import ROOT, Postgres, free_port, start_redis, stop, wait_for_port

pytestmark = pytest.mark.slow

BUILD = """
from masthead.news.tests.factories import make_home, make_section, make_article
from masthead.people.tests.factories import AuthorFactory
home = make_home()
war = make_section(home, title="War", slug="war")
make_article(section=war, authors=[AuthorFactory(name="Fault Tester")], title="Grid", slug="grid")
"""


def request(url: str, data: dict | None = None, timeout: float = 5) -> int:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with urllib.request.urlopen(url, data=body, timeout=timeout) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0  # connection refused/reset or timeout


class Load:
    """Readers fetching pages and a client signing up, each recording (time, status)."""

    def __init__(self, base: str):
        self.base = base
        self.views: list[tuple[float, int]] = []
        self.acknowledged: list[str] = []
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self.read, args=(path,), daemon=True)
            for path in ("/war/grid/", "/", "/war/")
        ] + [threading.Thread(target=self.sign_up, daemon=True)]

    def read(self, path: str) -> None:
        while not self.stopping.is_set():
            self.views.append((time.monotonic(), request(self.base + path)))
            time.sleep(0.02)

    def sign_up(self) -> None:
        while not self.stopping.is_set():
            token = uuid.uuid4().hex
            # Retry until acknowledged: the client's part of "nothing is lost".
            while request(self.base + "/t/signup/", {"token": token}) != 201:
                time.sleep(0.1)
            self.acknowledged.append(token)
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
        for args in (["migrate", "--noinput", "-v0"], ["shell", "-c", BUILD]):
            subprocess.run(
                [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=900
            )
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
        while request(base + "/war/grid/") != 200 and time.monotonic() < deadline:
            time.sleep(0.3)
        state = {"env": env, "base": base, "pg": pg, "redis_port": redis_port, "workdir": workdir}
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


def test_pages_are_served_while_redis_is_down_and_cached_again_when_it_returns(stack):
    base = stack["base"]
    with Load(base) as load:
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
    request(base + "/war/")
    with urllib.request.urlopen(base + "/war/", timeout=5) as response:  # noqa: S310
        assert response.headers["X-Cache"] == "HIT"
    assert set(load.acknowledged) <= _count_rows(stack, "signup-")


def test_postgres_restart_causes_errors_only_while_down_and_recovers_within_5_s(stack):
    pg = stack["pg"]
    with Load(stack["base"]) as load:
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
    # Every sign-up the client saw acknowledged is stored, before, during and after.
    acknowledged = set(load.acknowledged)
    assert len(acknowledged) >= 5
    assert acknowledged <= _count_rows(stack, "signup-")


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
