"""Demo narration: queue a narration task for every published demo article that has none.
The worker started by `make run` narrates them in the background; seeding never waits."""

from masthead.news.models import ArticlePage

from .models import Narration
from .services import narration_request


def seed(*, stdout) -> None:
    requested = set(Narration.objects.values_list("page_id", flat=True))
    articles = [a for a in ArticlePage.objects.live().specific() if a.pk not in requested]
    for article in articles:
        narration_request(page=article)
    stdout.write(
        f"audio: {len(articles)} narrations queued for the worker"
        if articles
        else "audio: every article already has a narration (or one queued)"
    )
