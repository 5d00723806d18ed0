"""How much of the cache stays warm after a change: the point of fine-grained purge tags.

Builds a small newsroom in a throwaway test database (ARTICLES stories), requests every page
twice so that every page and fragment is stored, then makes one change at a time (a
news-feed post, a story published, a story edited, a site setting saved) and counts, after
each, what still holds:

- stored_pages: stored pages whose own tags still hold (a hit once its slots are filled);
- served_after_one_render: pages answered from the store once one page has been drawn
  afresh (which refills the shared rails);
- fragments: shared fragments still valid.

In-process, with the test settings (every cache on, a diskcache store). The last line
printed is one JSON object with every figure.

    .venv/bin/python bench/warmth.py [--articles 60]
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    args = parser.parse_args()

    import django

    django.setup()
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment

    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        print(json.dumps(measure(args.articles)))
    finally:
        runner.teardown_databases(old)


def measure(count: int) -> dict:
    from django.test import Client
    from django.utils import timezone

    from masthead.caching import fragments, pages
    from masthead.caching.pages import clear
    from masthead.core.models import SiteSettings
    from masthead.news.models import NewsFeedItem
    from masthead.news.tests.factories import make_article, make_home, make_section
    from masthead.people.tests.factories import AuthorFactory

    home = make_home()
    section = make_section(home)
    author = AuthorFactory(name="Warmth Bench")
    stories = [
        make_article(section=section, authors=[author], title=f"Story number {n}", image=False)
        for n in range(count)
    ]
    urls = [home.url, section.url, *(story.url for story in stories)]
    client = Client()

    def warm():
        clear()
        for url in urls:
            client.get(url)
            client.get(url)

    def stored_pages() -> float:
        from masthead.caching import tags as cache_tags

        held = 0
        for url in urls:
            stored = pages.shared().get(pages.entry_key(f"http://testserver{url}?"))
            if stored is not None and cache_tags.versions(stored.tags) == stored.tags:
                held += 1
        return held / len(urls)

    def served_after_one_render() -> float:
        client.get(stories[0].url)
        hits = sum(client.get(url).get("X-Cache") == "HIT" for url in urls[2:])
        return hits / len(urls[2:])

    def fragments_held(keys) -> float:
        return sum(fragments.peek(key) is not None for key in keys) / len(keys)

    changes = {
        "news_feed_item_posted": lambda: NewsFeedItem.objects.create(
            headline="Power restored",
            summary="Crews worked overnight.",
            published_at=timezone.now(),
        ),
        "story_published": lambda: make_article(
            section=section, authors=[author], title="A new story", image=False
        ),
        "story_edited": lambda: stories[-1].save_revision().publish(),
        "site_setting_saved": lambda: SiteSettings.for_site(home.get_site()).save(),
    }
    figures = {"articles": count, "pages": len(urls)}
    for name, change in changes.items():
        warm()
        keys = list(fragments.copies._copies)
        change()
        figures[name] = {
            "stored_pages": round(stored_pages(), 3),
            "fragments": round(fragments_held(keys), 3),
            "served_after_one_render": round(served_after_one_render(), 3),
        }
    return figures


if __name__ == "__main__":
    main()
