"""Demo data: the verdict scale, and one article that shows the data desk's charts of the demo
dataset and a fact check. Claim, claimant and figures are invented for the demo and say so."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from .models import Verdict

SCALE = [
    ("False", 1, "The claim is wrong."),
    ("Mostly false", 2, "The claim has a grain of truth but is wrong in what matters."),
    ("Misleading", 3, "Accurate figures used to give a false impression."),
    ("Mostly true", 4, "The claim is right but needs context."),
    ("True", 5, "The claim is accurate."),
]
SLUG = "sirens-by-the-numbers-demo"


def seed(*, stdout) -> None:
    for label, rating, description in SCALE:
        Verdict.objects.get_or_create(
            label=label, defaults={"rating": rating, "description": description}
        )
    _seed_article(stdout=stdout)


def _seed_article(*, stdout) -> None:
    from masthead.datadesk.models import Dataset
    from masthead.datadesk.seeds import SLUG as DATASET_SLUG
    from masthead.news.models import ArticleAuthor, ArticlePage, SectionPage

    dataset = Dataset.objects.filter(slug=DATASET_SLUG).first()
    section = SectionPage.objects.live().first()
    donor = ArticlePage.objects.live().exclude(lead_image=None).first()
    if dataset is None or section is None or donor is None:
        return
    if ArticlePage.objects.filter(slug=SLUG).exists():
        return
    alerts = dataset.series.order_by("sort_order").first()
    latest = dataset.frame(series=[alerts.pk]).series[0].latest
    noted = latest[0] - timedelta(days=60) if latest else timezone.localdate()
    verdict = Verdict.objects.get(label="Misleading")
    chart = {"dataset": dataset.pk, "description": "", "series": "", "start": None, "end": None}
    body = [
        {
            "type": "paragraph",
            "value": "<p>Illustrative figures, not real data: this demo article shows how a "
            "newsroom charts a running tally kept in the data desk.</p>",
        },
        {
            "type": "chart",
            "value": {
                **chart,
                "form": "big_number",
                "title": "Alerts on the latest day",
                "series": alerts.name,
                "last_days": 90,
                "annotations": [],
            },
        },
        {
            "type": "chart",
            "value": {
                **chart,
                "form": "line",
                "title": "Daily alerts and hours under alert, last six months",
                "description": "Both series rise and fall together.",
                "last_days": 183,
                "annotations": [
                    {
                        "type": "item",
                        "id": "demo-note",
                        "value": {"date": noted.isoformat(), "text": "Demo note: talks begin"},
                    }
                ],
            },
        },
        {
            "type": "chart",
            "value": {
                **chart,
                "form": "stacked_bar",
                "title": "The last four weeks",
                "last_days": 28,
                "annotations": [],
            },
        },
        {
            "type": "fact_check",
            "value": {
                "claim": "There were no air-raid alerts at all last month.",
                "claimant": "A fictional regional spokesperson (demo)",
                "claimant_kind": "Person",
                "claim_date": (timezone.localdate() - timedelta(days=3)).isoformat(),
                "appearance_url": "",
                "verdict": verdict.pk,
                "summary": "The demo dataset records alerts on most days of the month.",
                "evidence": "<p>The demo tracker's figures, shown in the charts above, count "
                "alerts on most days of the last month. Both claim and figures are invented "
                "for the demo.</p>",
            },
        },
    ]
    page = ArticlePage(
        title="Sirens by the numbers (demo)",
        slug=SLUG,
        standfirst="A demo of charts and fact checks drawn from the data desk's illustrative "
        "air-raid alerts dataset.",
        lead_image=donor.lead_image,
        body=body,
        search_description="Demo charts and a fact check from illustrative figures.",
    )
    author = donor.article_authors.first()
    if author is not None:
        page.article_authors.add(ArticleAuthor(author=author.author, sort_order=0))
    section.add_child(instance=page)
    page.save_revision().publish()
    stdout.write("Fact checks: a verdict scale and a demo article with charts and a fact check.")
