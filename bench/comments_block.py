"""How fast the private comment block renders: an article with 100 threads (200 comments),
fetched as the JS does, by an anonymous visitor and by a signed-in reader; and how fast
comment text is sanitised. Uses the shipped settings on a fresh SQLite database in a
temporary folder. Prints one JSON line last."""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["MASTHEAD_VAR_DIR"] = tempfile.mkdtemp(prefix="masthead-bench-")
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["DJANGO_SETTINGS_MODULE"] = "masthead.settings.base"
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from tqdm import tqdm  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))


def build():
    from masthead.accounts.tests.factories import UserFactory
    from masthead.comments.models import Comment
    from masthead.news.tests.factories import make_article, make_home, make_section
    from masthead.people.tests.factories import AuthorFactory

    call_command("migrate", verbosity=0)
    section = make_section(make_home())
    article = make_article(section=section, authors=[AuthorFactory()], image=False)
    readers = [UserFactory(display_name=f"Reader {n}") for n in range(20)]
    for n in range(100):
        top = Comment.objects.create(
            article=article,
            author=readers[n % 20],
            body=f"Comment {n} with a link https://example.org/{n} and some words " * 3,
        )
        Comment.objects.create(
            article=article, author=readers[(n + 1) % 20], parent=top, body=f"Reply {n}"
        )
    return article, readers[0]


def rate(client, url, label) -> float:
    client.get(url, HTTP_X_REQUESTED_WITH="fetch")  # warm
    start = time.perf_counter()
    for _ in tqdm(range(REQUESTS), desc=label, file=sys.stderr):
        response = client.get(url, HTTP_X_REQUESTED_WITH="fetch")
        assert response.status_code == 200
    return REQUESTS / (time.perf_counter() - start)


def main():
    from masthead.comments.text import render_body

    article, reader = build()
    url = f"/comments/{article.pk}/fragment/"
    anonymous = rate(Client(), url, "anonymous")
    signed_in_client = Client()
    signed_in_client.force_login(reader)
    signed_in = rate(signed_in_client, url, "signed in")
    text = "A comment with https://example.org/link and <b>markup</b>.\n\nSecond paragraph. " * 5
    start = time.perf_counter()
    for _ in tqdm(range(5000), desc="sanitise", file=sys.stderr):
        render_body(text)
    sanitise = 5000 / (time.perf_counter() - start)
    print(  # noqa: T201
        json.dumps(
            {
                "bench": "comments_block",
                "comments": 200,
                "fragment_rps_anonymous": round(anonymous, 1),
                "fragment_rps_signed_in": round(signed_in, 1),
                "sanitise_per_s": round(sanitise),
            }
        )
    )


if __name__ == "__main__":
    main()
