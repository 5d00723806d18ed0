"""Newsletters, their readers, the issues editors compose and one delivery row per recipient.

The delivery table is the sending engine's ledger: a row is created for each (issue,
subscriber) before anything is sent, claimed by one worker for a lease, and marked sent right
after the SMTP server accepts the message. See sending.py for the state machine."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from masthead.accounts.languages import language_choices


class NewsletterQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_edition(self, language: str | None = None):
        """Newsletters of one edition (default: the one being served)."""
        from masthead.editions.languages import locale_id

        return self.filter(locale_id=locale_id(language))


class Newsletter(models.Model):
    """One mailing list readers can join (e.g. a daily briefing, a weekly analysis letter)."""

    CADENCE_CHOICES = [
        # Readers see these beside each sign-up form, so they are translated.
        ("daily", gettext_lazy("Daily")),
        ("weekly", gettext_lazy("Weekly")),
        ("monthly", gettext_lazy("Monthly")),
        ("occasional", gettext_lazy("When there is news")),
    ]

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(max_length=600, blank=True)
    author = models.ForeignKey(
        "people.Author", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cadence = models.CharField(max_length=12, choices=CADENCE_CHOICES, default="weekly")
    sender_name = models.CharField(max_length=120, blank=True)
    sender_email = models.EmailField(
        blank=True, help_text="Leave empty to use the site's default sender address."
    )
    reply_to = models.EmailField(blank=True)
    is_default = models.BooleanField(
        default=False, help_text="Offered first: in the end-of-article sign-up form."
    )
    is_active = models.BooleanField(default=True, help_text="Shown in sign-up forms.")
    sort_order = models.PositiveIntegerField(default=0)
    record_subscriber_clicks = models.BooleanField(
        default=False,
        help_text="Keep which subscriber followed which link. Off: only how many times each "
        "link was followed is counted.",
    )
    track_opens = models.BooleanField(
        default=False,
        help_text="Count opens with an invisible image. Mail privacy features (Apple Mail, "
        "Gmail's image proxy) load or block images for the reader, so open counts are "
        "unreliable; clicks are the better measure.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # The edition whose pages offer it (each edition has its own newsletters); empty on a new
    # one means the edition being worked on.
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.PROTECT,
        related_name="+",
        blank=True,
        verbose_name="edition",
        help_text="The edition whose sign-up forms and newsletters page offer it.",
    )

    objects = NewsletterQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")], "About"
        ),
        FieldPanel("locale"),
        FieldPanel("author"),
        FieldPanel("cadence"),
        MultiFieldPanel(
            [FieldPanel("sender_name"), FieldPanel("sender_email"), FieldPanel("reply_to")],
            "Sender",
        ),
        FieldPanel("is_default"),
        FieldPanel("is_active"),
        FieldPanel("sort_order"),
        MultiFieldPanel(
            [FieldPanel("record_subscriber_clicks"), FieldPanel("track_opens")], "Analytics"
        ),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.locale_id:
            from masthead.editions.languages import locale_id

            self.locale_id = locale_id()
        super().save(*args, **kwargs)

    @property
    def language(self) -> str:
        """The language of its issues (their header, footer and links): its edition's."""
        if self.locale_id is None:
            return settings.LANGUAGE_CODE
        return self.locale.language_code

    @property
    def from_email(self) -> str:
        from email.utils import formataddr, parseaddr

        from masthead.core.mail import header_safe

        # Names typed in the admin: a line break in one would fail every message of an issue.
        if self.sender_email:
            return formataddr((header_safe(self.sender_name or self.name), self.sender_email))
        default_name, default_address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        name = header_safe(self.sender_name or default_name or self.name)
        return formataddr((name, default_address))


class Subscriber(models.Model):
    """One email address. Its subscriptions say which newsletters it receives."""

    email = models.EmailField(max_length=254, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    paused = models.BooleanField(default=False, help_text="Receives nothing until resumed.")
    hard_bounces = models.PositiveIntegerField(default=0)
    suppressed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set after hard bounces, a complaint or repeated soft bounces: never mailed "
        "again.",
    )
    # db_default: raw INSERTs (bench/newsletter.py) that name only the older columns still work.
    suppressed_reason = models.CharField(max_length=12, blank=True, default="", db_default="")

    panels = [
        FieldPanel("email", read_only=True),
        FieldPanel("paused"),
        FieldPanel("suppressed_at", read_only=True),
        FieldPanel("suppressed_reason", read_only=True),
    ]

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email


class SubscriptionQuerySet(models.QuerySet):
    def receiving(self):
        """Subscriptions that get the next issue: confirmed, not paused, not suppressed."""
        return self.filter(
            status=Subscription.ACTIVE,
            subscriber__paused=False,
            subscriber__suppressed_at__isnull=True,
        )


