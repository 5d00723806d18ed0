"""The fault test: a worker killed with SIGKILL in the middle of sending an issue. Real
`manage.py db_worker` processes, a real SMTP server, the real database."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from masthead.newsletters import services
from masthead.newsletters.models import Delivery, Issue

from .factories import make_issue, make_subscribers
from .smtp import SMTPServer

ROOT = Path(__file__).resolve().parents[3]
RECIPIENTS = 2000

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):  # the test database is a file (settings/test.py)
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def _worker(env, log):
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name",
            "newsletters",
            "--interval",
            "0.1",
            "--no-startup-delay",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _wait(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_a_worker_killed_mid_send_leaves_no_recipient_missed_and_at_most_one_duplicate(
    settings, newsletter, article, tmp_path
):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "newsletters", "narration"],
        }
    }
    readers = make_subscribers(newsletter, RECIPIENTS)
    issue = make_issue(newsletter, [article])
    with SMTPServer(pipelining=True) as smtp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "masthead.settings.base",
            "DATABASE_URL": _database_url(),
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "LOG_LEVEL": "WARNING",
            "NEWSLETTER_SENDERS": "1",
            "NEWSLETTER_BATCH_SIZE": "100",
            "NEWSLETTER_LEASE_SECONDS": "3",
            "NEWSLETTER_WATCH_SECONDS": "1",
        }
        services.issue_send_now(issue=issue)  # autocommit: the start task is enqueued now
        with open(tmp_path / "workers.log", "w") as log:
            first = _worker(env, log)
            try:
                _wait(lambda: len(smtp.handler.messages) >= 300, 90, "the first 300 messages")
                first.send_signal(signal.SIGKILL)
                first.wait(timeout=10)
                sent_before_restart = len(smtp.handler.messages)
                assert sent_before_restart < RECIPIENTS, "killed too late to test anything"
                second = _worker(env, log)
                try:
                    _wait(
                        lambda: Issue.objects.get(pk=issue.pk).status == Issue.SENT,
                        120,
                        "the issue to finish",
                    )
                finally:
                    second.terminate()
                    second.wait(timeout=20)
            finally:
                if first.poll() is None:
                    first.kill()

    received = smtp.handler.recipients()
    counts = {}
    for address in received:
        counts[address] = counts.get(address, 0) + 1
    missed = [r.email for r in readers if r.email not in counts]
    duplicates = sum(n - 1 for n in counts.values())
    assert missed == []
    assert duplicates <= 1  # one killed worker: at most one message accepted but not marked
    assert Delivery.objects.filter(issue=issue).exclude(state=Delivery.SENT).count() == 0
