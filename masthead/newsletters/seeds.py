"""Demo newsletters (from masthead/news/demo/content.py, and the Ukrainian edition's from
demo/uk.py when that edition exists), a few confirmed readers and one draft issue with the
latest stories. Idempotent."""

from django.conf import settings
from wagtail.models import Locale

from masthead.news.demo import uk
from masthead.news.demo.content import NEWSLETTERS
from masthead.news.models import ArticlePage
from masthead.people.models import Author

from .models import Issue, IssueArticle, Newsletter, Subscriber, Subscription

DEMO_READERS = ["reader@example.com", "olena.reader@example.org", "sam.reader@example.net"]


def _create(newsletters, **extra) -> int:
    created = 0
    for order, data in enumerate(newsletters):
        author = Author.objects.filter(slug=data["author"]).first()
        _, was_created = Newsletter.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "description": data["description"],
                "author": author,
                "cadence": data["cadence"],
                "is_default": data["is_default"],
                "sort_order": order,
                **extra,
            },
        )
        created += was_created
    return created


def seed(*, stdout) -> None:
    if "uk" in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        locale = Locale.objects.filter(language_code="uk").first()
        if locale is not None and _create(uk.NEWSLETTERS, locale=locale):
            stdout.write("Ukrainian edition: newsletters created.")
    created = _create(NEWSLETTERS)
    if not created:
        return
    first = Newsletter.objects.get(slug=NEWSLETTERS[0]["slug"])
    for address in DEMO_READERS:
        subscriber, _ = Subscriber.objects.get_or_create(email=address)
        Subscription.objects.get_or_create(
            subscriber=subscriber, newsletter=first, defaults={"status": Subscription.ACTIVE}
        )
    if not Issue.objects.filter(newsletter=first).exists():
        issue = Issue.objects.create(
            newsletter=first,
            subject="Morning Briefing: the night in five stories",
            preheader="Air defence, the grid, and the week ahead in parliament.",
            intro=(
                "<p>Good morning. Here is what happened overnight "
                "and what we are watching today.</p>"
            ),
        )
        latest = ArticlePage.objects.live().newest_first().values_list("pk", flat=True)[:5]
        IssueArticle.objects.bulk_create(
            [IssueArticle(issue=issue, article_id=pk, sort_order=i) for i, pk in enumerate(latest)]
        )
    stdout.write(f"Newsletters: {created} created, with a draft issue.")
