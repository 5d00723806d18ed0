"""API keys: created and revoked by administrators, stored as a hash, shown once."""

from django.conf import settings
from django.db import models

SCOPE_READ = "read"
SCOPE_READ_MEMBERS = "read_members"
SCOPE_WRITE_DRAFTS = "write_drafts"
SCOPE_WRITE_FEED = "write_feed"
SCOPE_CHOICES = [
    (SCOPE_READ, "Read published content"),
    (SCOPE_READ_MEMBERS, "Read members-only text of premium articles"),
    (SCOPE_WRITE_DRAFTS, "Create draft articles"),
    (SCOPE_WRITE_FEED, "Create news-feed items"),
]


class ApiKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(token__revoked_at__isnull=True)


class ApiKey(models.Model):
    """What Masthead adds to Wagtail's API token (which makes, hashes, checks and revokes the
    key itself, and names its owner): the scopes and a rate limit of its own."""

    token = models.OneToOneField(
        "wagtailcore.APIToken", on_delete=models.CASCADE, related_name="masthead_key"
    )
    scopes = models.JSONField(default=list)
    rate_per_minute = models.PositiveIntegerField(
        default=600, help_text="Requests a minute before the API answers 429."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-token__created"]
        verbose_name = "API key"

    def __str__(self) -> str:
        return str(self.token)

    @property
    def owner(self):
        return self.token.user

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


class IdempotentWrite(models.Model):
    """The answer to a write sent with an `Idempotency-Key` header, kept so that a retry of
    the same request (a timeout, a lost answer) gets the same answer instead of a second
    draft. Written in the same transaction as what the write made: a failed write leaves no
    row, and a concurrent retry waits on the unique key until the first has committed."""

    key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="+")
    idempotency_key = models.CharField(max_length=255)
    # What was asked (method, path, body): the same key with another request is refused.
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key", "idempotency_key"], name="api_idempotentwrite_key_idem"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key_id}: {self.idempotency_key}"


class ApiDraft(models.Model):
    """Which key made which draft article: a key may edit (PATCH) only its own drafts."""

    key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="+")
    page = models.OneToOneField("news.ArticlePage", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.key_id}: {self.page_id}"
