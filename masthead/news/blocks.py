"""The article body: shared blocks from core plus the related-article card."""

from wagtail import blocks

from masthead.core.blocks import (
    CaptionedEmbedBlock,
    CaptionedImageBlock,
    ParagraphBlock,
    PullQuoteBlock,
    QuoteBlock,
    SubheadingBlock,
)


class RelatedArticleBlock(blocks.StructBlock):
    """A card for another article. It stores only the link, so the card always shows that
    article's current headline, summary, section and byline."""

    article = blocks.PageChooserBlock(page_type="news.ArticlePage")

    class Meta:
        icon = "doc-full"
        template = "blocks/related_article.html"


ARTICLE_BODY_BLOCKS = [
    ("paragraph", ParagraphBlock()),
    ("subheading", SubheadingBlock()),
    ("quote", QuoteBlock()),
    ("pull_quote", PullQuoteBlock()),
    ("image", CaptionedImageBlock()),
    ("embed", CaptionedEmbedBlock()),
    ("related_article", RelatedArticleBlock()),
]

PAGE_BODY_BLOCKS = [
    ("paragraph", ParagraphBlock()),
    ("subheading", SubheadingBlock()),
    ("quote", QuoteBlock()),
    ("image", CaptionedImageBlock()),
    ("embed", CaptionedEmbedBlock()),
]
