"""Settings for pytest: fast hashing, tasks run at once, files in a temporary folder."""

import tempfile

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303 - speed
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "newsletters", "narration"],
    }
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="masthead-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILFRONTENDCACHE = {}
STATIC_ROOT = tempfile.mkdtemp(prefix="masthead-test-static-")
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Narration in tests: a silent engine, so publishing stays fast everywhere; the real engines
# are exercised on short texts in masthead/audio/tests.
AUDIO_BACKEND = "silence"
