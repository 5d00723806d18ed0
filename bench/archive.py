"""Archive-size benchmark: does a 100x bigger archive cost < 1.5x more time per page?

Builds two databases per engine and keeps them: one with --small articles and one with
--large (SQLite files var/bench/archive-<n>.sqlite3; PostgreSQL databases <--pg-url>_<n>).
The large one is a copy of the small one grown further, as a newsroom's archive grows: each
new article is published after the last. Then it times the front page, a section page, a
tag page and searches on each, in-process with django.test.Client (server time, no network,
the page cache off so that every request renders). The two databases take turns (--rounds),
each turn in a fresh process that first applies any new migrations and, on PostgreSQL,
vacuums and analyses the tables as autovacuum would.

Generating 100,000 articles takes half an hour or more; timing takes a few minutes. So
--remeasure skips the generation and re-times the kept databases (after `migrate`, so an
index added since is measured too): the way to re-run the timings on a quiet machine.

The timed pages must do the same amount of rendering at both sizes, so that only the
archive size differs. Tags follow a newsroom's shape: a few hot tags (HOT_TAGS, the running
stories), each carried by a fixed share of articles at any archive size (HOT_TAG_SHARE), plus
a long tail of TAG_COUNT topics, three per article. The timed tag is a hot one: it fills its
20-article page at 1,000 articles as at 100,000. (A long-tail tag has 7 articles at 1,000
and fills its page only at 100,000, so timing one compared different pages, not sizes.)
Likewise the section page is full at both sizes, and the "kalyna" event words are in
EVENT_SIZE articles at any size.

Articles are written in bulk, but as valid Wagtail pages in a valid tree: treebeard paths,
depth and numchild; url_path; live revision-free published pages; authors, tags and the
search index filled as the CMS would fill them.

    .venv/bin/python bench/archive.py                      # both engines, 1,000 and 100,000
    .venv/bin/python bench/archive.py --engines sqlite --large 10000
    .venv/bin/python bench/archive.py --remeasure          # re-time the kept databases

The last line printed is one JSON object with every figure.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/h_discovery_bench"

WORDS = (  # noqa: SIM905 - a paragraph of vocabulary reads better than a list
    "bridge grid drone missile shelling frontline evacuation ministry budget sanctions "
    "refinery harbour grain convoy brigade artillery parliament mayor council hospital "
    "school railway substation reservoir embassy negotiations prisoners exchange volunteers "
    "reconstruction pledge winter heating generator shelter curfew mobilisation recruits "
    "ammunition interceptor radar airfield oblast village border reservoir dam pipeline"
).split()
SECTIONS = ["war", "analysis", "national", "human-story"]
TAG_COUNT = 400
# The running stories: each article carries at most one of these, and each is on
# HOT_TAG_SHARE of all articles at any archive size (125 of 1,000; 12,500 of 100,000).
HOT_TAGS = ["Frontline", "Energy", "Diplomacy", "Reconstruction"]
HOT_TAG_SHARE = 0.125
TIMED_TAG = "frontline"
AUTHOR_COUNT = 40
# Large batches: the SQLite search backend recomputes every entry's title norm per batch.
BATCH = 5000
# Each "event" word is in exactly this many articles at any archive size: the specific query
# finds the same number of stories at 1,000 and at 100,000 articles, as a search for one
# named event or person does in a real archive.
EVENT_SIZE = 50


def percentile(values, pct):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


# --------------------------------------------------------------------------------------------
# Child process: one engine, Django set up against its own database.
# --------------------------------------------------------------------------------------------


def setup_django(database_url: str):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # Server time means rendering: a cached page costs the same at any archive size (the
    # fragment cache and per-process copies are off too, in bench_settings).
    os.environ["PAGE_CACHE_ENABLED"] = "False"
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    import django

    django.setup()


def build_site():
    """Home, sections, authors and tags: the part of the tree the CMS would make by hand."""
    from taggit.models import Tag
    from wagtail.models import Page, Site

    from masthead.news.models import HomePage, SectionPage
    from masthead.people.models import Author

    root = Page.get_first_root_node()
    home = HomePage(title="Bench Daily", slug="bench-home")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if site:
        site.root_page = home
        site.save()
    else:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    if old_root and old_root.pk != home.pk:
        old_root.delete()
    for slug in SECTIONS:
        section = SectionPage(title=slug.replace("-", " ").title(), slug=slug)
        home.add_child(instance=section)
        section.save_revision().publish()
    Author.objects.bulk_create(
        [Author(name=f"Reporter {n}", slug=f"reporter-{n}") for n in range(AUTHOR_COUNT)]
    )
    Tag.objects.bulk_create([Tag(name=f"Topic {n}", slug=f"topic-{n}") for n in range(TAG_COUNT)])
    Tag.objects.bulk_create([Tag(name=name, slug=name.lower()) for name in HOT_TAGS])


def add_articles(count: int, *, epoch, progress: str):
    """Append `count` articles, spread over the sections, article n published n minutes after
    `epoch` (so each batch is newer than the last, as in a real archive)."""
    import random
    import uuid
    from datetime import timedelta

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from taggit.models import Tag
    from tqdm import tqdm
    from wagtail.models import Locale, Page
    from wagtail.search.backends import get_search_backend

    from masthead.news.models import ArticleAuthor, ArticlePage, ArticleTag, SectionPage
    from masthead.people.models import Author

    rng = random.Random(count)
    sections = list(SectionPage.objects.order_by("path"))
    authors = list(Author.objects.values_list("pk", flat=True))
    tags = list(Tag.objects.filter(slug__startswith="topic-").values_list("pk", flat=True))
    hot_tags = list(
        Tag.objects.filter(slug__in=[n.lower() for n in HOT_TAGS]).values_list("pk", flat=True)
    )
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    existing = ArticlePage.objects.count()
    backend = get_search_backend()
    local_fields = list(ArticlePage._meta.local_concrete_fields)

    next_step = {s.pk: s.numchild for s in sections}
    bar = tqdm(total=count, desc=progress, unit="article")
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        with transaction.atomic():
            pages, per_section = [], {}
            for i in range(size):
                n = existing + made + i
                section = sections[n % len(sections)]
                next_step[section.pk] += 1
                per_section[section.pk] = per_section.get(section.pk, 0) + 1
                when = epoch + timedelta(minutes=n)
                words = rng.sample(WORDS, 6)
                title = f"{words[0].title()} {words[1]} and {words[2]}: report {n}"
                slug = f"report-{n}"
                text = " ".join(rng.choice(WORDS) for _ in range(60))
                paragraphs = [f"{text.capitalize()} kalyna{n // EVENT_SIZE}."]
                pages.append(
                    ArticlePage(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=content_type,
                        locale=locale,
                        translation_key=uuid.uuid4(),
                        path=Page._get_path(section.path, section.depth + 1, next_step[section.pk]),
                        depth=section.depth + 1,
                        numchild=0,
                        url_path=f"{section.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=when,
                        last_published_at=when,
                        latest_revision_created_at=when,
                        standfirst=" ".join(words).capitalize() + ".",
                        body=[
                            {"type": "paragraph", "value": f"<p>{p}</p>", "id": str(uuid.uuid4())}
                            for p in paragraphs
                        ],
                        word_count=67,
                    )
                )
            # Page rows first (they get their ids), then the ArticlePage rows that extend them.
            base_rows = Page.objects.bulk_create([Page(**_page_fields(p)) for p in pages])
            for page, base in zip(pages, base_rows, strict=True):
                page.pk = page.page_ptr_id = base.pk
                page.id = base.pk
            ArticlePage.objects._insert(pages, fields=local_fields, raw=True)
            ArticleAuthor.objects.bulk_create(
                [
                    ArticleAuthor(page_id=p.pk, author_id=rng.choice(authors), sort_order=0)
                    for p in pages
                ]
            )
            tagged = []
            for p in pages:
                chosen = rng.sample(tags, 3)
                if rng.random() < HOT_TAG_SHARE * len(hot_tags):
                    chosen.append(rng.choice(hot_tags))
                tagged += [
                    ArticleTag(
                        content_object_id=p.pk, tag_id=tag, published_at=p.first_published_at
                    )
                    for tag in chosen
                ]
            ArticleTag.objects.bulk_create(tagged)
            for section in sections:
                if section.pk in per_section:
                    Page.objects.filter(pk=section.pk).update(numchild=next_step[section.pk])
            indexed = ArticlePage.objects.filter(pk__in=[p.pk for p in pages]).prefetch_related(
                "tags"
            )
            backend.add_bulk(ArticlePage, list(indexed))
        made += size
        bar.update(size)
    bar.close()


def _page_fields(page) -> dict:
    from wagtail.models import Page

    names = [f.attname for f in Page._meta.concrete_fields if f.attname != "id"]
    return {name: getattr(page, name) for name in names}


def measure(requests: int) -> dict:
    """Wall and process CPU times (ms) of `requests` requests per page. CPU time covers Python
    and, on SQLite, the queries too: steadier than wall time on a shared machine."""
    from django.test import Client

    from masthead.news.models import SectionPage

    section = SectionPage.objects.order_by("path").first()
    urls = {
        "front": "/",
        "section": section.url,
        "tag": f"/tags/{TIMED_TAG}/",
        "search": "/search/?q=kalyna7",
        "search_newest": "/search/?q=kalyna7+harbour&sort=newest",
        "search_broad": "/search/?q=harbour+convoy",
        "search_broad_newest": "/search/?q=harbour+convoy&sort=newest",
    }
    client = Client()
    samples = {}
    for name, url in urls.items():
        for _ in range(3):  # warm caches: site settings, templates, SQLite page cache
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        wall, cpu = [], []
        for _ in range(requests):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        samples[name] = {"wall": wall, "cpu": cpu}
    return samples


def summarise(samples: dict) -> dict:
    """p50/p95 wall time and median CPU time per page."""
    return {
        name: {
            "p50_ms": round(statistics.median(times["wall"]), 2),
            "p95_ms": round(percentile(times["wall"], 95), 2),
            "cpu_p50_ms": round(statistics.median(times["cpu"]), 2),
        }
        for name, times in samples.items()
    }


def analyse():
    """Fresh planner statistics and visibility maps on PostgreSQL, as autovacuum keeps them
    after bulk writes. (SQLite is left as Django leaves it: without ANALYZE.)"""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def child(args):
    """One engine, one database: --build grows it to --articles articles, --measure times it."""
    setup_django(args.database_url)
    from datetime import datetime

    from django.core.management import call_command

    from masthead.news.models import ArticlePage

    call_command("migrate", verbosity=0)
    if args.build:
        existing = ArticlePage.objects.count()
        if not existing:
            build_site()
        epoch = datetime.fromisoformat(args.epoch)
        add_articles(
            args.articles - existing,
            epoch=epoch,
            progress=f"{args.engine}: up to {args.articles:,}",
        )
        return
    analyse()
    articles = ArticlePage.objects.count()
    assert articles == args.articles, f"{args.database_url} holds {articles:,} articles"
    print(json.dumps(measure(args.requests)))


# --------------------------------------------------------------------------------------------
# Parent: the kept databases, one child process per build and per measurement.
# --------------------------------------------------------------------------------------------


def sqlite_url(articles: int) -> str:
    return f"sqlite:///{ROOT / 'var' / 'bench' / f'archive-{articles}.sqlite3'}"


def postgres_url(base: str, articles: int) -> str:
    return f"{base}_{articles}"


def fresh_sqlite(url: str, *, copy_of: str | None = None) -> str:
    import shutil

    path = Path(url.removeprefix("sqlite:///"))
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    if copy_of:
        # The child that wrote it has exited: the file and its write-ahead log, if one is
        # left, are the whole database.
        source = copy_of.removeprefix("sqlite:///")
        shutil.copyfile(source, path)
        if Path(f"{source}-wal").exists():
            shutil.copyfile(f"{source}-wal", f"{path}-wal")
    return url


def fresh_postgres(url: str, *, copy_of: str | None = None) -> str:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    template = f' TEMPLATE "{copy_of.rsplit("/", 1)[1]}"' if copy_of else ""
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"{template}')
    return url


def run_child(args, engine: str, url: str, articles: int, *extra: str) -> str:
    command = [sys.executable, __file__, "--child", "--engine", engine, "--database-url", url]
    command += ["--articles", str(articles), *extra]
    return subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout


def build(args, engine: str, small_url: str, large_url: str) -> None:
    """The small database, then the large one as a copy of it grown further."""
    from datetime import UTC, datetime, timedelta

    fresh = fresh_sqlite if engine == "sqlite" else fresh_postgres
    # Article n is published n minutes after the epoch; the newest is a minute old.
    epoch = (datetime.now(UTC) - timedelta(minutes=args.large + 1)).isoformat()
    run_child(args, engine, fresh(small_url), args.small, "--build", "--epoch", epoch)
    run_child(
        args,
        engine,
        fresh(large_url, copy_of=small_url),
        args.large,
        "--build",
        "--epoch",
        epoch,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40, help="per page and database")
    parser.add_argument(
        "--rounds", type=int, default=4, help="turns the small and large databases take"
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL),
        help="PostgreSQL URL; the databases are named after it with _<articles> appended",
    )
    parser.add_argument(
        "--remeasure",
        action="store_true",
        help="re-time the databases a previous run kept, without generating them again",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--articles", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--epoch", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    results = {
        "benchmark": "archive",
        "small": args.small,
        "large": args.large,
        "requests": args.requests,
        "rounds": args.rounds,
        "remeasure": args.remeasure,
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
    }
    for engine in args.engines.split(","):
        if engine == "sqlite":
            small_url, large_url = sqlite_url(args.small), sqlite_url(args.large)
        else:
            small_url = postgres_url(args.pg_url, args.small)
            large_url = postgres_url(args.pg_url, args.large)
        started = time.perf_counter()
        if not args.remeasure:
            build(args, engine, small_url, large_url)
        figures = {"engine": engine, "databases": [small_url, large_url]}
        figures["build_seconds"] = round(time.perf_counter() - started)
        # Small and large take turns (the order flipping each round), so a change in the
        # machine's load during the run weighs on both sizes alike.
        sizes = [("small", small_url, args.small), ("large", large_url, args.large)]
        per_round = max(1, args.requests // args.rounds)
        samples = {"small": {}, "large": {}}
        for round_ in range(args.rounds):
            for size, url, articles in sizes if round_ % 2 == 0 else sizes[::-1]:
                output = run_child(args, engine, url, articles, "--requests", str(per_round))
                for page, times in json.loads(output.strip().splitlines()[-1]).items():
                    merged = samples[size].setdefault(page, {"wall": [], "cpu": []})
                    merged["wall"] += times["wall"]
                    merged["cpu"] += times["cpu"]
        figures["small"] = summarise(samples["small"])
        figures["large"] = summarise(samples["large"])
        for key in ("p50_ms", "p95_ms", "cpu_p50_ms"):
            figures[f"ratio_{key[:-3]}"] = {
                page: round(figures["large"][page][key] / figures["small"][page][key], 2)
                for page in figures["small"]
            }
        figures["load_average"] = [round(x, 2) for x in os.getloadavg()]
        figures["within_1_5x"] = {page: r < 1.5 for page, r in figures["ratio_p50"].items()}
        results[engine] = figures
        print(f"{engine}: {json.dumps(figures)}", file=sys.stderr)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
