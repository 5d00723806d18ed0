"""The newsletters in Wagtail's admin: newsletters, issues (compose), subscribers, and a
sending page per issue (preview, test, send now, schedule, progress)."""

from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import Issue, Newsletter, Subscriber


def _send_link(issue: Issue):
    return format_html(
        '<a class="button button-small button-secondary" href="{}">{}</a>',
        reverse("newsletters_admin:issue", args=[issue.pk]),
        "Preview & send" if issue.is_editable else "Progress",
    )


class NewsletterViewSet(SnippetViewSet):
    model = Newsletter
    icon = "mail"
    menu_label = "Newsletters"
    list_display = ["name", "cadence", "author", "is_default", "is_active"]
    search_fields = ["name", "description"]


class IssueViewSet(SnippetViewSet):
    model = Issue
    icon = "doc-full"
    menu_label = "Issues"
    list_display = [
        "subject",
        "newsletter",
        "status",
        "scheduled_at",
        "recipients_total",
        Column("send", label="Send", accessor=_send_link),
    ]
    list_filter = ["newsletter", "status"]
    search_fields = ["subject"]


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = "Subscribers"
    list_display = [
        "email",
        "created_at",
        "paused",
        "hard_bounces",
        "suppressed_at",
        "suppressed_reason",
    ]
    list_filter = ["paused", "suppressed_reason"]
    search_fields = ["email"]
    inspect_view_enabled = True


class NewsletterGroup(SnippetViewSetGroup):
    menu_label = "Newsletters"
    menu_icon = "mail"
    menu_order = 250
    items = (NewsletterViewSet, IssueViewSet, SubscriberViewSet)


register_snippet(NewsletterGroup)


@hooks.register("register_admin_urls")
def newsletter_admin_urls():
    urls = [
        path("issue/<id:pk>/", admin_views.issue_dashboard, name="issue"),
        path("issue/<id:pk>/preview/", admin_views.issue_preview, name="preview"),
        path("issue/<id:pk>/progress/", admin_views.issue_progress_json, name="progress"),
    ]
    from django.urls import include

    return [path("newsletters/", include((urls, "newsletters_admin")))]
