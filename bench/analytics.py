"""Analytics benchmark: do the dashboards answer in under 500 ms with a year of aggregates
for 100,000 articles, and what does counting cost the reader's beacon request?

Part 1, dashboards. Generates a year of hourly (and daily) aggregate rows in bulk, then times
every dashboard uncached, in-process with django.test.Client (server time, no network): the
newsroom dashboard for the last hour, day and week, one article's page, and the panel on
an article's edit page. The generated traffic is sparse, as a newsroom's is: articles are
published evenly through the year; each gets a log-normal number of views (median about 30,
a long tail of hits) spread over the hours after publication with a decaying rate, so an
article has rows for a handful of hours, not for every hour of the year; a view row comes
with rows only for the referrer classes, hosts and devices that actually occurred; one in
five articles is narrated. Aggregates are written for article ids only (no 100,000 pages
are built): titles in "top articles" then read "#<id>", one query either way.

Part 2, the beacon. Times POST /popular/hit/ as js/popular.js sends it, in-process, for the
code of this tree and for the code of another tree (--before, e.g. an export of main), on
the same kind of fresh SQLite database, with the shared store on Redis (REDIS_URL, db 8 by
default) and without (diskcache): new readers (each counted) and one reader repeating.

    .venv/bin/python bench/analytics.py                       # both engines, beacons too
    .venv/bin/python bench/analytics.py --engines sqlite --articles 10000
    git archive main | tar -x -C /tmp/main-tree && \\
      .venv/bin/python bench/analytics.py --before /tmp/main-tree --skip-dashboards

The last line printed is one JSON object with every figure.
"""

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/h_analytics"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/8"

REFERRERS = [
    ("search", 0.35),
    ("social", 0.20),
    ("direct", 0.22),
    ("internal", 0.13),
    ("newsletter", 0.05),
    ("other", 0.05),
]
HOSTS = {"search": "google.com", "social": "t.co", "other": "blog.example.org"}
DEVICES = [("phone", 0.60), ("desktop", 0.32), ("tablet", 0.08)]


def setup_django(database_url: str, *, code_root: Path = ROOT, redis_url: str = ""):
    os.environ["DATABASE_URL"] = database_url
    os.environ["REDIS_URL"] = redis_url
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["PAGE_CACHE_ENABLED"] = "False"
    sys.path[:0] = [str(code_root), str(ROOT / "bench")]
    import django

    django.setup()


def split(total: int, shares) -> list[tuple[str, int]]:
    """`total` split by shares, largest remainders first; zero parts left out."""
    raw = [(name, total * share) for name, share in shares]
    parts = {name: int(value) for name, value in raw}
    rest = total - sum(parts.values())
    for name, _value in sorted(raw, key=lambda item: -(item[1] - int(item[1])))[:rest]:
        parts[name] += 1
    return [(name, n) for name, n in parts.items() if n]


def generate(*, articles: int, days: int, seed: int, now: datetime):
    """Yield hourly rows (hour, article_id, metric, key, count); newsroom rows at the end."""
    rng = random.Random(seed)
    start = now - timedelta(days=days)
    newsroom: Counter = Counter()
    span_hours = days * 24
    for article_id in range(1, articles + 1):
        published = start + timedelta(hours=int(span_hours * (article_id - 1) / articles))
        views = max(1, int(rng.lognormvariate(3.4, 1.2)))
        hours = max(1, min(96, int(math.sqrt(views))))
        weights = [math.exp(-h / 10) for h in range(hours)]
        scale = views / sum(weights)
        narrated = article_id % 5 == 0
        section, author = str(1000 + article_id % 12), str(article_id % 300 + 1)
        for h in range(hours):
            hour = published + timedelta(hours=h)
            if hour > now:
                break
            n = max(1, round(weights[h] * scale))
            rows = [("views", "", n)]
            for name, part in split(n, REFERRERS):
                rows.append(("ref", name, part))
                if name in HOSTS:
                    rows.append(("host", HOSTS[name], part))
            rows.extend(("device", name, part) for name, part in split(n, DEVICES))
            if narrated:
                plays = n // 12
                if plays:
                    rows.append(("plays", "", plays))
                    for q, share in (("25", 0.8), ("50", 0.6), ("75", 0.45), ("100", 0.3)):
                        if int(plays * share):
                            rows.append(("listened", q, int(plays * share)))
            for metric, key, count in rows:
                yield (hour, article_id, metric, key, count)
                newsroom[(hour, metric, key)] += count
            newsroom[(hour, "section", section)] += n
            newsroom[(hour, "author", author)] += n
    for (hour, metric, key), count in newsroom.items():
        yield (hour, 0, metric, key, count)


