"""Benchmark: one newsletter issue with 10 articles to 100,000 confirmed subscribers on
PostgreSQL, sent by 2 `manage.py db_worker` processes to a local SMTP sink (bench/smtp_sink.py,
a separate process) that counts and parses every message.

Reports messages per second, wall time (from "send now" to the issue marked sent), peak RSS
of each worker, the CPU seconds that the workers, the sink and the PostgreSQL backends spent
during the send (and their sum per message: the figure to compare on a shared machine), and
checks that every subscriber got exactly one message whose unsubscribe link is theirs and
that every message passed the sink's checks. Figures are printed LAST as one line of JSON.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_newsletters_bench \
        .venv/bin/python bench/newsletter.py

Env: BENCH_SUBSCRIBERS (100000), BENCH_WORKERS (2), BENCH_SMTP_PORT (8225),
BENCH_SINK_PROCESSES (2), BENCH_TIMEOUT (1800 s; on timeout the partial figures are
reported with "completed": false)."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/h_newsletters_bench")
SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", "100000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
PORT = int(os.environ.get("BENCH_SMTP_PORT", "8225"))
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "1800"))
SINK_PROCESSES = int(os.environ.get("BENCH_SINK_PROCESSES", "2"))
PYTHON = sys.executable

ENV = {
    **os.environ,
    "DATABASE_URL": DB_URL,
    "DJANGO_SETTINGS_MODULE": "masthead.settings.base",
    "EMAIL_URL": f"smtp://127.0.0.1:{PORT}",
    "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    "LOG_LEVEL": "WARNING",
    "NEWSLETTER_SENDERS": str(WORKERS),
    "SITE_URL": "https://news.example",
    "ALLOWED_HOSTS": "news.example,127.0.0.1,localhost",
}
os.environ.update(ENV)


def ensure_database():
    import psycopg

    parts = urlsplit(DB_URL)
    name = parts.path.lstrip("/")
    admin = DB_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=ENV, check=True
    )


def prepare():
    """Fresh data: 10 articles, one newsletter, SUBSCRIBERS confirmed readers, one issue."""
    import django

    django.setup()
    from django.db import connection
    from wagtail.models import Site

    from masthead.news.models import ArticlePage
    from masthead.news.tests.factories import make_article, make_home, make_section
    from masthead.newsletters.models import (
        Delivery,
        Issue,
        IssueArticle,
        Newsletter,
        Subscriber,
        Subscription,
    )
    from masthead.people.models import Author

    # TRUNCATE, not DELETE: every run starts from tables and indexes without dead rows.
    tables = [
        model._meta.db_table
        for model in (Delivery, IssueArticle, Issue, Subscription, Subscriber, Newsletter)
    ]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_tasks_database_dbtaskresult")
        cursor.execute(f"TRUNCATE {', '.join(tables)}")

    articles = list(ArticlePage.objects.live().order_by("-first_published_at")[:10])
    if len(articles) < 10:
        site = Site.objects.filter(is_default_site=True).first()
        home = site.root_page.specific if site and site.root_page.depth > 1 else make_home()
        section = make_section(home, title="Bench", slug=f"bench-{int(time.time())}")
        author, _ = Author.objects.get_or_create(
            slug="bench-author", defaults={"name": "Bench Author"}
        )
        for i in range(10 - len(articles)):
            articles.append(
                make_article(
                    section=section,
                    authors=[author],
                    title=f"Benchmark story number {i} about the grid and the front",
                    slug=f"bench-story-{i}",
                    image=False,
                )
            )
    newsletter = Newsletter.objects.create(
        name="Bench Briefing", slug="bench", sender_email="briefing@news.example", is_default=True
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO newsletters_subscriber (email, created_at, paused, hard_bounces) "
            "SELECT 'reader' || g || '@example.com', now(), false, 0 "
            "FROM generate_series(1, %s) g",
            [SUBSCRIBERS],
        )
        cursor.execute(
            "INSERT INTO newsletters_subscription (subscriber_id, newsletter_id, status,"
            " created_at, confirmed_at)"
            " SELECT id, %s, 'active', now(), now() FROM newsletters_subscriber",
            [newsletter.pk],
        )
        cursor.execute("VACUUM ANALYZE")
    issue = Issue.objects.create(
        newsletter=newsletter,
        subject="The benchmark briefing",
        preheader="Ten stories for a hundred thousand readers.",
        intro="<p>Good morning. This is the benchmark issue.</p>",
    )
    IssueArticle.objects.bulk_create(
        [IssueArticle(issue=issue, article=a, sort_order=i) for i, a in enumerate(articles[:10])]
    )
    return issue


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def backend_cpu() -> dict[tuple[int, str], float]:
    """CPU seconds of each PostgreSQL backend on the bench database (but this script's), by
    (pid, backend type); empty when the server is not on this machine."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, backend_type FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        backends = cursor.fetchall()
    found = {}
    for pid, kind in backends:
        try:
            found[(pid, kind)] = cpu_seconds(pid)
        except OSError:
            continue
    return found


def children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def main():
    ensure_database()
    issue = prepare()
    from django.db import transaction

    from masthead.newsletters import services, tokens
    from masthead.newsletters.models import Issue, Subscriber

    out = tempfile.mktemp(prefix="masthead-sink-", suffix=".tsv")  # noqa: S306 - sink creates it
    sink = subprocess.Popen(
        [PYTHON, str(ROOT / "bench" / "smtp_sink.py"), str(PORT), out, str(SINK_PROCESSES)],
        stdout=subprocess.PIPE,
        text=True,
    )
    for _ in range(SINK_PROCESSES):
        assert sink.stdout.readline().strip() == "ready"
    sink_pids = children(sink.pid)
    workers = [
        subprocess.Popen(
            [
                PYTHON,
                "manage.py",
                "db_worker",
                "--queue-name",
                "newsletters",
                "--interval",
                "0.2",
                "--no-startup-delay",
            ],
            cwd=ROOT,
            env=ENV,
        )
        for _ in range(WORKERS)
    ]
    time.sleep(4)  # let the workers import Django and start polling
    # CPU is counted from here: what sending costs, not what starting Python costs.
    worker_cpu0 = [cpu_seconds(w.pid) for w in workers]
    sink_cpu0 = sum(cpu_seconds(pid) for pid in sink_pids)
    # Backends come and go with the tasks' connections: keep the first and last CPU reading of
    # every backend seen (sampled with each poll, so at most 0.25 s of a leaving one is lost).
    backends_first = backend_cpu()
    backends_last = dict(backends_first)
    started = time.perf_counter()
    with transaction.atomic():
        services.issue_send_now(issue=issue)
    completed = False
    try:
        while time.perf_counter() - started < TIMEOUT:
            time.sleep(0.25)
            for backend, seconds in backend_cpu().items():
                backends_first.setdefault(backend, 0.0)
                backends_last[backend] = seconds
            issue.refresh_from_db()
            if issue.status == Issue.SENT:
                completed = True
                break
        wall = time.perf_counter() - started
        rss = [round(peak_rss_mb(w.pid), 1) for w in workers]
        worker_cpu = [
            round(cpu_seconds(w.pid) - c, 2) for w, c in zip(workers, worker_cpu0, strict=True)
        ]
        sink_cpu = round(sum(cpu_seconds(pid) for pid in sink_pids) - sink_cpu0, 2)
        postgres_by_type = {}
        for (pid, kind), last in backends_last.items():
            used = last - backends_first[(pid, kind)]
            postgres_by_type[kind] = round(postgres_by_type.get(kind, 0.0) + used, 2)
        postgres_cpu = round(sum(postgres_by_type.values()), 2)
    finally:
        for w in workers:  # a timed-out sender would finish its batch first: stop it now
            w.send_signal(signal.SIGTERM if completed else signal.SIGKILL)
        for w in workers:
            w.wait(timeout=60)
        sink.send_signal(signal.SIGTERM)
        sink.wait(timeout=60)

    emails = dict(Subscriber.objects.values_list("email", "pk"))
    received, wrong_link, bad_checks, deep_checked, deep_bad = {}, 0, 0, 0, 0
    lines = []
    for number in range(SINK_PROCESSES):
        part = Path(f"{out}.{number}")
        lines += part.read_text().splitlines()
        part.unlink()
    for line in lines:
        rcpt, to, https, verdict, deep = line.split("\t")
        received[rcpt] = received.get(rcpt, 0) + 1
        token = https.rstrip("/").rpartition("/")[2]
        try:
            subscriber_id, _ = tokens.read_unsubscribe_token(token)
        except tokens.BadToken:
            subscriber_id = None
        if to != rcpt or emails.get(rcpt) != subscriber_id:
            wrong_link += 1
        bad_checks += verdict != "ok"
        if deep:
            deep_checked += 1
            deep_bad += deep != "ok"
    missing = sum(1 for email in emails if email not in received)
    duplicates = sum(n - 1 for n in received.values() if n > 1)
    result = {
        "benchmark": "newsletter",
        "subscribers": SUBSCRIBERS,
        "workers": WORKERS,
        "completed": completed,
        "messages": sum(received.values()),
        "wall_s": round(wall, 2),
        "messages_per_s": round(sum(received.values()) / wall, 1),
        "peak_rss_mb_per_worker": rss,
        "cpu_s_per_worker": worker_cpu,
        "cpu_s_sink": sink_cpu,
        "cpu_s_postgres": postgres_cpu,
        "cpu_s_postgres_by_backend_type": postgres_by_type,
        "cpu_ms_per_message": round(
            1000 * (sum(worker_cpu) + sink_cpu + postgres_cpu) / max(1, sum(received.values())), 3
        ),
        "missing": missing,
        "duplicates": duplicates,
        "wrong_unsubscribe_link": wrong_link,
        "failed_message_checks": bad_checks,
        "fully_parsed_sample": deep_checked,
        "bad_full_parses": deep_bad,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "ok": completed
        and missing == 0
        and duplicates == 0
        and wrong_link == 0
        and bad_checks == 0
        and deep_bad == 0,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
