"""Writes to comments: posting (with ban, closing, rate and spam checks), editing, deleting,
reporting, moderating, and what happens to comments when a reader leaves."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from masthead.accounts.languages import reader_language
from masthead.caching.limits import allow

from . import conf, selectors
from .models import HOLD, Comment, CommentBan, CommentReport, CommentSettings
from .text import find_links


class CommentError(Exception):
    """A comment action refused, with a message for the reader and an HTTP status."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def edit_window_message() -> str:
    return gettext("Comments can be edited for 10 minutes after posting.")


def _clean_body(body: str) -> str:
    body = (body or "").replace("\x00", "").strip()
    if not body:
        raise CommentError(gettext("Write something before posting."))
    if len(body) > conf.MAX_LENGTH:
        raise CommentError(
            gettext("Comments are limited to %(limit)s characters; this one has %(length)s.")
            % {"limit": conf.MAX_LENGTH, "length": len(body)}
        )
    return body


def _check_rate(user, kind: str, limits: Iterable[tuple[int, int]]) -> None:
    for limit, window in limits:
        if not allow(f"comments:{kind}:{user.pk}:{window}", limit=limit, window=window):
            raise CommentError(
                gettext("You are posting too quickly. Please wait a little and try again."),
                status=429,
            )


def comment_create(*, article, author, body: str, parent_id: int | None = None) -> Comment:
    """Post a comment or reply as `author`. Published at once or held for moderation (by the
    section's rule, or for too many links); staff comments always publish. Side effects:
    counts against the author's rate limit; a published reply emails the parent's author.
    Raises CommentError (403 banned/closed, 400 bad input, 429 too fast)."""
    settings = selectors.comment_settings()
    if not author.is_authenticated:
        raise CommentError(gettext("Sign in to comment."), status=403)
    if selectors.is_banned(author):
        raise CommentError(gettext("Your account can no longer post comments."), status=403)
    if not selectors.comments_open(article, settings):
        raise CommentError(gettext("Comments are closed on this article."), status=403)
    body = _clean_body(body)
    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(
            pk=parent_id, article=article, status=Comment.PUBLISHED
        ).first()
        if parent is None:
            raise CommentError(gettext("The comment you replied to is no longer there."))
        # Replies are one level deep: a reply to a reply joins the same thread.
        if parent.parent_id:
            parent = parent.parent
    _check_rate(author, "post", [(conf.POSTS_PER_MINUTE, 60), (conf.POSTS_PER_HOUR, 3600)])
    status, held_reason = Comment.PUBLISHED, ""
    if not author.is_newsroom_staff:
        if len(find_links(body)) > settings.max_links:
            status, held_reason = Comment.PENDING, "links"
        elif selectors.moderation_mode(article, settings) == HOLD:
            status, held_reason = Comment.PENDING, "section"
    comment = Comment.objects.create(
        article=article,
        author=author,
        parent=parent,
        body=body,
        status=status,
        held_reason=held_reason,
        # The edition it was written in: reply emails to its author use this language.
        language=reader_language(),
    )
    if status == Comment.PUBLISHED:
        _notify_parent_author(comment)
    return comment


def can_edit(comment: Comment, user) -> bool:
    return (
        user.is_authenticated
        and comment.author_id == user.pk
        and comment.status in (Comment.PUBLISHED, Comment.PENDING)
        and (timezone.now() - comment.created_at).total_seconds() < conf.EDIT_WINDOW_SECONDS
    )


def comment_edit(*, comment: Comment, user, body: str) -> Comment:
    """Change the text of one's own comment within the edit window. A comment that now has
    too many links goes back to moderation."""
    if comment.author_id != user.pk:
        raise CommentError(gettext("You can only edit your own comments."), status=403)
    if not can_edit(comment, user):
        raise CommentError(edit_window_message(), status=403)
    if selectors.is_banned(user):
        raise CommentError(gettext("Your account can no longer post comments."), status=403)
    comment.body = _clean_body(body)
    comment.edited_at = timezone.now()
    fields = ["body", "edited_at"]
    if (
        not user.is_newsroom_staff
        and len(find_links(comment.body)) > selectors.comment_settings().max_links
    ):
        comment.status, comment.held_reason = Comment.PENDING, "links"
        fields += ["status", "held_reason"]
    comment.save(update_fields=fields)
    return comment


