"""The News Feed's admin screen: one short form, newest items first."""

from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NewsFeedItem


class ArticleChooser(AdminPageChooser):
    """Wagtail's page chooser re-renders a posted non-numeric id by looking it up, which
    fails with a 500; show such a value as empty so the form's error message is what the
    editor sees instead."""

    def __init__(self, **kwargs):
        super().__init__(target_models=["news.ArticlePage"], **kwargs)

    def get_value_data(self, value):
        if isinstance(value, str) and not value.strip().isdigit():
            value = None
        return super().get_value_data(value)


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
        FieldPanel("article", widget=ArticleChooser()),
        FieldPanel("tags"),
        FieldPanel("published_at"),
    ]


register_snippet(NewsFeedItemViewSet)
