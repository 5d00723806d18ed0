"""Settings for pytest: fast hashing, tasks run at once, files in a temporary folder."""

import os
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
# The caches run as in production: the shared store is diskcache (as without Redis), in a
# folder of this test process's own (per xdist worker), which servers and task workers that
# a test starts find through the environment. conftest.py empties it between tests.
_cache_env = "MASTHEAD_TEST_CACHE_DIR_" + os.environ.get("PYTEST_XDIST_WORKER", "main").upper()
if not os.environ.get(_cache_env):
    os.environ[_cache_env] = tempfile.mkdtemp(prefix="masthead-test-cache-")
CACHES = {
    "default": {
        "BACKEND": "masthead.caching.store.SharedDiskCache",
        "LOCATION": os.environ[_cache_env],
        "TIMEOUT": 300,
        "SHARDS": 4,
        "DATABASE_TIMEOUT": 1.0,
    }
}
WAGTAILFRONTENDCACHE = {}
STATIC_ROOT = tempfile.mkdtemp(prefix="masthead-test-static-")
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Narration in tests: a silent engine, so publishing stays fast everywhere; the real engines
# are exercised on short texts in masthead/audio/tests.
AUDIO_BACKEND = "silence"
AUDIO_VOICES = {}
