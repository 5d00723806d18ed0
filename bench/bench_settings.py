"""Production-like settings for benchmarks, minus the collected-static manifest (benchmarks
measure Django, not collectstatic), used by bench/archive.py."""

from masthead.settings.base import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The archive benchmark times what a page costs to build from the database at each archive
# size: no shared fragments and no per-process copies of pages or settings, which would
# answer most of a page from memory at any size.
FRAGMENT_CACHE_ENABLED = False
SITE_MEMO_SECONDS = 0
