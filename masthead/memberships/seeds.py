"""Demo memberships: two plans (prices filled in from the Stripe dashboard later) and one
premium demo article. Idempotent."""

from decimal import Decimal

from .models import Plan

PLANS = [
    {
        "slug": "monthly",
        "name": "Monthly member",
        "interval": "month",
        "amount": Decimal("8.00"),
        "description": "Every premium analysis in full, and our thanks each month.",
        "sort_order": 1,
    },
    {
        "slug": "yearly",
        "name": "Yearly member",
        "interval": "year",
        "amount": Decimal("80.00"),
        "description": "Two months free: a year of premium analysis and reporting.",
        "sort_order": 2,
    },
]


def seed(*, stdout) -> None:
    from masthead.news.models import ArticlePage

    created = 0
    for plan in PLANS:
        _, was_created = Plan.objects.get_or_create(slug=plan["slug"], defaults=plan)
        created += was_created
    stdout.write(
        f"memberships: {created} plan(s) created (set their Stripe price ids in the admin)"
    )
    if not ArticlePage.objects.filter(is_premium=True).exists():
        article = ArticlePage.objects.live().order_by("-first_published_at").last()
        if article is not None:
            article.is_premium = True
            article.save_revision().publish()
            stdout.write(f"memberships: '{article.title}' is now a premium article")
