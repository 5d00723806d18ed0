"""StreamField blocks shared by every page type. Feature blocks live in their own app."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

BODY_RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph.html"
        features = BODY_RICH_TEXT_FEATURES


class SubheadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "blocks/subheading.html"
        max_length = 200


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=2000)
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"


class PullQuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(max_length=400)
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/pull_quote.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=500)
    credit = blocks.CharBlock(
        required=False, max_length=255, help_text="Leave empty to use the image's own credit."
    )

    class Meta:
        icon = "image"
        template = "blocks/image.html"


class CaptionedEmbedBlock(blocks.StructBlock):
    embed = EmbedBlock(help_text="A link to a video, post or map from a supported provider.")
    caption = blocks.CharBlock(required=False, max_length=500)

    class Meta:
        icon = "media"
        template = "blocks/embed.html"


class LinkBlock(blocks.StructBlock):
    """A menu entry: a page of the site or an outside address, with an optional label."""

    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, label="or URL")
    label = blocks.CharBlock(required=False, max_length=60, help_text="Defaults to the page title")

    class Meta:
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError("Choose a page or enter a URL.")}
            )
        if not value.get("page") and not value.get("label"):
            raise blocks.StructBlockValidationError(
                block_errors={"label": ValidationError("A URL needs a label.")}
            )
        return value


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(
        choices=[
            ("x", "X"),
            ("facebook", "Facebook"),
            ("instagram", "Instagram"),
            ("telegram", "Telegram"),
            ("youtube", "YouTube"),
            ("tiktok", "TikTok"),
            ("linkedin", "LinkedIn"),
            ("threads", "Threads"),
            ("bluesky", "Bluesky"),
            ("mastodon", "Mastodon"),
            ("rss", "RSS"),
        ]
    )
    url = blocks.URLBlock()

    class Meta:
        icon = "site"
