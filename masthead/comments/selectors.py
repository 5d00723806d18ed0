"""Reads: is an article open for comments, what a reader sees, who gets a badge."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext

from .models import Comment, CommentBan, CommentSettings, SectionModeration


def comment_settings() -> CommentSettings:
    return CommentSettings.load()


def closes_at(article, settings: CommentSettings | None = None):
    settings = settings or comment_settings()
    if not settings.close_after_days or not article.first_published_at:
        return None
    return article.first_published_at + timezone.timedelta(days=settings.close_after_days)


def comments_open(article, settings: CommentSettings | None = None) -> bool:
    """Open if the article is live, its editors left comments on, and it is not too old."""
    if not article.live or not article.comments_open:
        return False
    deadline = closes_at(article, settings)
    return deadline is None or timezone.now() < deadline


def moderation_mode(article, settings: CommentSettings | None = None) -> str:
    rule = SectionModeration.objects.filter(section_id=article.get_parent().pk).first()
    if rule:
        return rule.mode
    return (settings or comment_settings()).default_moderation


def is_banned(user) -> bool:
    return CommentBan.objects.filter(user_id=user.pk).exists()


def visible_filter(user) -> Q:
    """Published comments, plus the reader's own held ones (shown to them as pending)."""
    visible = Q(status=Comment.PUBLISHED)
    if user is not None and user.is_authenticated:
        visible |= Q(status=Comment.PENDING, author_id=user.pk)
    return visible


def thread_for(article, user):
    """Top-level comments (with their replies) that `user` may see, oldest first. Deleted
    comments stay only as placeholders above visible replies."""
    visible = visible_filter(user)
    replies = (
        Comment.objects.filter(visible)
        .select_related("author")
        .annotate(author_in_a_group=_author_in_a_group())
        .order_by("created_at", "pk")
    )
    threads = (
        Comment.objects.filter(article=article, parent__isnull=True)
        .filter(visible | Q(status=Comment.DELETED, replies__status=Comment.PUBLISHED))
        .distinct()
        .select_related("author")
        .annotate(author_in_a_group=_author_in_a_group())
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "pk")
    )
    return threads


def _author_in_a_group():
    # The staff badge only asks whether the author is in any group: one EXISTS per row is far
    # cheaper than prefetching every author's groups (a queryset built per comment).
    memberships = get_user_model().groups.through.objects.filter(user_id=OuterRef("author_id"))
    return Exists(memberships)


def published_count(article) -> int:
    return Comment.objects.filter(article=article, status=Comment.PUBLISHED).count()


@dataclass
class Badges:
    author_user_ids: set

    def for_comment(self, comment) -> list[tuple[str, str]]:
        user = comment.author
        if user is None:
            return []
        badges = []
        if user.pk in self.author_user_ids:
            badges.append(("author", gettext("Author")))
        in_a_group = getattr(comment, "author_in_a_group", None)
        if in_a_group is None:
            in_a_group = user.groups.exists()
        if user.is_staff or user.is_superuser or in_a_group:
            badges.append(("staff", gettext("Staff")))
        return badges


def badges_for(article) -> Badges:
    return Badges(author_user_ids={a.user_id for a in article.authors if a.user_id})
