from django.urls import reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.accounts.timezones import zone_label

from .models import OpinionSubmission


class AttachmentColumn(Column):
    def get_value(self, instance):
        if not instance.attachment:
            return ""
        url = reverse("opinion_pitch_attachment", args=[instance.pk])
        return format_html('<a href="{}">Download</a>', url)


def _submitted_label() -> str:
    # Worked out when the listing renders, in the zone the admin shows this staff member.
    return f"Submitted ({zone_label()})"


class OpinionInboxViewSet(SnippetViewSet):
    """The editors' inbox of reader pitches. Pitches come from the public form only."""

    model = OpinionSubmission
    icon = "mail"
    menu_label = "Opinion pitches"
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "headline",
        "name",
        "email",
        "status",
        Column("submitted_at", label=lazy(_submitted_label, str)(), sort_key="submitted_at"),
        AttachmentColumn("attachment"),
    ]
    list_filter = ["status"]
    search_fields = ["headline", "name", "email", "pitch"]
    ordering = ["-submitted_at"]
    search_backend_name = None  # the ORM: pitches are not in the site search index
    list_export = ["submitted_at", "name", "email", "headline", "pitch", "status"]


register_snippet(OpinionInboxViewSet)
