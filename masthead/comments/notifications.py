"""Reply notification emails, and the signed link in them that turns them off."""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from masthead.core.mail import header_safe
from masthead.core.site_url import absolute_url

from .models import Comment, CommentPreference

SALT = "masthead.comments.reply-opt-out"


def opt_out_token(user) -> str:
    return signing.Signer(salt=SALT).sign(str(user.pk))


def user_id_from_token(token: str) -> int | None:
    try:
        return int(signing.Signer(salt=SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def wants_reply_emails(user) -> bool:
    pref = CommentPreference.objects.filter(user=user).first()
    return pref.notify_replies if pref else True


def set_reply_emails(*, user, enabled: bool) -> None:
    """Turn reply notification emails on or off for `user`."""
    CommentPreference.objects.update_or_create(user=user, defaults={"notify_replies": enabled})


def send_reply_notification_now(*, comment_id: int) -> bool:
    """Email the parent comment's author that `comment_id` replied to them, unless they
    opted out, replied to themselves, or the reply is no longer published. Returns whether
    an email was sent."""
    reply = (
        Comment.objects.select_related("parent__author", "author", "article")
        .filter(pk=comment_id, status=Comment.PUBLISHED, parent__isnull=False)
        .first()
    )
    if reply is None:
        return False
    recipient = reply.parent.author
    if (
        recipient is None
        or not recipient.email
        or not recipient.is_active
        or recipient.pk == reply.author_id
        or not wants_reply_emails(recipient)
    ):
        return False
    # In the language of the edition where the recipient wrote the comment replied to.
    with translation.override(reply.parent.language):
        _send_reply_email(reply, recipient)
    return True


def _send_reply_email(reply: Comment, recipient) -> None:
    context = {
        "reply": reply,
        "recipient": recipient,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "thread_url": absolute_url(reverse("comments:page", args=[reply.article_id]))
        + f"#comment-{reply.pk}",
        "opt_out_url": absolute_url(reverse("comments:opt_out", args=[opt_out_token(recipient)])),
    }
    subject = gettext("%(author)s replied to your comment on %(title)s") % {
        "author": reply.author_name,
        "title": reply.article.title,
    }
    body = render_to_string("comments/email/reply.txt", context)
    send_mail(header_safe(subject), body, None, [recipient.email])