def load(*, articles: int, days: int, seed: int) -> dict:
    from django.db import connection, transaction

    from masthead.analytics.models import DailyCount, HourlyCount

    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    HourlyCount.objects.all().delete()
    DailyCount.objects.all().delete()
    began = time.perf_counter()
    daily: Counter = Counter()
    hourly_rows = 0
    q = connection.ops.quote_name
    columns = ["hour", "article_id", "metric", "key", "count"]
    with transaction.atomic(), connection.cursor() as cursor:
        batch = []

        def write(rows, table, cols):
            if connection.vendor == "postgresql":
                names = ", ".join(q(c) for c in cols)
                with cursor.cursor.copy(f"COPY {q(table)} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(cols))
                names = ", ".join(q(c) for c in cols)
                cursor.executemany(
                    f"INSERT INTO {q(table)} ({names}) VALUES ({marks})",  # noqa: S608
                    [
                        (connection.ops.adapt_datetimefield_value(r[0]), *r[1:])
                        if cols[0] == "hour"
                        else (connection.ops.adapt_datefield_value(r[0]), *r[1:])
                        for r in rows
                    ],
                )

        for row in generate(articles=articles, days=days, seed=seed, now=now):
            batch.append(row)
            daily[(row[0].date(), row[1], row[2], row[3])] += row[4]
            if len(batch) >= 50_000:
                write(batch, HourlyCount._meta.db_table, columns)
                hourly_rows += len(batch)
                batch = []
        write(batch, HourlyCount._meta.db_table, columns)
        hourly_rows += len(batch)
        rows = [(day, a, metric, key, n) for (day, a, metric, key), n in daily.items()]
        for begin in range(0, len(rows), 50_000):
            write(rows[begin : begin + 50_000], DailyCount._meta.db_table, ["day", *columns[1:]])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE analytics_hourlycount")
            cursor.execute("VACUUM ANALYZE analytics_dailycount")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "hourly_rows": hourly_rows,
        "daily_rows": len(daily),
        "load_seconds": round(time.perf_counter() - began, 1),
    }


