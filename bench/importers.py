"""Importer benchmark: a generated WordPress export of --posts posts with 3 local pictures
each (a featured image and two in the body), imported into an empty site twice.

The first run imports everything; the second is the idempotent re-run, which must add and
update nothing. Goal (issue 15): at least 35 posts/s on the first run, and the second run in
under a quarter of the first's time, on SQLite and on PostgreSQL.

Each run starts from a fresh database (SQLite: var/bench/importers.sqlite3; PostgreSQL: the
database named in --database-url is dropped and made again) and a fresh media folder. The
time covers the whole command: reading the XML, writing pages, pictures, bylines, tags,
comments, redirects, the search index pass and the one purge at the end.

    .venv/bin/python bench/importers.py --posts 1000
    .venv/bin/python bench/importers.py --posts 10000 \\
        --database-url postgres://postgres@127.0.0.1:5432/h_importers_bench
    .venv/bin/python bench/importers.py --posts 500 --profile   # where the time goes

The last line printed is one JSON object with every figure.
"""

import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = ROOT / "var" / "bench" / "importers.sqlite3"

WORDS = (  # noqa: SIM905 - a paragraph of vocabulary reads better than a list
    "bridge council budget river school harbour market railway mayor hospital library "
    "flood festival tram museum election court bakery stadium garden ferry winter"
).split()


def generate(folder: Path, posts: int) -> Path:
    """A WXR 1.2 file and its uploads folder, with 3 pictures per post."""
    import random

    from PIL import Image

    rng = random.Random(posts)
    uploads = folder / "uploads"
    (uploads / "2024").mkdir(parents=True)
    # Small real JPEGs, a few different ones copied under each post's names (like photos
    # of one size class); decoding the header and copying the bytes is the per-file work.
    samples = []
    for n in range(5):
        buffer = io.BytesIO()
        Image.new("RGB", (320, 180), (40 * n, 90, 160)).save(buffer, "JPEG", quality=80)
        samples.append(buffer.getvalue())
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
        "<title>Bench Gazette</title><link>https://gazette.example.com</link>\n"
        "<wp:wxr_version>1.2</wp:wxr_version>\n"
        "<wp:base_site_url>https://gazette.example.com</wp:base_site_url>\n"
    )
    parts = [head]
    for n in range(20):
        parts.append(
            f"<wp:author><wp:author_login>writer{n}</wp:author_login>"
            f"<wp:author_display_name>Writer {n}</wp:author_display_name></wp:author>\n"
        )
    categories = ["City", "Sport", "Culture", "Business"]
    attachment_id = 10_000_000
    for n in range(posts):
        ids = []
        for k in range(3):
            attachment_id += 1
            name = f"2024/p{n}-{k}.jpg"
            (uploads / name).write_bytes(samples[(n + k) % len(samples)])
            ids.append((attachment_id, name))
            parts.append(
                f"<item><title>Picture {n}-{k}</title><wp:post_id>{attachment_id}</wp:post_id>"
                "<wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>"
                "<wp:attachment_url>https://gazette.example.com/wp-content/uploads/"
                f"{name}</wp:attachment_url><excerpt:encoded>Caption {n}-{k}</excerpt:encoded>"
                f"<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key>"
                f"<wp:meta_value>{name}</wp:meta_value></wp:postmeta></item>\n"
            )
        words = rng.sample(WORDS, 5)
        text = " ".join(rng.choice(WORDS) for _ in range(60))
        body = (
            f"<p>{text.capitalize()}.</p>\n<h2>{words[0].title()} and {words[1]}</h2>\n"
            f'<figure><img src="https://gazette.example.com/wp-content/uploads/{ids[1][1]}" '
            f'alt="{words[2]}"><figcaption>The {words[2]}. Photo: Staff</figcaption></figure>\n'
            f"<p>{text[::-1].capitalize()}.</p>\n"
            f'<p><img src="https://gazette.example.com/wp-content/uploads/{ids[2][1]}"></p>\n'
            f"<blockquote><p>{words[3].title()} matters.</p><cite>A reader</cite></blockquote>"
        )
        day = 1 + n % 28
        parts.append(
            f"<item><title>{words[0].title()} {words[1]} report {n}</title>"
            f"<link>https://gazette.example.com/2024/03/{day:02d}/report-{n}/</link>"
            f"<dc:creator>writer{n % 20}</dc:creator>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded>"
            f"<excerpt:encoded>Report {n} on the {words[0]}.</excerpt:encoded>"
            f"<wp:post_id>{n + 1}</wp:post_id>"
            f"<wp:post_date_gmt>2024-03-{day:02d} 10:{n % 60:02d}:00</wp:post_date_gmt>"
            f"<wp:post_name>report-{n}</wp:post_name><wp:status>publish</wp:status>"
            "<wp:post_type>post</wp:post_type>"
            f'<category domain="category" nicename="c"><![CDATA[{categories[n % 4]}]]></category>'
            f'<category domain="post_tag" nicename="t"><![CDATA[{words[2]}]]></category>'
            f'<category domain="post_tag" nicename="t"><![CDATA[{words[3]}]]></category>'
            f"<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
            f"<wp:meta_value>{ids[0][0]}</wp:meta_value></wp:postmeta>"
            "<wp:comment><wp:comment_id>1</wp:comment_id>"
            "<wp:comment_author>A reader</wp:comment_author>"
            "<wp:comment_date_gmt>2024-03-02 10:00:00</wp:comment_date_gmt>"
            "<wp:comment_content>Thanks for this.</wp:comment_content>"
            "<wp:comment_approved>1</wp:comment_approved></wp:comment>"
            "</item>\n"
        )
    parts.append("</channel></rss>\n")
    export = folder / "export.xml"
    export.write_text("".join(parts))
    return export


