"""Settings of the organisation's pages, overridable in Django settings."""

from django.conf import settings

OPINION_MAX_ATTACHMENT_BYTES = getattr(settings, "OPINION_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024)
# Submission attempts allowed per client (hashed address) per window.
OPINION_RATE_LIMIT = getattr(settings, "OPINION_RATE_LIMIT", 5)
OPINION_RATE_WINDOW_SECONDS = getattr(settings, "OPINION_RATE_WINDOW_SECONDS", 3600)
