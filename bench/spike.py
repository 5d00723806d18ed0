"""Breaking-news benchmark: 256 readers on 10,000 articles while an editor keeps publishing.

The production server (granian, 2 processes, bench/servers.py) on a database of --articles
articles (SQLite; PostgreSQL with Redis with --postgres), Varnish with the shipped VCL in
front of it, and nginx serving the same paths as static files. wrk (bench/spike.lua) sends
each of them the same request sequence, drawn beforehand from a seeded mix: articles by a Zipf
law (exponent ZIPF_EXPONENT; the newest article is the most read), the front page, the section
pages and the news feed's JSON endpoint (MIX), asking as browsers do (Accept-Encoding: gzip,
BROWSER_HEADERS: nginx sends the app's gzip bytes, Varnish its stored gzip copy; a plain client
made Varnish gunzip every answer while nginx sent files). Varnish and nginx take EDGE_ROUNDS
alternating turns, their rates averaged (the machine's speed drifts over minutes). Each turn is
measured for --seconds, after the pages a site has cached before news breaks are requested
(warm_paths: by default every page of the mix once, as on a site that has been serving;
--warm top for caches emptied just before) and WARMUP_SECONDS of the same load.

Varnish and nginx each run in a session of their own: a scheduling group of their own, as
systemd or a container gives each service its own cgroup (bench/servers.py, ``own_group``).

Meanwhile an editor, in a process of its own with the server's settings (and one task
worker, as deploy/ runs it: Wagtail purges Varnish through the task queue), posts a news-feed
item every FEED_EVERY seconds (saved as the snippet admin saves it) and every ARTICLE_EVERY
seconds publishes a new article or edits the newest one (a Wagtail revision, published as the
page editor publishes it). After each, pollers request the front page, the feed JSON and the
article, through the app and through Varnish, until the new headline shows: the delay from
the start of the publish is the publish-to-visible time.

The database is built once per code version (the migrations and the builder,
bench/archive.py) and kept under var/bench/ (PostgreSQL: a database named after --pg-url);
each run works on a fresh copy, so runs start alike.

    .venv/bin/python bench/spike.py                      # SQLite, 10,000 articles
    .venv/bin/python bench/spike.py --postgres           # PostgreSQL + Redis
    .venv/bin/python bench/spike.py --articles 500 --seconds 10

Needs wrk, nginx and varnish (bench/system-packages.sh). Saves bench/results/spike-<time>.json
and prints its figures LAST as one line of JSON.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import archive
import servers
from servers import PYTHON, ROOT, Server, get, manage, need, stop
from tqdm import tqdm

ARTICLES = 10_000
CONNECTIONS = 256
ZIPF_EXPONENT = 1.0
# Share of requests per kind of page; articles are drawn by the Zipf law.
MIX = {"article": 0.80, "front": 0.10, "section": 0.05, "feed_json": 0.05}
FEED_JSON = "/news-feed/latest.json"
SEQUENCE_LENGTH = 200_000
SEED = 20261203
FEED_EVERY = 5.0
ARTICLE_EVERY = 30.0
EDGE_ROUNDS = 2  # turns each of Varnish and nginx, alternating
POLL_INTERVAL = 0.02
VISIBLE_TIMEOUT = 10.0  # a publish not visible after this long counts as never visible
WARMUP_SECONDS = 5
WORKER_NICE = 10  # as manage.py serve (WORKER_NICE) and deploy/systemd start task workers
WARM_ARTICLES = 50  # with --warm top: the most read, requested before the warm-up
WARM_CONCURRENCY = 4
# Readers' browsers all accept gzip; without it Varnish, which keeps the app's gzip copy,
# gunzipped each answer (n_gunzip == cache_hit) while nginx sent plain files (bench/load.py too).
BROWSER_HEADERS = ("Accept-Encoding: gzip",)
GOALS = {"errors": 0, "app_p99_ms": 100, "visible_p99_ms": 1000, "varnish_vs_nginx": 0.6}
EDITOR = "bench-editor"
# Bump when the built database changes shape for a reason the key below does not see.
BUILD_VERSION = 2
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/h_spike_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/7"


# --------------------------------------------------------------------------------------------
# The database: built once per code version, copied for each run.
# --------------------------------------------------------------------------------------------


def code_key() -> str:
    """What the built database depends on: every migration and the builder."""
    digest = hashlib.sha256(f"{BUILD_VERSION}".encode())
    files = sorted((ROOT / "masthead").glob("**/migrations/*.py"))
    for path in [*files, ROOT / "bench" / "archive.py"]:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def build_child(args) -> None:
    """In a process of its own: the site, --articles articles (bench/archive.py's builder) and
    the editor's account, in an empty database. Tasks run at once: the kept database must not
    hold a queue of building's tasks for the run's worker to wade through."""
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    archive.setup_django(args.database_url)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    archive.build_site()
    # Article n is published n minutes after the epoch; the newest is a minute old.
    epoch = datetime.now(UTC) - timedelta(minutes=args.articles + 1)
    archive.add_articles(args.articles, epoch=epoch, progress=f"building {args.articles:,}")
    get_user_model().objects.create_superuser(EDITOR, "editor@bench.invalid", None)


def article_path(n: int) -> str:
    """The URL of article n as bench/archive.py builds it."""
    return f"/{archive.SECTIONS[n % len(archive.SECTIONS)]}/report-{n}/"


def prepare_database(args) -> str:
    """A fresh copy of the kept database for this code version (built first if missing)."""
    key = code_key()
    if args.postgres:
        pristine = f"{args.pg_url}_{args.articles}_{key}"
        working = f"{args.pg_url}_run"
        import psycopg

        name = pristine.rsplit("/", 1)[1]
        admin = args.pg_url.rsplit("/", 1)[0] + "/postgres"
        stem = f"{args.pg_url.rsplit('/', 1)[1]}_{args.articles}_"
        with psycopg.connect(admin, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname=%s", [name]).fetchone()
            # Copies kept for an older code version are of no more use.
            for (stale,) in conn.execute(
                "SELECT datname FROM pg_database WHERE starts_with(datname, %s) AND datname<>%s",
                [stem, name],
            ).fetchall():
                conn.execute(f'DROP DATABASE "{stale}"')
        if not exists:
            archive.fresh_postgres(pristine)
            run_build(pristine, args.articles)
        archive.fresh_postgres(working, copy_of=pristine)
        # A copy made from a template has no planner statistics and autovacuum, which counts
        # changes, never sees a reason to gather them: without this the front page's "latest
        # stories" sorted all 10,000 articles (20 ms a query) where a served site, analysed by
        # autovacuum, reads five rows of an index.
        with psycopg.connect(working, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
        return working
    kept = ROOT / "var" / "bench" / f"spike-{args.articles}-{key}.sqlite3"
    pristine = f"sqlite:///{kept}"
    if not kept.exists():
        for stale in kept.parent.glob(f"spike-{args.articles}-*.sqlite3*"):
            stale.unlink()
        archive.fresh_sqlite(pristine)
        run_build(pristine, args.articles)
    return archive.fresh_sqlite(f"sqlite:///{run_dir() / 'db.sqlite3'}", copy_of=pristine)


def run_build(url: str, articles: int) -> None:
    started = time.monotonic()
    command = [PYTHON, __file__, "--build-child", "--database-url", url]
    subprocess.run([*command, "--articles", str(articles)], check=True, cwd=ROOT)
    print(f"built {url} in {time.monotonic() - started:.0f} s", file=sys.stderr)


def run_dir() -> Path:
    path = ROOT / "var" / "bench" / "spike-run"
    path.mkdir(parents=True, exist_ok=True)
    return path


# --------------------------------------------------------------------------------------------
# The request mix.
# --------------------------------------------------------------------------------------------


def draw_paths(articles: int, count: int, seed: int) -> list[str]:
    """`count` request paths: MIX's kinds, articles by rank on a Zipf law (rank 1 is the
    newest article), drawn with a seeded generator and a cumulative table."""
    rng = random.Random(seed)
    cdf = list(itertools.accumulate(1 / rank**ZIPF_EXPONENT for rank in range(1, articles + 1)))
    kinds = list(MIX)
    kind_cdf = list(itertools.accumulate(MIX[k] for k in kinds))
    sections = [f"/{slug}/" for slug in archive.SECTIONS]
    paths = []
    for _ in range(count):
        kind = kinds[min(bisect.bisect(kind_cdf, rng.random() * kind_cdf[-1]), len(kinds) - 1)]
        if kind == "article":
            rank = bisect.bisect(cdf, rng.random() * cdf[-1]) + 1
            paths.append(article_path(articles - min(rank, articles)))
        elif kind == "front":
            paths.append("/")
        elif kind == "section":
            paths.append(rng.choice(sections))
        else:
            paths.append(FEED_JSON)
    return paths


def settle(app: str, timeout: float = 60) -> None:
    """Wait until the app answers /healthz quickly three times in a row."""
    deadline, quick = time.monotonic() + timeout, 0
    while quick < 3 and time.monotonic() < deadline:
        started = time.monotonic()
        try:
            status, _, _ = get(app + "/healthz", timeout=5)
        except OSError:
            status = 0
        quick = quick + 1 if status == 200 and time.monotonic() - started < 0.2 else 0
        time.sleep(0.2)


def warm_paths(articles: int, url_paths: list[str], how: str) -> list[str]:
    """What a site has in its caches before the news breaks.

    "all": every page the readers will ask for, once: a site that has served its readers for
    the last PAGE_CACHE_TIMEOUT (10 minutes) holds the pages they read, and so does its edge
    (a day of grace). "top": only the listings and the WARM_ARTICLES most read articles (a
    cache emptied just before the spike: the long tail's first requests are all misses)."""
    listings = ["/", FEED_JSON, *(f"/{slug}/" for slug in archive.SECTIONS)]
    if how == "all":
        return list(dict.fromkeys([*listings, *url_paths]))
    top = [article_path(articles - rank) for rank in range(1, min(WARM_ARTICLES, articles) + 1)]
    return [*listings, *top]


def warm(base: str, paths: list[str], label: str) -> None:
    """Request each path once, a few at a time (a cold start with 256 connections at once
    would measure the stampede, not the spike)."""
    with (
        ThreadPoolExecutor(WARM_CONCURRENCY) as pool,
        tqdm(total=len(paths), desc=f"spike: warming {label}", file=sys.stderr) as bar,
    ):
        gzip = dict(h.split(": ", 1) for h in BROWSER_HEADERS)
        for _ in pool.map(lambda path: get(base + path, timeout=60, headers=gzip), paths):
            bar.update(1)


def static_copy(app: str, articles: int, www: Path) -> None:
    """nginx's files: the front page, the section pages and the feed JSON as the app serves
    them, and for every article path the newest article's bytes (hard links: fetching 10,000
    pages from the app would take longer than the run; nginx still opens each path). Beside
    each, the app's gzip answer as file.gz, which nginx sends to readers that accept gzip."""
    pages = ["/", FEED_JSON, *(f"/{slug}/" for slug in archive.SECTIONS)]
    gzip = dict(h.split(": ", 1) for h in BROWSER_HEADERS)
    for path in [*pages, article_path(articles - 1)]:
        target = www / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        for asked, name in (({}, target.name), (gzip, target.name + ".gz")):
            status, body, headers = get(app + path, headers=asked)
            if status != 200:
                sys.exit(f"bench: {path} answered {status}")
            encoding = {k.lower(): v for k, v in headers.items()}.get("content-encoding", "")
            if name == target.name or encoding == "gzip":
                target.with_name(name).write_bytes(body)
    article = www / article_path(articles - 1).lstrip("/") / "index.html"
    zipped = article.with_name("index.html.gz")
    for n in range(articles - 1):
        target = www / article_path(n).lstrip("/")
        target.mkdir(parents=True, exist_ok=True)
        os.link(article, target / "index.html")
        if zipped.exists():
            os.link(zipped, target / "index.html.gz")


# --------------------------------------------------------------------------------------------
# The editor: a process with the server's settings, publishing as the admin does.
# --------------------------------------------------------------------------------------------


def poll(url: str, marker: bytes, started: float) -> float | None:
    """Milliseconds from `started` until `url` answers 200 with `marker` in it (None: not
    within VISIBLE_TIMEOUT)."""
    while time.monotonic() - started < VISIBLE_TIMEOUT:
        try:
            status, body, _ = get(url, timeout=5)
        except OSError:
            status, body = 0, b""
        if status == 200 and marker in body:
            return round((time.monotonic() - started) * 1000, 1)
        time.sleep(POLL_INTERVAL)
    return None


def editor_child(args) -> None:
    """Publish on a schedule until SIGTERM, poll until each publish shows, then write the
    events to --events."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils.timezone import now as django_now
    from wagtail.log_actions import log

    from masthead.core.startup import freeze_loaded_objects
    from masthead.news.models import ArticleAuthor, ArticlePage, NewsFeedItem, SectionPage
    from masthead.people.models import Author

    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    editor = get_user_model().objects.get(username=EDITOR)
    author = Author.objects.order_by("pk").first()
    sections = list(SectionPage.objects.live().order_by("path"))
    newest = ArticlePage.objects.live().order_by("-first_published_at", "-pk").first()
    bases = {"app": f"http://127.0.0.1:{args.app_port}", "varnish": args.varnish_url}
    run = uuid.uuid4().hex[:6]
    pool = ThreadPoolExecutor(max_workers=48)
    events = []
    # As a web process does once loaded (masthead/wsgi.py): the admin publishes from one.
    freeze_loaded_objects()

    def watch(kind: str, marker: str, started: float, paths: dict, publish_ms: float):
        event = {"kind": kind, "at": time.time(), "publish_ms": publish_ms, "visible_ms": {}}
        for base_name, base in bases.items():
            for label, path in paths.items():
                future = pool.submit(poll, base + path, marker.encode(), started)
                event["visible_ms"][f"{base_name} {label}"] = future
        events.append(event)

    def post_feed_item(n: int) -> None:
        marker = f"Flash {run}x{n}"
        started = time.monotonic()
        # As the snippet admin's create view saves it: the model in a transaction, logged.
        with transaction.atomic():
            item = NewsFeedItem(headline=marker, summary="Officials confirmed it this hour.")
            item.full_clean()
            item.save()
            log(instance=item, action="wagtail.create", user=editor, content_changed=True)
        publish_ms = round((time.monotonic() - started) * 1000, 1)
        watch("feed_item", marker, started, {"front": "/", "feed_json": FEED_JSON}, publish_ms)

    def publish_article(n: int):
        marker = f"Breaking {run}x{n}"
        started = time.monotonic()
        section = sections[n % len(sections)]
        page = ArticlePage(
            title=marker,
            slug=f"breaking-{run}-{n}",
            standfirst="What we know so far.",
            body=[{"type": "paragraph", "value": "<p>More follows.</p>", "id": str(uuid.uuid4())}],
            in_news_feed=True,
            live=False,
        )
        page.article_authors.add(ArticleAuthor(author=author, sort_order=0))
        # As the page editor's "Publish" on a new page: a draft child, a revision, published.
        section.add_child(instance=page)
        page.save_revision(user=editor, log_action=True).publish(user=editor)
        publish_ms = round((time.monotonic() - started) * 1000, 1)
        paths = {"front": "/", "article": page.url, "feed_json": FEED_JSON}
        watch("article_publish", marker, started, paths, publish_ms)
        return page

    def edit_article(page, n: int) -> None:
        marker = f"Update {run}x{n}"
        started = time.monotonic()
        page = ArticlePage.objects.get(pk=page.pk)
        base_title = page.title.split(" [")[0]
        page.title = f"{base_title} [{marker}]"
        page.save_revision(user=editor, log_action=True).publish(user=editor)
        publish_ms = round((time.monotonic() - started) * 1000, 1)
        paths = {"front": "/", "article": page.url}
        if page.in_news_feed:
            paths["feed_json"] = FEED_JSON
        watch("article_edit", marker, started, paths, publish_ms)

    began = django_now()
    start = time.monotonic()
    next_feed, next_article = start + FEED_EVERY, start + ARTICLE_EVERY
    feed_n = article_n = 0
    while not stopping.wait(max(0.0, min(next_feed, next_article) - time.monotonic())):
        now = time.monotonic()
        if now >= next_feed:
            post_feed_item(feed_n)
            feed_n += 1
            next_feed += FEED_EVERY
        if now >= next_article:
            # Publish first, then edit what was published: the newest story is the one on the
            # front page and in the feed, the one an editor keeps updating.
            if article_n % 2 == 0:
                newest = publish_article(article_n)
            else:
                edit_article(newest, article_n)
            article_n += 1
            next_article += ARTICLE_EVERY
    for event in events:
        event["visible_ms"] = {k: f.result() for k, f in event["visible_ms"].items()}
    pool.shutdown()
    Path(args.events).write_text(json.dumps({"events": events, "tasks": task_waits(began)}))


def task_waits(since) -> dict:
    """Per task (the edge purges, search and reference indexing, narration): how many the
    publishes queued, how long they waited for the worker and how long they ran (seconds)."""
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(enqueued_at__gte=since).values_list(
        "task_path", "enqueued_at", "started_at", "finished_at"
    )
    tasks: dict[str, dict] = {}
    for path, enqueued, started, finished in rows:
        entry = tasks.setdefault(path.rsplit(".", 1)[-1], {"n": 0, "wait": [], "run": []})
        entry["n"] += 1
        if started:
            entry["wait"].append((started - enqueued).total_seconds())
        if started and finished:
            entry["run"].append((finished - started).total_seconds())
    return {
        name: {
            "n": entry["n"],
            "not_started": entry["n"] - len(entry["wait"]),
            "wait_p50_s": _round(percentile(entry["wait"], 50)),
            "wait_max_s": _round(max(entry["wait"], default=None)),
            "run_p50_s": _round(percentile(entry["run"], 50)),
        }
        for name, entry in sorted(tasks.items())
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


# --------------------------------------------------------------------------------------------
# The run.
# --------------------------------------------------------------------------------------------


def load(url: str, args, url_file: Path) -> dict:
    script = ROOT / "bench" / "spike.lua"
    started = time.time()
    result = servers.wrk(
        url,
        args.seconds,
        connections=CONNECTIONS,
        warmup=WARMUP_SECONDS,
        script=script,
        script_args=(str(url_file), "2"),
        timeout="5s",
        headers=BROWSER_HEADERS,
        # The readers' browsers run on machines of their own: wrk takes its CPU share as one
        # client group, not out of the share of the app and of the editor publishing with it.
        own_group=True,
    )
    line = next(x for x in result.pop("stdout").splitlines() if x.startswith("SPIKE "))
    figures = json.loads(line.removeprefix("SPIKE "))
    errors = figures["non_2xx_3xx"] + sum(figures["socket_errors"].values())
    # wrk keeps no latency for a request past --timeout: with none under it, there is none.
    timed = figures["requests"] > figures["socket_errors"]["timeout"]

    def ms(key: str) -> float | None:
        return round(figures[key] / 1000, 2) if timed else None

    # Only good answers count: a sick backend makes Varnish answer 503 fast, and many.
    good = max(
        0, figures["requests"] - figures["non_2xx_3xx"] - figures["socket_errors"]["timeout"]
    )
    summary = {
        "rps": result["rps"],
        "ok_rps": round(good / (figures["duration_us"] / 1e6)),
        "p50_ms": ms("p50_us"),
        "p99_ms": ms("p99_us"),
        "p99_9_ms": ms("p99.9_us"),
        "max_ms": ms("max_us"),
        "requests": figures["requests"],
        "errors": errors,
        "status_4xx": figures["status_4xx"],
        "status_5xx": figures["status_5xx"],
        "socket_errors": figures["socket_errors"],
        "timeouts": figures["socket_errors"]["timeout"],
        "window": [started, time.time()],
    }
    app_seen = figures["app_hit"] + figures["app_stale"] + figures["app_miss"]
    if figures["edge_hit"] + figures["edge_miss"]:
        edge = figures["edge_hit"] + figures["edge_miss"]
        summary["edge_hit_ratio"] = round(figures["edge_hit"] / edge, 4)
        summary["x_edge_cache"] = {"HIT": figures["edge_hit"], "MISS": figures["edge_miss"]}
    if app_seen:
        # A stale answer came from the cache too (while one request rendered the new page).
        summary["app_hit_ratio"] = round((figures["app_hit"] + figures["app_stale"]) / app_seen, 4)
    summary["x_cache"] = {
        "HIT": figures["app_hit"],
        "STALE": figures["app_stale"],
        "MISS": figures["app_miss"],
        "none": figures["app_none"],
    }
    return summary


def combined(rounds: list[dict]) -> dict:
    """One server's turns as one figure: mean rates, the worst latencies, summed counts; each
    turn's rates kept beside."""
    out = dict(rounds[0])
    for key in ("rps", "ok_rps"):
        out[key] = round(sum(r[key] for r in rounds) / len(rounds))
        out[f"{key}_rounds"] = [r[key] for r in rounds]
    for key in ("p50_ms", "p99_ms", "p99_9_ms", "max_ms"):
        values = [r[key] for r in rounds if r[key] is not None]
        out[key] = max(values) if values else None
    for key in ("requests", "errors", "status_4xx", "status_5xx", "timeouts"):
        out[key] = sum(r[key] for r in rounds)
    for key in ("socket_errors", "x_cache", "x_edge_cache"):
        if key in out:
            out[key] = {k: sum(r[key][k] for r in rounds) for k in out[key]}
    if "x_edge_cache" in out:
        edge = out["x_edge_cache"]
        out["edge_hit_ratio"] = round(edge["HIT"] / ((edge["HIT"] + edge["MISS"]) or 1), 4)
    return out


def percentile(values: list[float], pct: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))]


