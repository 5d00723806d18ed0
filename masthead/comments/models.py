from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from masthead.accounts.languages import language_choices

from .text import render_body


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Comment.PUBLISHED)

    def pending(self):
        return self.filter(status=Comment.PENDING)

    def reported(self):
        return self.filter(status=Comment.PUBLISHED, report_count__gt=0)

    def for_article(self, article):
        return self.filter(article=article)


class Comment(models.Model):
    """A reader's comment under an article, or a reply to one (one level deep)."""

    PUBLISHED, PENDING, REJECTED, DELETED = "published", "pending", "rejected", "deleted"
    STATUS_CHOICES = [
        (PUBLISHED, "Published"),
        (PENDING, "Awaiting moderation"),
        (REJECTED, "Rejected"),
        (DELETED, "Deleted"),
    ]

    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # Null once the reader deleted their account and the site keeps comments: "deleted reader".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    body = models.TextField()
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=PUBLISHED)
    held_reason = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    report_count = models.PositiveIntegerField(default=0)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    # The edition the comment was written in: a reply notification to its author uses it.
    language = models.CharField(
        max_length=12, choices=language_choices, default="en", db_default="en", editable=False
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"]),
            models.Index(fields=["status", "created_at"]),
        ]
        permissions = [("moderate_comment", "Can moderate comments")]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.article_id}"

    @property
    def html(self) -> str:
        return render_body(self.body)

    @property
    def author_name(self) -> str:
        return self.author.public_name if self.author_id else gettext("Deleted reader")


class CommentReport(models.Model):
    """A reader's report that a comment breaks the rules; one per reader per comment."""

    REASONS = [
        ("abuse", "Abusive or hateful"),
        ("spam", "Spam or advertising"),
        ("off-topic", "Off topic"),
        ("other", "Something else"),
    ]

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=12, choices=REASONS, default="other")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader")
        ]

    def __str__(self) -> str:
        return f"report on comment {self.comment_id}: {self.reason}"


class CommentBan(models.Model):
    """A reader who may no longer comment."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_ban"
    )
    reason = models.CharField(max_length=200, blank=True)
    banned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"ban of user {self.user_id}"


class CommentPreference(models.Model):
    """A reader's comment settings; no row means the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_preference"
    )
    notify_replies = models.BooleanField(
        default=True, help_text="Email me when someone replies to my comment."
    )

    def __str__(self) -> str:
        return f"comment preferences of user {self.user_id}"


PUBLISH, HOLD = "publish", "hold"
MODERATION_CHOICES = [
    (PUBLISH, "Publish comments at once (moderate afterwards)"),
    (HOLD, "Hold every comment for approval"),
]


class SectionModeration(models.Model):
    """How one section moderates comments, overriding the site default."""

    section = models.OneToOneField(
        "news.SectionPage", on_delete=models.CASCADE, related_name="comment_moderation"
    )
    mode = models.CharField(max_length=10, choices=MODERATION_CHOICES, default=HOLD)

    panels = [FieldPanel("section"), FieldPanel("mode")]

    class Meta:
        verbose_name = "section moderation rule"

    def __str__(self) -> str:
        return f"{self.section}: {self.get_mode_display()}"


@register_setting(icon="comment")
class CommentSettings(BaseGenericSetting):
    ANONYMISE, REMOVE = "anonymise", "remove"

    default_moderation = models.CharField(
        max_length=10,
        choices=MODERATION_CHOICES,
        default=PUBLISH,
        help_text="For sections without their own rule (Snippets > Section moderation rules).",
    )
    close_after_days = models.PositiveIntegerField(
        default=30,
        help_text="Close comments this many days after an article is first published "
        "(0: never close automatically).",
    )
    max_links = models.PositiveIntegerField(
        default=2, help_text="A comment with more links than this is held for moderation."
    )
    on_account_deletion = models.CharField(
        max_length=10,
        choices=[
            (ANONYMISE, 'Keep the comments, signed "Deleted reader"'),
            (REMOVE, "Remove the comments"),
        ],
        default=ANONYMISE,
        help_text="What happens to a reader's comments when they delete their account.",
    )

    class Meta:
        verbose_name = "comment settings"
