"""schema.org ClaimReview for a fact check, with the fields Google's fact-check rich result
requires (claimReviewed, reviewRating with alternateName, url) and those it recommends
(author, datePublished, itemReviewed as a Claim with its author, date and appearance)."""

from __future__ import annotations

from typing import Any

from masthead.core.datetimes import iso_datetime
from masthead.core.site_url import absolute_url, page_url

# Bumped when the verdict scale changes (cache_rules.py).
VERDICTS_TAG = "verdicts"


def _publisher(page) -> dict[str, Any]:
    from masthead.core.models import SiteSettings

    name = "Masthead"
    site = page.get_site() if page is not None else None
    if site is not None:
        name = SiteSettings.for_site(site).newsroom_name or name
    return {"@type": "Organization", "name": name, "url": absolute_url("/")}


def claim_review_json_ld(value, *, page=None, anchor: str = "") -> dict[str, Any]:
    verdict = value["verdict"]
    from .models import Verdict

    worst, best = Verdict.scale()
    url = (page_url(page) if page is not None else absolute_url("/")) + (
        f"#{anchor}" if anchor else ""
    )
    claim: dict[str, Any] = {
        "@type": "Claim",
        "author": {"@type": value.get("claimant_kind") or "Person", "name": value["claimant"]},
        "datePublished": value["claim_date"].isoformat(),
    }
    if value.get("appearance_url"):
        claim["appearance"] = {"@type": "CreativeWork", "url": value["appearance_url"]}
        claim["firstAppearance"] = {"@type": "CreativeWork", "url": value["appearance_url"]}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": value["claim"],
        "itemReviewed": claim,
        "author": _publisher(page),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": verdict.rating if verdict else None,
            "bestRating": best,
            "worstRating": worst,
            "alternateName": verdict.label if verdict else "",
        },
    }
    published = getattr(page, "first_published_at", None)
    if published:
        data["datePublished"] = iso_datetime(published)
    return data