def visibility(events: list[dict]) -> dict:
    """Publish-to-visible per place (app/Varnish x page), and per publish the slowest place."""
    places: dict[str, list] = {}
    for event in events:
        for place, ms in event["visible_ms"].items():
            places.setdefault(place, []).append(ms)
    by_place = {}
    for place, values in sorted(places.items()):
        seen = [v for v in values if v is not None]
        by_place[place] = {
            "n": len(values),
            "not_visible": len(values) - len(seen),
            "p50_ms": percentile(seen, 50),
            "p99_ms": percentile(seen, 99),
            "max_ms": max(seen) if seen else None,
        }
    everywhere = [
        None if None in e["visible_ms"].values() else max(e["visible_ms"].values()) for e in events
    ]
    seen = [v for v in everywhere if v is not None]
    return {
        "publishes": len(events),
        "by_kind": {
            k: sum(e["kind"] == k for e in events) for k in sorted({e["kind"] for e in events})
        },
        "publish_call_ms_p50": percentile([e["publish_ms"] for e in events], 50),
        "everywhere_p50_ms": percentile(seen, 50),
        "everywhere_p99_ms": percentile(seen, 99),
        "everywhere_max_ms": max(seen) if seen else None,
        "never_visible": len(everywhere) - len(seen),
        "by_place": by_place,
    }