def _blank(comment: Comment, *, keep_author: bool) -> None:
    comment.status = Comment.DELETED
    comment.body = ""
    fields = ["status", "body"]
    if not keep_author:
        comment.author = None
        fields.append("author")
    comment.save(update_fields=fields)


def comment_delete_own(*, comment: Comment, user) -> None:
    """A reader deletes their comment: its text is gone at once; a placeholder remains only
    while others' replies hang under it."""
    if comment.author_id != user.pk:
        raise CommentError(gettext("You can only delete your own comments."), status=403)
    if comment.replies.exists():
        _blank(comment, keep_author=False)
    else:
        comment.delete()


def comment_report(*, comment: Comment, user, reason: str) -> bool:
    """Report a comment to the moderators. Returns False if this reader already had."""
    if comment.status != Comment.PUBLISHED:
        raise CommentError(gettext("That comment is no longer shown."), status=404)
    if reason not in dict(CommentReport.REASONS):
        reason = "other"
    _check_rate(user, "report", [(conf.REPORTS_PER_HOUR, 3600)])
    try:
        with transaction.atomic():
            CommentReport.objects.create(comment=comment, reporter=user, reason=reason)
    except IntegrityError:
        return False
    Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    return True


def comments_approve(*, comments, moderator) -> int:
    """Publish held comments (and clear reports on published ones). Replies that become
    visible notify their parent's author. Returns how many changed."""
    changed = 0
    for comment in comments.select_related("parent__author", "author"):
        was_pending = comment.status == Comment.PENDING
        if comment.status not in (Comment.PENDING, Comment.PUBLISHED):
            continue
        comment.status = Comment.PUBLISHED
        comment.report_count = 0
        comment.moderated_by, comment.moderated_at = moderator, timezone.now()
        comment.save(update_fields=["status", "report_count", "moderated_by", "moderated_at"])
        comment.reports.all().delete()
        if was_pending:
            _notify_parent_author(comment)
        changed += 1
    return changed


def comments_reject(*, comments, moderator) -> int:
    """Hide comments from readers (kept for the record). Returns how many changed."""
    return comments.exclude(status__in=[Comment.REJECTED, Comment.DELETED]).update(
        status=Comment.REJECTED, moderated_by=moderator, moderated_at=timezone.now()
    )


def reader_ban(*, user, moderator, reason: str = "") -> bool:
    """Stop a reader from commenting and reject their held comments. Staff cannot be banned
    here. Returns False if they were already banned or are staff."""
    if user.is_newsroom_staff:
        return False
    _ban, created = CommentBan.objects.get_or_create(
        user=user, defaults={"banned_by": moderator, "reason": reason[:200]}
    )
    comments_reject(comments=Comment.objects.pending().filter(author=user), moderator=moderator)
    return created


def reader_unban(*, user) -> None:
    CommentBan.objects.filter(user=user).delete()


def comments_forget_user(*, user) -> None:
    """On account deletion: keep the reader's comments as "Deleted reader", or remove them
    (leaving a text-less placeholder where others replied), as the site is set."""
    mine = Comment.objects.filter(author=user)
    if CommentSettings.load().on_account_deletion == CommentSettings.REMOVE:
        for comment in mine.filter(replies__isnull=False).distinct():
            _blank(comment, keep_author=False)
        Comment.objects.filter(author=user).delete()
    else:
        mine.update(author=None)


def _notify_parent_author(comment: Comment) -> None:
    if comment.parent_id is None:
        return
    from .tasks import send_reply_notification

    comment_id = comment.pk
    transaction.on_commit(lambda: send_reply_notification.enqueue(comment_id))
