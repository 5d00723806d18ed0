from masthead.newsletters.models import Issue, IssueArticle, Subscriber, Subscription


def make_subscribers(newsletter, count, *, prefix="reader", status=Subscription.ACTIVE):
    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(email=f"{prefix}{i}@example.com") for i in range(count)]
    )
    Subscription.objects.bulk_create(
        [Subscription(subscriber=s, newsletter=newsletter, status=status) for s in subscribers]
    )
    return subscribers


def make_issue(newsletter, articles=(), **fields):
    fields.setdefault("subject", "The night in five stories")
    fields.setdefault("preheader", "Air defence, the grid, and parliament.")
    fields.setdefault("intro", "<p>Good morning from <b>Kyiv</b>.</p>")
    issue = Issue.objects.create(newsletter=newsletter, **fields)
    IssueArticle.objects.bulk_create(
        [IssueArticle(issue=issue, article=a, sort_order=i) for i, a in enumerate(articles)]
    )
    return issue
