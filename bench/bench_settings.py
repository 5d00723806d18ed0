"""Production-like settings for benchmarks, minus the collected-static manifest (benchmarks
measure Django, not collectstatic)."""

from masthead.settings.base import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