def fresh_database(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(url.split("sqlite:///", 1)[1])
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str, media: Path) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["MEDIA_ROOT"] = str(media)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    import django

    django.setup()


def build_site() -> None:
    from django.core.management import call_command
    from wagtail.models import Page, Site

    from masthead.news.models import HomePage

    call_command("migrate", verbosity=0)
    root = Page.get_first_root_node()
    home = HomePage(title="Bench Gazette", slug="bench-home")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    old = site.root_page if site else None
    if site:
        site.root_page = home
        site.save()
    else:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    if old and old.pk != home.pk:
        old.delete()


def timed_import(export: Path, uploads: Path, profile: bool):
    from django.core.management import call_command

    out = io.StringIO()
    args = [str(export), "--media-dir", str(uploads)]
    started, started_cpu = time.perf_counter(), time.process_time()
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    call_command("import_wordpress", *args, stdout=out)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - started_cpu
    if profile:
        profiler.disable()
        profiler.dump_stats(str(ROOT / "var" / "bench" / "importers.prof"))
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(45)
    return seconds, cpu, out.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--database-url", default=f"sqlite:///{DEFAULT_SQLITE}")
    parser.add_argument("--profile", action="store_true", help="cProfile the first run")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-importers-"))
    try:
        started = time.perf_counter()
        export = generate(work / "export", args.posts)
        print(f"generated {args.posts} posts in {time.perf_counter() - started:.1f} s")
        fresh_database(args.database_url)
        setup_django(args.database_url, work / "media")
        build_site()

        from django.db import connection

        uploads = work / "export" / "uploads"
        first, first_cpu, report_first = timed_import(export, uploads, args.profile)
        print(report_first.splitlines()[0])
        second, second_cpu, report_second = timed_import(export, uploads, False)
        print(report_second.splitlines()[0])

        from masthead.images.models import CustomImage
        from masthead.news.models import ArticlePage

        articles, pictures = ArticlePage.objects.count(), CustomImage.objects.count()
        assert articles == args.posts, (articles, args.posts)
        assert pictures == 3 * args.posts, (pictures, args.posts)
        assert "Imported: 0 new, 0 updated" in report_second, report_second
        figures = {
            "bench": "importers",
            "engine": connection.vendor,
            "posts": args.posts,
            "pictures": pictures,
            "first_s": round(first, 2),
            "first_posts_per_s": round(args.posts / first, 1),
            "second_s": round(second, 2),
            "second_posts_per_s": round(args.posts / second, 1),
            "second_over_first": round(second / first, 3),
            # Process CPU time: steadier than wall time on a shared machine (on SQLite it
            # includes the queries; on PostgreSQL the server's share is not in it).
            "first_cpu_s": round(first_cpu, 2),
            "first_posts_per_cpu_s": round(args.posts / first_cpu, 1),
            "second_cpu_s": round(second_cpu, 2),
            "goal_first_posts_per_s": 35,
            "goal_second_over_first": 0.25,
            "cpus": os.cpu_count(),
            "load_1min": round(os.getloadavg()[0], 2),
        }
        print(json.dumps(figures))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
