"""Settings of the comments app, each overridable in Django settings. Editorial choices
(moderation, closing, links, account deletion) are in the admin: Settings > Comment settings."""

from django.conf import settings

MAX_LENGTH = getattr(settings, "COMMENTS_MAX_LENGTH", 3000)
EDIT_WINDOW_SECONDS = getattr(settings, "COMMENTS_EDIT_WINDOW_SECONDS", 10 * 60)
# Posting rate per reader: at most N comments per window (seconds), then 429.
POSTS_PER_MINUTE = getattr(settings, "COMMENTS_POSTS_PER_MINUTE", 3)
POSTS_PER_HOUR = getattr(settings, "COMMENTS_POSTS_PER_HOUR", 30)
REPORTS_PER_HOUR = getattr(settings, "COMMENTS_REPORTS_PER_HOUR", 20)
# Replies shown under each comment, and top-level comments per page of the full list.
PAGE_SIZE = getattr(settings, "COMMENTS_PAGE_SIZE", 50)
