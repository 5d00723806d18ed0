from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ImportedObject(models.Model):
    """What an import made from one item of an export (a post, an author, a picture, a
    comment, a subscription): a second run finds it here by the source's own key, and
    compares the checksum of the item as exported to update only what changed."""

    source = models.CharField(max_length=40)  # "wordpress:<site>", "ghost:<site>", ...
    key = models.CharField(max_length=255)  # e.g. "post:123", "attachment:77", "user:ann"
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    checksum = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="importers_one_per_key")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.source} {self.key} → {self.content_type_id}:{self.object_id}"
