"""What the comments app stores about a reader, for "download my data" and deletion."""

from masthead.core.site_url import page_url

from .models import Comment, CommentBan, CommentPreference, CommentReport


def export_user_data(user) -> dict:
    comments = Comment.objects.filter(author=user).select_related("article").order_by("pk")
    pref = CommentPreference.objects.filter(user=user).first()
    ban = CommentBan.objects.filter(user=user).first()
    return {
        "comments": [
            {
                "id": c.pk,
                "article": c.article.title,
                "article_url": page_url(c.article),
                "in_reply_to": c.parent_id,
                "text": c.body,
                "status": c.status,
                "created_at": c.created_at.isoformat(),
                "edited_at": c.edited_at.isoformat() if c.edited_at else None,
            }
            for c in comments
        ],
        "reports_made": [
            {"comment": r.comment_id, "reason": r.reason, "created_at": r.created_at.isoformat()}
            for r in CommentReport.objects.filter(reporter=user).order_by("pk")
        ],
        "reply_emails": pref.notify_replies if pref else True,
        "banned_from_commenting": bool(ban),
    }


def delete_user_data(user) -> None:
    from .services import comments_forget_user

    CommentReport.objects.filter(reporter=user).delete()
    comments_forget_user(user=user)
