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
# SQLite tests use a file, not memory, so a real worker process can share the test database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}  # noqa: F405
    # Test data need not survive a power cut: skip the fsyncs that make migrations slow.
    DATABASES["default"]["OPTIONS"]["init_command"] = (  # noqa: F405
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"
    )
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
# The page cache's in-process memo of tag versions would outlive the cache.clear() between
# tests (conftest.py); read the versions from the cache every time instead.
PAGE_CACHE_TAG_MEMO_SECONDS = 0
# Nor may this process's decoded copies of stored pages (core/cache.py); one test turns it on.
PAGE_CACHE_LOCAL_BYTES = 0
# Tests of pages see fresh pages; the page-cache tests (core, ops) switch it on themselves.
PAGE_CACHE_ENABLED = False
# Likewise for the shared fragments (core/fragments.py): most tests publish inside their test
# transaction, where the on-commit purge never runs. The cache tests switch them on.
FRAGMENT_CACHE_ENABLED = False
# Nor this process's copies of fragments, which would outlive the cache.clear() between tests.
FRAGMENT_CACHE_LOCAL_BYTES = 0
# Each test makes its own site in a transaction that is rolled back: never keep one.
SITE_MEMO_SECONDS = 0
# Narration in tests: a silent engine, so publishing stays fast everywhere; the real engines
# are exercised on short texts in masthead/audio/tests.
AUDIO_BACKEND = "silence"
