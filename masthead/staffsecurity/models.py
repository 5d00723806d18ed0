from django.conf import settings
from django.db import models


class UserSession(models.Model):
    """An index of one staff member's Django sessions, so they can be listed and ended per
    user (the session table itself is keyed by session only). Written by
    StaffSessionMiddleware and the login/logout signals; the session itself stays the truth:
    a row whose session is gone is stale and is dropped when listed."""

    session_key = models.CharField(max_length=40, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_sessions"
    )
    user_agent = models.CharField(max_length=255, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["-last_seen"]

    def __str__(self):
        return f"session of {self.user} from {self.ip or 'unknown address'}"