def time_dashboards(rounds: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db.models import Sum
    from django.test import Client

    from masthead.analytics import selectors
    from masthead.analytics.models import HourlyCount

    user, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    week = selectors.window("week")
    hot = (
        HourlyCount.objects.filter(metric="views", article_id__gt=0)
        .values("article_id")
        .annotate(t=Sum("count"))
        .order_by("-t")
        .values_list("article_id", flat=True)
        .first()
    ) or 1
    jobs = {
        f"newsroom_{name}": (lambda name=name: client.get(f"/admin/analytics/?window={name}"))
        for name in ("hour", "day", "week")
    }
    jobs["newsroom_week_csv"] = lambda: client.get("/admin/analytics/?window=week&export=articles")
    jobs["article_week"] = lambda: selectors.article_tables(week, hot)
    jobs["article_day"] = lambda: selectors.article_tables(selectors.window("day"), hot)
    jobs["article_panel"] = lambda: selectors.article_summary(hot)
    jobs["newsletters"] = lambda: selectors.newsletter_table()
    out = {}
    for name, job in jobs.items():
        result = job()
        if hasattr(result, "status_code"):
            assert result.status_code == 200, (name, result.status_code)
        times = []
        for _ in range(rounds):
            began = time.perf_counter()
            job()
            times.append((time.perf_counter() - began) * 1000)
        out[name] = {
            "median_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1),
        }
    return out


def dashboards_main(args) -> dict:
    setup_django(args.database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    figures = {}
    if not args.reuse:
        figures["data"] = load(articles=args.articles, days=args.days, seed=args.seed)
    figures["dashboards"] = time_dashboards(args.rounds)
    return figures


def beacon_main(args) -> dict:
    """Time beacons against the code in --code-root, on a fresh SQLite database."""
    setup_django(args.database_url, code_root=Path(args.code_root), redis_url=args.redis_url)
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    from django.core.cache import caches

    from masthead.news.tests.factories import make_article, make_home, make_section
    from masthead.people.models import Author

    caches["default"].clear()
    home = make_home()
    section = make_section(home)
    author = Author.objects.create(name="Bench Author")
    article = make_article(section=section, authors=[author], title="Bench", slug="bench")
    client = Client()
    agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0"
    body = f"id={article.pk}&ref=www.google.com"

    def hit(address):
        response = client.generic(
            "POST",
            "/popular/hit/",
            body,
            content_type="application/x-www-form-urlencoded",
            HTTP_USER_AGENT=agent,
            REMOTE_ADDR=address,
        )
        assert response.status_code == 204, response.status_code

    for i in range(50):  # warm: imports, the countable-id cache, the first flush
        hit(f"10.9.{i // 250}.{i % 250}")
    calls = count_round_trips()
    out = {}
    for name, addresses in (
        (
            "new_readers",
            [f"10.{i // 62500}.{i // 250 % 250}.{i % 250}" for i in range(args.beacons)],
        ),
        ("one_reader_repeating", ["10.200.0.1"] * args.beacons),
    ):
        times = []
        for address in addresses:
            began = time.perf_counter()
            hit(address)
            times.append((time.perf_counter() - began) * 1e6)
        times.sort()
        out[name] = {
            "median_us": round(statistics.median(times)),
            "p95_us": round(times[int(len(times) * 0.95)]),
            # Deterministic, unlike times on a shared machine: what one beacon asks of the
            # shared store and the database.
            **{f"{k}_per_beacon": round(v / len(addresses), 2) for k, v in calls.items()},
        }
        calls.clear()
    return out


def count_round_trips() -> Counter:
    """Count, from now on, Redis commands, shared-cache calls and SQL queries."""
    import redis
    from django.core.cache import caches
    from django.db import connection

    calls: Counter = Counter()
    execute = redis.client.Redis.execute_command

    def counting_execute(self, *args, **kwargs):
        calls["redis_commands"] += 1
        return execute(self, *args, **kwargs)

    redis.client.Redis.execute_command = counting_execute
    cache_class = type(caches["default"])
    for name in ("get", "add", "set", "incr", "delete", "get_many", "set_many"):
        method = getattr(cache_class, name)

        def counting(self, *args, _method=method, **kwargs):
            calls["cache_calls"] += 1
            return _method(self, *args, **kwargs)

        setattr(cache_class, name, counting)

    def counting_query(run, sql, params, many, context):
        calls["sql_queries"] += 1
        return run(sql, params, many, context)

    connection.execute_wrappers.append(counting_query)
    calls.clear()
    return calls


def run_child(mode: str, extra: list[str], env: dict | None = None) -> dict:
    command = [sys.executable, __file__, "--child", mode, *extra]
    done = subprocess.run(  # noqa: S603 - our own script
        command, capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-2000:] + done.stderr[-4000:])
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--sqlite", default=str(ROOT / "var" / "bench" / "analytics.sqlite3"))
    parser.add_argument("--reuse", action="store_true", help="time the kept data again")
    parser.add_argument("--skip-dashboards", action="store_true")
    parser.add_argument("--skip-beacons", action="store_true")
    parser.add_argument("--beacons", type=int, default=1000)
    parser.add_argument("--before", help="another tree's code to time the beacon of (main)")
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--code-root", default=str(ROOT), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child == "dashboards":
        print(json.dumps(dashboards_main(args)))
        return
    if args.child == "beacon":
        print(json.dumps(beacon_main(args)))
        return

    figures: dict = {"articles": args.articles, "days": args.days, "engines": {}}
    common = ["--articles", str(args.articles), "--days", str(args.days)]
    common += ["--seed", str(args.seed), "--rounds", str(args.rounds)]
    if args.reuse:
        common.append("--reuse")
    if not args.skip_dashboards:
        for engine in args.engines.split(","):
            if engine == "sqlite":
                Path(args.sqlite).parent.mkdir(parents=True, exist_ok=True)
                url = f"sqlite:///{args.sqlite}"
            else:
                url = args.pg_url
            print(f"dashboards on {engine} ...", file=sys.stderr, flush=True)
            figures["engines"][engine] = run_child("dashboards", [*common, "--database-url", url])
            print(json.dumps(figures["engines"][engine]), file=sys.stderr, flush=True)
    if not args.skip_beacons:
        trees = {"after": str(ROOT)}
        if args.before:
            trees["before"] = args.before
        figures["beacon"] = {}
        for label, tree in trees.items():
            for store, redis_url in (("diskcache", ""), ("redis", args.redis_url)):
                with tempfile.TemporaryDirectory(prefix="analytics-bench-") as folder:
                    print(f"beacon {label} {store} ...", file=sys.stderr, flush=True)
                    figures["beacon"][f"{label}_{store}"] = run_child(
                        "beacon",
                        [
                            "--database-url",
                            f"sqlite:///{folder}/db.sqlite3",
                            "--code-root",
                            tree,
                            "--redis-url",
                            redis_url,
                            "--beacons",
                            str(args.beacons),
                        ],
                        env={"MASTHEAD_VAR_DIR": folder},
                    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
