"""The staff audit log: one append-only row per action with security meaning."""

from django.conf import settings
from django.db import models


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):  # entries are never rewritten, not even in bulk
        raise PermissionError("audit entries are append-only")

    def delete(self):  # nor deleted in bulk (an admin bulk action, a stray script)
        raise PermissionError("audit entries are deleted only by the retention task")

    def delete_older_than(self, cutoff) -> int:
        """The retention task's delete (`manage.py audit_prune`): every entry before `cutoff`.
        Returns how many went."""
        deleted, _ = models.QuerySet.delete(self.filter(timestamp__lt=cutoff))
        return deleted


class AuditEntry(models.Model):
    timestamp = models.DateTimeField(auto_now_add=True, db_index=True)
    # Kept after the user is deleted: the label below still says who it was.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=100, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    target_type = models.CharField(max_length=100, blank=True, db_index=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=255, blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {self.actor_label or '-'} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit entries are deleted only by the retention task")
