"""Settings for the granian processes that test_two_processes.py starts: production's
settings (masthead.settings.base) as `make run` serves them, with only what the test must
choose itself. Self-contained: nothing here depends on what masthead/settings/test.py does
with caching. The test process passes everything through the environment."""

import json
import os

from masthead.settings.base import *  # noqa: F403

# What production runs: errors hidden, the page cache and the shared fragments on, the tag
# memo and each process's copies (pages, fragments, sites) as shipped.
DEBUG = False
PAGE_CACHE_ENABLED = True
FRAGMENT_CACHE_ENABLED = True
CACHE_TAG_MEMO_SECONDS = 0.5

# The cache both processes share, and that the test process uses too (so a publish made there
# purges what the servers keep): the exact dict the test built, diskcache or Redis.
CACHES = json.loads(os.environ["TWO_PROCESS_CACHES"])

# Accounts made by the test process carry its fast password hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    *PASSWORD_HASHERS,  # noqa: F405
]
# No task worker runs beside these servers: a sign-in or confirmation email is sent (to the
# test's SMTP server, EMAIL_URL) in the request that asked for it, so the mails received
# equal the requests accepted.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "newsletters", "narration"],
    }
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
