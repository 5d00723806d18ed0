"""A fact check in an article: what readers see, and ClaimReview JSON-LD with the fields
Google's fact-check documentation requires and recommends."""

from __future__ import annotations

import json
import re

import pytest

from masthead.factchecks.models import Verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def scale(db):
    return {
        label: Verdict.objects.create(label=label, rating=rating, description=text)
        for label, rating, text in [
            ("False", 1, "The claim is wrong."),
            ("Misleading", 2, "Accurate in part, but leaves a false impression."),
            ("True", 4, "The claim is accurate."),
        ]
    }


def fact_check(verdict, **extra) -> dict:
    return {
        "type": "fact_check",
        "value": {
            "claim": "The bridge was never <damaged> & needs no repairs.",
            "claimant": "Regional governor",
            "claimant_kind": "Person",
            "claim_date": "2026-03-02",
            "appearance_url": "https://example.org/briefing/42",
            "verdict": verdict.pk,
            "summary": "Photos show two spans collapsed.",
            "evidence": "<p>Satellite images from March show the collapse.</p>",
            **extra,
        },
    }


def json_ld_blocks(html: str) -> list[dict]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in found]


def test_claim_review_has_googles_required_and_recommended_fields(client, make_article, scale):
    article = make_article(title="Checked", body=json.dumps([fact_check(scale["False"])]))
    html = client.get(article.url).content.decode()
    reviews = [data for data in json_ld_blocks(html) if data.get("@type") == "ClaimReview"]
    assert len(reviews) == 1
    review = reviews[0]
    assert review["@context"] == "https://schema.org"
    assert review["claimReviewed"] == "The bridge was never <damaged> & needs no repairs."
    assert review["url"].startswith("http") and article.url.rstrip("/") in review["url"]
    assert review["url"].split("#")[1] in html  # the anchor is the fact check's id
    rating = review["reviewRating"]
    assert rating == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 4,
        "worstRating": 1,
        "alternateName": "False",
    }
    assert review["author"]["@type"] == "Organization" and review["author"]["name"]
    assert review["datePublished"]
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"] == {"@type": "Person", "name": "Regional governor"}
    assert claim["datePublished"] == "2026-03-02"
    assert claim["appearance"] == {
        "@type": "CreativeWork",
        "url": "https://example.org/briefing/42",
    }


def test_readers_see_claim_claimant_verdict_and_evidence(client, make_article, scale):
    article = make_article(title="Checked", body=json.dumps([fact_check(scale["Misleading"])]))
    html = client.get(article.url).content.decode()
    assert "The bridge was never &lt;damaged&gt; &amp; needs no repairs." in html
    assert "Regional governor" in html
    assert "Our verdict: <strong>Misleading</strong>" in html
    assert "Satellite images from March" in html


def test_renaming_a_verdict_changes_cached_fact_checks(client, make_article, scale):
    article = make_article(title="Checked", body=json.dumps([fact_check(scale["False"])]))
    assert "<strong>False</strong>" in client.get(article.url).content.decode()
    verdict = scale["False"]
    verdict.label = "Wrong"
    verdict.save()
    html = client.get(article.url).content.decode()
    assert "<strong>Wrong</strong>" in html
    assert '"alternateName":"Wrong"' in html
