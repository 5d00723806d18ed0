from django.template.loader import render_to_string
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import Comment, CommentSettings, SectionModeration

admin_urls = (
    [
        path("", admin_views.queue, name="queue"),
        path("act/", admin_views.act, name="act"),
        path("bans/", admin_views.bans, name="bans"),
    ],
    "comments_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("comments/", include(admin_urls))]


class CommentsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)

    def get_context(self, request):
        context = super().get_context(request)
        held = Comment.objects.pending().count()
        if held:
            context["label"] = f"{self.label} ({held})"
        return context


@hooks.register("register_admin_menu_item")
def register_comments_menu_item():
    return CommentsMenuItem(
        "Comments", reverse("comments_admin:queue"), name="comments", icon_name="comment", order=450
    )


class SectionModerationViewSet(SnippetViewSet):
    model = SectionModeration
    icon = "comment"
    menu_label = "Comment moderation"
    list_display = ["section", "mode"]
    add_to_admin_menu = False


register_snippet(SectionModerationViewSet)


@hooks.register("masthead_account_sections")
def comments_account_section(request):
    from .notifications import wants_reply_emails

    user = request.user
    return render_to_string(
        "comments/account_section.html",
        {
            "comment_count": Comment.objects.filter(author=user)
            .exclude(status=Comment.DELETED)
            .count(),
            "notify_replies": wants_reply_emails(user),
            "deletion_removes": CommentSettings.load().on_account_deletion
            == CommentSettings.REMOVE,
        },
        request=request,
    )
