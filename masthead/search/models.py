from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="rss")
class FeedSettings(BaseSiteSetting):
    """How the site's RSS and Atom feeds describe each article."""

    CONTENT_CHOICES = [
        ("summary", "Summary: the standfirst only"),
        ("full", "Full text (premium articles: only their public part)"),
    ]

    item_content = models.CharField(max_length=10, choices=CONTENT_CHOICES, default="summary")
    items = models.PositiveSmallIntegerField(
        default=30, help_text="How many of the latest articles each feed carries (at most 100)."
    )

    panels = [FieldPanel("item_content"), FieldPanel("items")]

    class Meta:
        verbose_name = "Feeds"

    @property
    def full_text(self) -> bool:
        return self.item_content == "full"

    @property
    def item_count(self) -> int:
        return max(1, min(self.items or 30, 100))
