"""The panel with an article's own numbers on its edit page (the Promote tab)."""

from wagtail.admin.panels import Panel

from . import selectors


class ArticleNumbersPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "analytics/admin/article_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page_id = getattr(self.instance, "pk", None)
            context["page_id"] = page_id
            context["numbers"] = selectors.article_summary(page_id) if page_id else None
            return context