VARNISH_COUNTERS = (
    "MAIN.cache_hit",
    "MAIN.cache_hit_grace",
    "MAIN.cache_miss",
    "MAIN.backend_conn",
    "MAIN.backend_fail",
    "MAIN.backend_unhealthy",
    "MAIN.fetch_failed",
    "MAIN.n_gunzip",
    "MAIN.busy_sleep",
    "MAIN.bans_added",
    "MAIN.bans_tested",
    "MAIN.bans_tests_tested",
    "MAIN.bans_obj_killed",
    "MAIN.bans_lurker_obj_killed",
    "MAIN.n_expired",
    "MAIN.threads_failed",
    "MAIN.sess_dropped",
)


def varnish_counters(workdir: Path) -> dict:
    """Varnish's own counts for the whole run: its hits and misses, backend failures (a
    backend marked sick by the health probe answers 503 to every miss) and purges (bans)."""
    out = subprocess.run(
        [need("varnishstat", "varnish"), "-n", str(workdir / "varnish"), "-1", "-j"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    try:
        counters = json.loads(out)
    except ValueError:
        return {}
    counters = counters.get("counters", counters)
    return {
        name.removeprefix("MAIN."): counters[name]["value"]
        for name in VARNISH_COUNTERS
        if name in counters
    }


def cleanup_redis(url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(f"{prefix}:*", count=1000))
    for start in range(0, len(keys), 500):
        client.delete(*keys[start : start + 500])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 40)))
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL and Redis")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL))
    parser.add_argument(
        "--warm",
        choices=("all", "top"),
        default="all",
        help="before each phase, request every page of the mix once (all: a site that has been"
        " serving) or only the listings and the most read (top: caches emptied just before)",
    )
    parser.add_argument(
        "--no-publish",
        action="store_true",
        help="no editor: the same load on a site nobody changes, to compare",
    )
    parser.add_argument(
        "--port-base",
        type=int,
        default=int(os.environ.get("BENCH_PORT_BASE", 8700)),
        help="app, Varnish, Varnish admin and nginx take this port and the three after it",
    )
    parser.add_argument("--build-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--editor", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--events", help=argparse.SUPPRESS)
    parser.add_argument("--app-port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--varnish-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_child:
        build_child(args)
        return
    if args.editor:
        editor_child(args)
        return
    for binary, package in (("wrk", "wrk"), ("nginx", "nginx-light"), ("varnishd", "varnish")):
        need(binary, package)
    app_port, varnish_port, varnish_admin, nginx_port = (args.port_base + i for i in range(4))
    for port in (app_port, varnish_port, varnish_admin, nginx_port):
        if not servers.port_free(port):
            sys.exit(f"bench: port {port} is busy")

    began = time.monotonic()
    database_url = prepare_database(args)
    var_dir = run_dir()
    shutil.rmtree(var_dir / "cache", ignore_errors=True)  # every run starts with a cold cache
    prefix = f"bench-spike-{uuid.uuid4().hex[:8]}"
    backend = {"DATABASE_URL": database_url}
    if args.postgres:
        backend["REDIS_URL"] = args.redis_url
    env = servers.production_env(
        var_dir,
        cache=True,
        key_prefix=prefix,
        FRONTEND_CACHE_URLS=f"http://127.0.0.1:{varnish_port}",
        SITE_URL=f"http://127.0.0.1:{app_port}",
        **backend,
    )
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    url_paths = draw_paths(args.articles, SEQUENCE_LENGTH, SEED)
    app = f"http://127.0.0.1:{app_port}"
    varnish = f"http://127.0.0.1:{varnish_port}"
    nginx = f"http://127.0.0.1:{nginx_port}"
    result: dict = {}
    with (
        tempfile.TemporaryDirectory(prefix="masthead-spike-") as tmp,
        Server(env, app_port) as server,
    ):
        workdir = Path(tmp)
        workdir.chmod(0o755)
        url_file = workdir / "paths.txt"
        url_file.write_text("\n".join(url_paths) + "\n")
        (workdir / "www").mkdir()
        static_copy(app, args.articles, workdir / "www")
        varnish_process = servers.varnish_serving(
            workdir, app_port=app_port, port=varnish_port, admin_port=varnish_admin,
            own_group=True, public_host=f"127.0.0.1:{app_port}",
        )  # fmt: skip
        nginx_process = servers.nginx_serving(workdir / "www", workdir, nginx_port, own_group=True)
        # One task worker, as deploy/ runs it: Wagtail sends the edge purges through the task
        # queue, so what reaches Varnish waits for the worker (and for the tasks before them).
        # At nice 10, as `make run` and deploy/systemd start workers: each publish narrates
        # the article, on every core for a second or more.
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "worker", "--queue-name", "*", "--no-reload",
             "--worker-id", "bench-spike"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=lambda: os.nice(WORKER_NICE),
        )  # fmt: skip
        events_file = workdir / "events.json"
        editor = None
        if not args.no_publish:
            editor = subprocess.Popen(
                [PYTHON, __file__, "--editor", "--events", str(events_file),
                 "--app-port", str(app_port), "--varnish-url", varnish],
                cwd=ROOT, env=env,
            )  # fmt: skip
        phases: dict[str, list] = {}
        rounds: dict[str, list] = {}
        # Varnish and nginx take turns (EDGE_ROUNDS each): the machine's speed drifts over
        # minutes, and one turn each, minutes apart, moved their ratio by a tenth.
        schedule = [("app", app), *[("varnish", varnish), ("nginx", nginx)] * EDGE_ROUNDS]
        try:
            for name, base in schedule:
                print(f"spike: {name}, {WARMUP_SECONDS} + {args.seconds} s", file=sys.stderr)
                # The app's backlog from the last phase drains first: Varnish's health probe
                # would find it sick and the phase would measure the last one's leftovers.
                settle(app)
                warm(base, warm_paths(args.articles, url_paths, args.warm), name)
                measured = load(base + "/", args, url_file)
                phases.setdefault(name, []).append(measured.pop("window"))
                rounds.setdefault(name, []).append(measured)
            for name, measured in rounds.items():
                result[name] = combined(measured)
        finally:
            if editor:
                editor.send_signal(signal.SIGTERM)
                editor.wait(timeout=VISIBLE_TIMEOUT + 30)
            result["varnish_counters"] = varnish_counters(workdir)
            stop(varnish_process)
            stop(nginx_process)
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
        result["worker_rss_mb"] = server.worker_rss_mb()
        editor_out = json.loads(events_file.read_text()) if events_file.exists() else {}
        events = editor_out.get("events", [])
        result["tasks"] = editor_out.get("tasks", {})
    if args.postgres:
        cleanup_redis(args.redis_url, prefix)

    for event in events:
        event["phase"] = next(
            (name for name, windows in phases.items() for a, b in windows if a <= event["at"] <= b),
            "between",
        )
    # The goal holds under load: publishes made while wrk loaded the app or Varnish. Those
    # made while it loaded nginx show what an idle site does.
    loaded = [e for e in events if e["phase"] in ("app", "varnish")]
    result["publish_to_visible"] = visibility(loaded)
    result["publish_to_visible_by_phase"] = {
        phase: visibility([e for e in events if e["phase"] == phase])
        for phase in ("app", "varnish", "nginx")
    }
    nginx_rps = result["nginx"]["ok_rps"] or 1
    seen = result["publish_to_visible"]
    result["varnish_vs_nginx"] = round(result["varnish"]["ok_rps"] / nginx_rps, 3)
    result["varnish_vs_nginx_by_round"] = [
        round(v / (n or 1), 3)
        for v, n in zip(
            result["varnish"]["ok_rps_rounds"], result["nginx"]["ok_rps_rounds"], strict=True
        )
    ]
    result["app_vs_nginx"] = round(result["app"]["ok_rps"] / nginx_rps, 3)
    result["goals_met"] = {
        "0 errors": all(result[n]["errors"] == 0 for n in ("app", "varnish", "nginx")),
        "app p99<100ms": result["app"]["p99_ms"] is not None
        and result["app"]["timeouts"] == 0
        and result["app"]["p99_ms"] < GOALS["app_p99_ms"],
        "visible everywhere p99<=1s": bool(events)
        and seen["never_visible"] == 0
        and seen["everywhere_p99_ms"] <= GOALS["visible_p99_ms"],
        "varnish>=0.6 nginx (good answers)": result["varnish_vs_nginx"]
        >= GOALS["varnish_vs_nginx"],
    }
    summary = {
        "bench": "spike",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": "postgresql+redis" if args.postgres else "sqlite",
        "publishing": not args.no_publish,
        "articles": args.articles,
        "connections": CONNECTIONS,
        "seconds": args.seconds,
        "warm": args.warm,
        "zipf_exponent": ZIPF_EXPONENT,
        "mix": MIX,
        "cpus": os.cpu_count(),
        "load_average_at_end": os.getloadavg()[0],
        "run_seconds": round(time.monotonic() - began),
        "results": result,
    }
    out = ROOT / "bench" / "results" / f"spike-{summary['at'].replace(':', '')}.json"
    # Every publish and where it showed when, in the file only: the line stays readable.
    out.write_text(json.dumps({**summary, "events": events}, indent=2))
    print_table(summary)
    print(f"\nsaved {out.relative_to(ROOT)}")
    print(json.dumps(summary))


def print_table(summary: dict) -> None:
    r = summary["results"]
    print(f"\n== spike, {summary['engine']}, {summary['articles']:,} articles")
    print(
        f"{'':8} {'rps':>7} {'ok rps':>7} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} "
        f"{'hit ratio':>10}"
    )
    for name in ("app", "varnish", "nginx"):
        v = r[name]
        ratio = v.get("edge_hit_ratio", v.get("app_hit_ratio", ""))
        print(
            f"{name:8} {v['rps']:>7} {v['ok_rps']:>7} {v['p50_ms']!s:>8} {v['p99_ms']!s:>8} "
            f"{v['errors']:>7} {ratio!s:>10}"
        )
    print(f"Varnish / nginx: {r['varnish_vs_nginx']} (by turn {r['varnish_vs_nginx_by_round']})")
    seen = r["publish_to_visible"]
    print(
        f"publish to visible everywhere: p50 {seen['everywhere_p50_ms']} ms, "
        f"p99 {seen['everywhere_p99_ms']} ms, never {seen['never_visible']} "
        f"of {seen['publishes']}"
    )
    for place, v in seen["by_place"].items():
        print(f"  {place:20} p50 {v['p50_ms']} p99 {v['p99_ms']} never {v['not_visible']}/{v['n']}")
    for name, v in r["tasks"].items():
        print(
            f"  task {name}: {v['n']}, waited p50 {v['wait_p50_s']} s, max {v['wait_max_s']} s"
            f", ran p50 {v['run_p50_s']} s, not started {v['not_started']}"
        )
    print("goals: " + ", ".join(f"{k} {'yes' if ok else 'NO'}" for k, ok in r["goals_met"].items()))


if __name__ == "__main__":
    main()
