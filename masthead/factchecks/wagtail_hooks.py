from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Verdict


class VerdictViewSet(SnippetViewSet):
    model = Verdict
    icon = "tick-inverse"
    menu_label = "Fact-check verdicts"
    list_display = ["label", "rating", "description"]
    add_to_admin_menu = False


register_snippet(VerdictViewSet)
