"""The article body: shared blocks from core plus the related-article card."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from masthead.core.blocks import (
    CaptionedEmbedBlock,
    CaptionedImageBlock,
    ParagraphBlock,
    PullQuoteBlock,
    QuoteBlock,
    SubheadingBlock,
)
from masthead.datadesk.blocks import ChartBlock, FiguresBoxBlock
from masthead.factchecks.blocks import FactCheckBlock


class RelatedArticleBlock(blocks.StructBlock):
    """A card for another article. It stores only the link, so the card always shows that
    article's current headline, summary, section and byline."""

    article = blocks.PageChooserBlock(page_type="news.ArticlePage")

    class Meta:
        icon = "doc-full"
        template = "blocks/related_article.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["card_article"] = readable_by_all(value.get("article"))
        return context


def readable_by_all(page):
    """``page`` (specific) if it is live and no view restriction covers it, else None. The card
    is part of a body every reader shares: a private story's headline and standfirst must not
    be in it, even for readers allowed to open that story. A restriction saved or deleted bumps
    the site tag, so stored bodies are redrawn (masthead/caching/restrictions.py)."""
    from masthead.caching.restrictions import restricted_paths

    if page is None or not page.live:
        return None
    if any(page.path.startswith(path) for path in restricted_paths()):
        return None
    return page.specific


ARTICLE_BODY_BLOCKS = [
    ("paragraph", ParagraphBlock()),
    ("subheading", SubheadingBlock()),
    ("quote", QuoteBlock()),
    ("pull_quote", PullQuoteBlock()),
    ("image", CaptionedImageBlock()),
    ("embed", CaptionedEmbedBlock()),
    ("related_article", RelatedArticleBlock()),
    ("chart", ChartBlock()),
    ("fact_check", FactCheckBlock()),
    ("figures_box", FiguresBoxBlock()),
]

PAGE_BODY_BLOCKS = [
    ("paragraph", ParagraphBlock()),
    ("subheading", SubheadingBlock()),
    ("quote", QuoteBlock()),
    ("image", CaptionedImageBlock()),
    ("embed", CaptionedEmbedBlock()),
    ("chart", ChartBlock()),
]


class HeaderPromoBlock(blocks.StructBlock):
    """One promotion in the site header (Newsletters, Store, Insights): picture, title, link."""

    title = blocks.CharBlock(max_length=60)
    call_to_action = blocks.CharBlock(
        required=False, max_length=40, help_text='A short prompt, e.g. "Shop Now".'
    )
    image = ImageChooserBlock(required=False)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Used when no page is chosen.")

    class Meta:
        icon = "pick"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("Choose a page or enter a link.")}
            )
        return value
