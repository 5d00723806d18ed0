from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Author


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "role", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "role"]
    # Plain database filtering: the search index's SQLite backend cannot search named fields
    # ("no such column"), and "role" is not indexed; a few hundred bylines need no index.
    search_backend_name = None


register_snippet(AuthorViewSet)
