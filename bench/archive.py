"""Archive-size benchmark: does a 100x bigger archive cost < 1.5x more time per page?

Builds a fresh database (SQLite file under var/bench/, and the PostgreSQL database named by
--pg-url), fills it with --small articles, times the front page, a section page, a tag page
and searches in-process with django.test.Client (server time, no network, the page cache
off so that every request renders), grows the archive to --large articles and times them
again. The archive grows as a newsroom's does: each new article is published after the last.
On PostgreSQL the tables are analysed after each growth, as autovacuum would.

Articles are written in bulk, but as valid Wagtail pages in a valid tree: treebeard paths,
depth and numchild; url_path; live revision-free published pages; authors, tags and the
search index filled as the CMS would fill them.

    .venv/bin/python bench/archive.py                      # both databases, 1,000 -> 100,000
    .venv/bin/python bench/archive.py --engines sqlite --large 10000

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
    # Server time means rendering: a cached page costs the same at any archive size.
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
    tags = list(Tag.objects.values_list("pk", flat=True))
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
            ArticleTag.objects.bulk_create(
                [
                    ArticleTag(content_object_id=p.pk, tag_id=tag)
                    for p in pages
                    for tag in rng.sample(tags, 3)
                ]
            )
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
    """p50/p95 wall time per page, and the median CPU time of this process (Python and, on
    SQLite, the queries too): steadier than wall time on a shared machine."""
    from django.test import Client

    from masthead.news.models import SectionPage

    section = SectionPage.objects.order_by("path").first()
    urls = {
        "front": "/",
        "section": section.url,
        "tag": "/tags/topic-7/",
        "search": "/search/?q=kalyna7",
        "search_newest": "/search/?q=kalyna7+harbour&sort=newest",
        "search_broad": "/search/?q=harbour+convoy",
        "search_broad_newest": "/search/?q=harbour+convoy&sort=newest",
    }
    client = Client()
    figures = {}
    for name, url in urls.items():
        for _ in range(3):  # warm caches: site settings, templates, SQLite page cache
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        times, cpu = [], []
        for _ in range(requests):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        figures[name] = {
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(percentile(times, 95), 2),
            "cpu_p50_ms": round(statistics.median(cpu), 2),
        }
    return figures


def analyse():
    """Fresh planner statistics on PostgreSQL, as autovacuum keeps them after bulk writes.
    (SQLite is left as Django leaves it: without ANALYZE.)"""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def child(args):
    setup_django(args.database_url)
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    build_site()
    epoch = timezone.now() - timedelta(minutes=args.large + 1)
    add_articles(args.small, epoch=epoch, progress=f"{args.engine}: first {args.small:,}")
    analyse()
    small = measure(args.requests)
    add_articles(
        args.large - args.small, epoch=epoch, progress=f"{args.engine}: up to {args.large:,}"
    )
    analyse()
    large = measure(args.requests)
    print(json.dumps({"engine": args.engine, "small": small, "large": large}))


# --------------------------------------------------------------------------------------------
# Parent: fresh databases, one child per engine, one JSON line of results.
# --------------------------------------------------------------------------------------------


def fresh_sqlite() -> str:
    folder = ROOT / "var" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        (folder / f"archive.sqlite3{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{folder / 'archive.sqlite3'}"


def fresh_postgres(url: str) -> str:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    results = {
        "benchmark": "archive",
        "small": args.small,
        "large": args.large,
        "requests": args.requests,
    }
    for engine in args.engines.split(","):
        url = fresh_sqlite() if engine == "sqlite" else fresh_postgres(args.pg_url)
        command = [sys.executable, __file__, "--child", "--engine", engine]
        command += ["--database-url", url, "--small", str(args.small), "--large", str(args.large)]
        command += ["--requests", str(args.requests)]
        started = time.perf_counter()
        output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
        figures = json.loads(output.strip().splitlines()[-1])
        figures["seconds"] = round(time.perf_counter() - started)
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
