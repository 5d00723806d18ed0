"""The fact-check block: a claim, who made it and when, the verdict and the evidence, with
schema.org ClaimReview data for search engines (``structured_data.py``)."""

from __future__ import annotations

import hashlib

from django.template.loader import render_to_string
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from masthead.caching import tags as cache_tags
from masthead.core.blocks import BODY_RICH_TEXT_FEATURES

from .structured_data import VERDICTS_TAG, claim_review_json_ld


class FactCheckBlock(blocks.StructBlock):
    claim = blocks.TextBlock(max_length=1000, help_text="The claim, as it was made.")
    claimant = blocks.CharBlock(max_length=200, help_text="Who made it: a person or body.")
    claimant_kind = blocks.ChoiceBlock(
        choices=[("Person", "A person"), ("Organization", "An organisation")], default="Person"
    )
    claim_date = blocks.DateBlock(help_text="When it was made.")
    appearance_url = blocks.URLBlock(
        required=False, help_text="Where it was made (a post, a video, a transcript)."
    )
    verdict = SnippetChooserBlock("factchecks.Verdict")
    summary = blocks.CharBlock(
        max_length=300, required=False, help_text="The verdict in one sentence."
    )
    evidence = blocks.RichTextBlock(features=BODY_RICH_TEXT_FEATURES)

    class Meta:
        icon = "tick-inverse"
        label = "Fact check"

    def render(self, value, context=None):
        page = (context or {}).get("page")
        # A verdict renamed on the scale changes every fact check that gives it.
        cache_tags.depends_on(VERDICTS_TAG)
        # The same id on every rendering and in every process: the anchor is in the JSON-LD url.
        digest = hashlib.blake2b(f"{value['claimant']}\x1f{value['claim']}".encode(), digest_size=5)
        anchor = f"factcheck-{digest.hexdigest()}"
        if value.get("verdict") is None:
            return ""  # its verdict was removed from the scale: no verdict, no fact check
        return render_to_string(
            "factchecks/fact_check.html",
            {
                "value": value,
                "anchor": anchor,
                "json_ld": claim_review_json_ld(value, page=page, anchor=anchor),
            },
        )