class Subscription(models.Model):
    PENDING, ACTIVE, UNSUBSCRIBED = "pending", "active", "unsubscribed"
    STATUS_CHOICES = [
        (PENDING, "Waiting for confirmation"),
        (ACTIVE, "Active"),
        (UNSUBSCRIBED, "Unsubscribed"),
    ]

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.CASCADE, related_name="subscriptions"
    )
    status = models.CharField(max_length=14, choices=STATUS_CHOICES, default=PENDING)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # How the reader gave consent (with confirmed_at: when), for their data export. Empty for
    # rows older than this field. db_default: raw INSERTs (bench/newsletter.py) still work.
    CONFIRM_LINK, PREFERENCES, IMPORTED = "confirm_link", "preferences", "imported"
    CONSENT_SOURCE_CHOICES = [
        (CONFIRM_LINK, "Confirmed from the double opt-in email"),
        (PREFERENCES, "Chosen on the preferences page"),
        # confirmed_at is then the time the previous platform recorded (masthead/importers).
        (IMPORTED, "Confirmed on the platform the list was imported from"),
    ]
    consent_source = models.CharField(
        max_length=20, choices=CONSENT_SOURCE_CHOICES, blank=True, default="", db_default=""
    )
    # The edition the reader signed up in: their confirmation email is in this language.
    language = models.CharField(
        max_length=12, choices=language_choices, default="en", db_default="en"
    )

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "subscriber"], name="newsletters_one_subscription"
            )
        ]
        indexes = [models.Index(fields=["newsletter", "status"])]

    def __str__(self) -> str:
        return f"{self.subscriber} → {self.newsletter} ({self.status})"


class Issue(ClusterableModel):
    """One edition of a newsletter: composed in the CMS, then sent once to its audience."""

    DRAFT, SCHEDULED, SENDING, SENT, CANCELLED = (
        "draft",
        "scheduled",
        "sending",
        "sent",
        "cancelled",
    )
    STATUS_CHOICES = [
        (DRAFT, "Draft"),
        (SCHEDULED, "Scheduled"),
        (SENDING, "Sending"),
        (SENT, "Sent"),
        (CANCELLED, "Cancelled"),
    ]

    newsletter = models.ForeignKey(Newsletter, on_delete=models.PROTECT, related_name="issues")
    subject = models.CharField(max_length=200)
    preheader = models.CharField(
        max_length=200, blank=True, help_text="The line inboxes show after the subject."
    )
    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ol", "ul"])
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=DRAFT)
    scheduled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    recipients_total = models.PositiveIntegerField(default=0)

    panels = [
        FieldPanel("newsletter"),
        FieldPanel("subject"),
        FieldPanel("preheader"),
        FieldPanel("intro"),
        InlinePanel("items", heading="Articles", label="Article"),
    ]

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.newsletter}: {self.subject}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.DRAFT, self.SCHEDULED)


class IssueArticle(Orderable):
    issue = ParentalKey(Issue, on_delete=models.CASCADE, related_name="items")
    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        unique_together = [("issue", "article")]


class Delivery(models.Model):
    """One message of one issue to one subscriber: the unit the sending engine claims, sends
    and marks. Unique per (issue, subscriber), so an issue can never be sent twice to anyone
    by creating rows twice."""

    QUEUED, CLAIMED, SENT, FAILED = "queued", "claimed", "sent", "failed"
    STATE_CHOICES = [(QUEUED, "Queued"), (CLAIMED, "Sending"), (SENT, "Sent"), (FAILED, "Failed")]

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=8, choices=STATE_CHOICES, default=QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="newsletters_one_delivery")
        ]
        indexes = [
            models.Index(
                fields=["issue", "next_attempt_at", "id"],
                name="newsletters_delivery_due",
                condition=Q(state__in=["queued", "claimed"]),
            ),
            models.Index(fields=["issue", "state"], name="newsletters_delivery_state"),
        ]

    def __str__(self) -> str:
        return f"{self.issue_id}/{self.subscriber_id}: {self.state}"


class Bounce(models.Model):
    """One report that mail to an address failed or was marked as spam: an SMTP refusal while
    sending, a delivery status notification that came back later, or a provider's webhook.
    Every source ends in the same rows and the same suppression rule (services.bounce_record).
    A report with an id (the provider's event id, the notification's Message-ID) is kept once,
    so a webhook delivered twice counts once."""

    HARD, SOFT, COMPLAINT = "hard", "soft", "complaint"
    KIND_CHOICES = [(HARD, "Hard bounce"), (SOFT, "Soft bounce"), (COMPLAINT, "Spam complaint")]
    SMTP, DSN, WEBHOOK = "smtp", "dsn", "webhook"
    SOURCE_CHOICES = [
        (SMTP, "Refused while sending"),
        (DSN, "Delivery status notification"),
        (WEBHOOK, "Provider webhook"),
    ]

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="bounces")
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    source = models.CharField(max_length=8, choices=SOURCE_CHOICES)
    event_id = models.CharField(max_length=200, blank=True)
    detail = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "event_id"],
                condition=~Q(event_id=""),
                name="newsletters_bounce_once",
            )
        ]
        indexes = [models.Index(fields=["subscriber", "kind", "created_at"])]

    def __str__(self) -> str:
        return f"{self.subscriber_id}: {self.kind} ({self.source})"
