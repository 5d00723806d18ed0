from django.conf import settings
from django.db import models


class TranslationSyncQuerySet(models.QuerySet):
    def out_of_date(self):
        return self.filter(out_of_date_since__isnull=False)


class TranslationSync(models.Model):
    """Which revision of its source a translated page was made from, or last brought up to
    date with by a translator. When the source is published again with another revision the
    translation is out of date until a translator marks it up to date (services.py).

    Keyed on the page pair sharing a translation_key; the source is the page the translation
    was copied from (English to Ukrainian or the reverse)."""

    translation = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="translation_sync"
    )
    source = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    translation_key = models.UUIDField(db_index=True)
    # Null once Wagtail's revision purge deletes it: the status stands, the diff cannot.
    source_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    out_of_date_since = models.DateTimeField(null=True, blank=True, db_index=True)
    synced_at = models.DateTimeField()
    synced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = TranslationSyncQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["source"], name="translations_sync_source")]

    def __str__(self) -> str:
        state = "out of date" if self.out_of_date_since else "up to date"
        return f"translation {self.translation_id} of {self.source_id}: {state}"

    @property
    def is_out_of_date(self) -> bool:
        return self.out_of_date_since is not None
