"""The News Feed's admin screen: one short form, newest items first."""

from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NewsFeedItem


class NewsFeedItemViewSet(SnippetViewSet):
    model = NewsFeedItem
    icon = "time"
    menu_label = "News Feed"
    menu_name = "news-feed"
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["headline", "published_at", "article"]
    list_per_page = 50
    search_fields = ["headline", "summary"]
    ordering = ["-published_at", "-pk"]
    panels = [
        FieldPanel("headline"),
        FieldPanel("summary"),
        FieldPanel("article", widget=AdminPageChooser(target_models=["news.ArticlePage"])),
        FieldPanel("tags"),
        FieldPanel("published_at"),
    ]


register_snippet(NewsFeedItemViewSet)
