"""Settings shared by every environment. Everything that differs between machines is read
from environment variables here, with defaults that are safe for one person on localhost."""

import secrets
import sys
from datetime import timedelta
from ipaddress import ip_address
from pathlib import Path
from urllib.parse import urlsplit

import environ

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(environ.Env().str("MASTHEAD_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)
# The demo staff logins written by `seed_demo` and printed by `serve` (accounts/seeds.py).
DEMO_LOGINS_FILE = VAR_DIR / "demo-logins.txt"

env = environ.Env()


def _local_secret_key() -> str:
    """A per-checkout key kept in var/, so sessions survive restarts without any set-up."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _local_secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
PORT = env.int("PORT", default=8000)

# The public address of the site, used in emails, feeds and anywhere a request is not at hand.
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{PORT}").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    "masthead.caching",  # first: every other app registers its purge rules with it
    "masthead.core",
    "masthead.images",
    "masthead.accounts",
    "masthead.people",
    "masthead.news",
    "masthead.newsletters",
    "masthead.comments",
    "masthead.memberships",
    "masthead.audio",
    "masthead.search",
    "masthead.ops",
    "masthead.audit",
    "masthead.api",
    "masthead.analytics",
    "masthead.editions",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "masthead.core.middleware.RequestLimitsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL alone (never a cookie or Accept-Language), so pages
    # stay cacheable by URL; it must be active before CommonMiddleware resolves the path.
    "masthead.editions.middleware.URLLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "masthead.core.middleware.SecurityHeadersMiddleware",
    "masthead.core.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "masthead.urls"
WSGI_APPLICATION = "masthead.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL names another.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE transactions and a busy timeout
    # turn "database is locked" under a threaded server into a short wait.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# Keep each server thread's connection between requests: opening one (and, on SQLite, running
# the PRAGMAs above) cost more than the queries of a cached article page.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and shared state: one store that every server process sees. Redis when REDIS_URL is
# set; otherwise diskcache, SQLite files in var/ shared by the processes of this machine, with
# atomic add/incr (lock-outs and rate limits count once across processes). Never one process's
# memory: sessions, limits and purge versions kept there differ from process to process.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="masthead"),
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "masthead.caching.store.SharedDiskCache",
            "LOCATION": str(VAR_DIR / "cache" / "shared"),
            "TIMEOUT": 300,
            # Shards spread writers over several SQLite files; a busy writer makes a reader
            # wait at most DATABASE_TIMEOUT seconds before it counts as a miss.
            "SHARDS": 8,
            "DATABASE_TIMEOUT": 0.5,
            "OPTIONS": {"size_limit": env.int("CACHE_SIZE_LIMIT_BYTES", default=512 * 1024**2)},
        }
    }

# Background work: Django's tasks API with the database backend; `manage.py db_worker` runs it.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "newsletters", "narration"],
    }
}

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Editions: English at the root, each other language under /<code>/ (masthead/editions).
# LANGUAGES="en=English,uk=Українська,pl=Polski" adds an edition by settings alone; the
# first one listed need not be the default, LANGUAGE_CODE is (the edition at the root).
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="en")


def _languages(raw: str) -> list[tuple[str, str]]:
    pairs = [part.split("=", 1) for part in raw.split(",") if part.strip()]
    return [(code.strip().lower(), name.strip()) for code, name in pairs]


LANGUAGES = _languages(env.str("LANGUAGES", default="en=English,uk=Українська"))
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ValueError(f"LANGUAGE_CODE {LANGUAGE_CODE!r} is not one of LANGUAGES")
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "masthead" / "locale"]
TIME_ZONE = "UTC"  # stored times are UTC; pages show the newsroom's zone (SiteSettings)
NEWSROOM_TIME_ZONE = env.str("NEWSROOM_TIME_ZONE", default="Europe/Kyiv")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads: Wagtail checks image size itself; this bounds everything else kept in memory.
# A static file missing from the manifest (collectstatic not re-run) falls back to its plain
# name instead of failing every page. With no collectstatic at all (a process started by a
# test, a developer's shell), static files are served from the apps' folders unhashed; but
# collectstatic itself must run with the manifest storage, or it would never write one.
WHITENOISE_MANIFEST_STRICT = False
if not (STATIC_ROOT / "staticfiles.json").exists() and sys.argv[1:2] != ["collectstatic"]:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    WHITENOISE_USE_FINDERS = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Email: EMAIL_URL (smtp://host:port, smtp+tls://user:pass@host:587, ...). With none set,
# messages are written as files under var/mail/ where the local user can read them.
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Masthead <newsroom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers and cookies. Secure-only cookies and HSTS come in production.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The public site runs no inline script; the admin keeps Wagtail's own needs (core/middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https:"],
        "media-src": ["'self'", "https:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", "https:"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Wagtail
WAGTAIL_SITE_NAME = env.str("WAGTAIL_SITE_NAME", default="Masthead")
WAGTAILIMAGES_IMAGE_MODEL = "images.CustomImage"
# Decodes each upload fully: a truncated file is a form error, not a 500 (issue 12).
WAGTAILIMAGES_IMAGE_FORM_BASE = "masthead.images.forms.ImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("MAX_IMAGE_UPLOAD_BYTES", default=10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "csv"]
# Documents only through Wagtail's view, which checks their collection's view restrictions
# (never a redirect to a storage URL anyone could pass on).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no staff email hashes sent to a third party
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Cyrillic slugs stay valid (pages that have one keep their address); new Ukrainian pages
# get transliterated ASCII slugs (core/slugs.py, docs/subsystems/editions-search-audio.md).
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["bold", "italic", "link", "document-link", "ol", "ul"]},
    }
}
TAGGIT_CASE_INSENSITIVE = True
WAGTAILFRONTENDCACHE = {}
for _i, _url in enumerate(env.list("FRONTEND_CACHE_URLS", default=[])):
    WAGTAILFRONTENDCACHE[f"edge{_i}"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": _url,
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}


# Each app keeps its own settings in masthead/<app>/conf.py where it can. What must be global
# goes in that app's section below, so parallel work on different apps merges cleanly.

# --- reader site: news feed, most popular, search, feeds (issue 3) ---
INSTALLED_APPS += ["masthead.organisation"]  # Team, Jobs, Submit an Opinion


# --- newsletters (issue 4) ---
# Bounce and complaint webhooks of email providers (newsletters/webhooks.py, django-anymail):
# HTTP basic auth "user:password" the provider is given in the webhook URL; several, comma
# separated, while rotating. Unset, the webhooks answer 503 and accept nothing.
ANYMAIL_WEBHOOK_SECRET = env.list("ANYMAIL_WEBHOOK_SECRET", default=[])
# Providers that also sign their webhooks need the signing key (Mailgun does; anymail's docs
# name the others' settings).
if env.str("ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY", default=""):
    ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY = env.str("ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY")


# --- readers: accounts and comments (issue 5) ---
# Failed-login lock-out for the staff (Wagtail) login and reader passwords: accounts/lockout.py.
AUTHENTICATION_BACKENDS = [
    "masthead.accounts.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
MIDDLEWARE += ["masthead.accounts.lockout.LockoutMiddleware"]
# Lets signal handlers log who changed a role or a setting, and from where (audit/middleware.py).
MIDDLEWARE += ["masthead.audit.middleware.AuditRequestMiddleware"]
# Audit-log entries older than this are deleted by `manage.py audit_prune` (run it daily).
AUDIT_LOG_RETENTION_DAYS = env.int("AUDIT_LOG_RETENTION_DAYS", default=730)
# Staff read and type times in their Wagtail profile's zone, else the newsroom's (SiteSettings);
# stored times stay UTC (TIME_ZONE). Only under /admin/: accounts/middleware.py.
MIDDLEWARE += ["masthead.accounts.middleware.StaffTimeZoneMiddleware"]
LOGIN_URL = "accounts:sign_in"


# --- memberships and premium content (issue 5) ---
# Stripe keys (dashboard > Developers). With no secret key or webhook secret, the site hides
# every payment form and tells staff that payments are not configured.
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
MEMBERSHIP_CURRENCY = env.str("MEMBERSHIP_CURRENCY", default="eur")
# Paragraphs of a premium article that non-members read before the join prompt.
PREMIUM_FREE_PARAGRAPHS = env.int("PREMIUM_FREE_PARAGRAPHS", default=3)
# Pages carrying members-only text are marked Cache-Control: private (innermost middleware,
# so any cache middleware placed before it sees the header).
MIDDLEWARE = [*MIDDLEWARE, "masthead.memberships.middleware.PrivateMembersTextMiddleware"]


# --- audio narration (issue 6) ---
# Engine: "piper" (neural, default), "espeak" (fast fallback) or a dotted class path; options
# are the engine's keyword arguments (speed, voice, voices per language). docs/subsystems/audio.md
AUDIO_BACKEND = env.str("AUDIO_BACKEND", default="piper")
AUDIO_BACKEND_OPTIONS = env.json("AUDIO_BACKEND_OPTIONS", default={})
# Engine and voice per language (issue 14): no Ukrainian neural voice ships in a package, so
# the Ukrainian edition is narrated offline by espeak-ng's Ukrainian voice.
AUDIO_VOICES = env.json("AUDIO_VOICES", default={"uk": {"backend": "espeak", "voice": "uk"}})
# The most cores one narration queued in bulk (the demo seed, `narrate --enqueue`) may use:
# 1 leaves the other core to the web server while a first run's backlog is worked through.
AUDIO_BACKFILL_THREADS = env.int("AUDIO_BACKFILL_THREADS", default=1)


# --- production: caching, media storage, health, metrics (issue 7) ---
# The page cache is the first middleware (so a stored page has every header the stack adds)
# and answers anonymous hits before the session, CSRF, auth and messages middleware run;
# masthead/wsgi.py answers the same hits before Django even builds a request.
MIDDLEWARE[:0] = [
    "masthead.caching.pages.PageCacheMiddleware",
    "masthead.ops.metrics.LatencyMiddleware",
]
if REDIS_URL:
    # A Redis outage degrades to "no cache" instead of failing every request.
    CACHES["default"]["BACKEND"] = "masthead.caching.store.FailSafeRedisCache"
# Content API (masthead/api): requests a minute from one client address without a key.
API_PUBLIC_RATE_PER_MINUTE = env.int("API_PUBLIC_RATE_PER_MINUTE", default=300)
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=600)
# An out-of-date page is served as it was, for at most this long, while one request renders
# it again (0: every request renders it). See masthead/caching/pages.py.
PAGE_CACHE_REFRESH_SECONDS = env.int("PAGE_CACHE_REFRESH_SECONDS", default=5)
# After a change commits, its process renders the pages it purged (at most this many, for at
# most this long) before readers ask for them. See masthead/caching/warm.py.
PAGE_CACHE_WARM_PAGES = env.int("PAGE_CACHE_WARM_PAGES", default=8)
PAGE_CACHE_WARM_SECONDS = env.float("PAGE_CACHE_WARM_SECONDS", default=2.0)
PAGE_CACHE_BROWSER_MAX_AGE = env.int("PAGE_CACHE_BROWSER_MAX_AGE", default=0)
PAGE_CACHE_EDGE_MAX_AGE = env.int("PAGE_CACHE_EDGE_MAX_AGE", default=300)
PAGE_CACHE_EXCLUDED_PREFIXES = [
    "/admin/",
    "/django-admin/",
    "/healthz",
    "/readyz",
    "/metrics",
    "/static/",
    "/media/",
    "/documents/",
]
# Each process reads purge-tag versions from the shared store at most this often. With
# diskcache it is the window in which a purge made by another process may not be seen yet; on
# Redis bumps are announced (masthead/caching/announce.py) and reach every process at once.
CACHE_TAG_MEMO_SECONDS = env.float("CACHE_TAG_MEMO_SECONDS", default=0.5)
# On Redis, while a process hears the announcements, a version stays remembered until one
# drops it, or this long at most: a hit on a page the process keeps then costs no round trip.
CACHE_TAG_MEMO_SECONDS_ANNOUNCED = env.float("CACHE_TAG_MEMO_SECONDS_ANNOUNCED", default=10.0)
# Each server process keeps decoded copies of the pages it serves most (bytes of HTML in all),
# checked against the same tags on every hit, for this many seconds at most.
PAGE_CACHE_LOCAL_BYTES = env.int("PAGE_CACHE_LOCAL_BYTES", default=16 * 1024 * 1024)
PAGE_CACHE_LOCAL_SECONDS = env.int("PAGE_CACHE_LOCAL_SECONDS", default=60)
# Each server process keeps the shared fragments it serves, and the pages, site settings and
# view restrictions it reads (masthead/caching/local.py), checked against the same purge
# tags; the latter are read afresh after SITE_MEMO_SECONDS at most.
FRAGMENT_CACHE_LOCAL_BYTES = env.int("FRAGMENT_CACHE_LOCAL_BYTES", default=8 * 1024 * 1024)
SITE_MEMO_SECONDS = env.int("SITE_MEMO_SECONDS", default=60)
# Each web process hands the memory it has freed back to the system after this many
# requests (masthead/core/memory.py; 0: never): about 10-15 MB less per worker.
MEMORY_TRIM_EVERY_REQUESTS = env.int("MEMORY_TRIM_EVERY_REQUESTS", default=200)
# After this many requests each web process exempts what it has built so far (templates,
# resolvers, kept copies) from later full garbage collections (core/memory.py); 0: never.
GC_FREEZE_AFTER_REQUESTS = env.int("GC_FREEZE_AFTER_REQUESTS", default=2000)
# Cookies that mark a request as personal (the session cookie always does).
PAGE_CACHE_PERSONAL_COOKIES = env.list("PAGE_CACHE_PERSONAL_COOKIES", default=[])

# Media on S3-compatible object storage when a bucket is named; local files otherwise.
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            "access_key": env.str("MEDIA_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": env.str("MEDIA_S3_CUSTOM_DOMAIN", default="") or None,
            "location": env.str("MEDIA_S3_PREFIX", default="media"),
            "querystring_auth": env.bool("MEDIA_S3_SIGNED_URLS", default=False),
            "file_overwrite": False,
            "default_acl": env.str("MEDIA_S3_ACL", default="") or None,
        },
    }

# Health and metrics (masthead/ops/conf.py has the defaults).
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
WORKER_HEARTBEAT_INTERVAL = env.float("WORKER_HEARTBEAT_INTERVAL", default=5.0)
WORKER_HEARTBEAT_STALE_AFTER = env.float("WORKER_HEARTBEAT_STALE_AFTER", default=30.0)
READYZ_REQUIRED = env.list("READYZ_REQUIRED", default=["database", "worker"])


# --- staff security: second factor and staff sessions (issue 12, masthead/staffsecurity) ---
# django-otp keeps the factors (TOTP, recovery codes) and marks a session verified;
# django-otp-webauthn adds passkeys and security keys as django-otp devices.
INSTALLED_APPS += [
    "masthead.staffsecurity",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
]
# Right after authentication: OTPMiddleware gives request.user.is_verified(); staff sessions
# are indexed and idle-expired before the second-factor gate looks at them.
_after_auth = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
MIDDLEWARE[_after_auth:_after_auth] = [
    "django_otp.middleware.OTPMiddleware",
    "masthead.staffsecurity.middleware.StaffSessionMiddleware",
    "masthead.staffsecurity.middleware.SecondFactorMiddleware",
]
# Members of these groups (and superusers) must pass a second factor before any admin page;
# empty turns the policy off. Off here so `make run`'s demo logins work with a password;
# production.py turns it on for Editor and Administrator. Anyone who enrolled a factor is
# asked for it whatever this says.
STAFF_MFA_REQUIRED_GROUPS = env.list("STAFF_MFA_REQUIRED_GROUPS", default=[])
# Removing a factor needs the password typed again within this many seconds.
STAFF_MFA_REAUTH_SECONDS = env.int("STAFF_MFA_REAUTH_SECONDS", default=600)
# Staff sessions end after this long without a request; readers keep SESSION_COOKIE_AGE.
STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_SECONDS", default=8 * 3600)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# WebAuthn: the relying party is the site's host name. Browsers refuse an IP address as one,
# so a site addressed as 127.0.0.1 (make run) offers passkeys on http://localhost:PORT.
OTP_WEBAUTHN_RP_NAME = WAGTAIL_SITE_NAME
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # a passkey is the second factor, not the only one
_site = urlsplit(SITE_URL)
try:
    ip_address(_site.hostname or "")
    _rp_host, _origin = "localhost", f"http://localhost:{_site.port or PORT}"
except ValueError:
    _rp_host, _origin = _site.hostname, f"{_site.scheme}://{_site.netloc}"
OTP_WEBAUTHN_RP_ID = env.str("WEBAUTHN_RP_ID", default=_rp_host)
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list("WEBAUTHN_ALLOWED_ORIGINS", default=[_origin])
# --- data desk: datasets, trackers, figures boxes ---
INSTALLED_APPS += ["masthead.datadesk"]
# Largest CSV/XLSX import accepted, in bytes: a bigger upload is refused before it is read.
DATADESK_MAX_IMPORT_BYTES = env.int("DATADESK_MAX_IMPORT_BYTES", default=5 * 1024 * 1024)
# --- story planning (issue 17) ---
INSTALLED_APPS += ["masthead.planning"]  # assignments, board, calendar, reminders
# How long before an assignment's due time its people are emailed a reminder (seconds).
PLANNING_REMINDER_BEFORE = timedelta(seconds=env.int("PLANNING_REMINDER_BEFORE", default=7200))


# --- fact checks (issue 16): the verdict scale and the fact-check block ---
INSTALLED_APPS += ["masthead.factchecks"]

# --- translations: editors copy a page into the other edition (Wagtail's simple_translation)
# and see when its source has changed since (docs/subsystems/editions-translation.md) ---
INSTALLED_APPS += ["wagtail.contrib.simple_translation", "masthead.translations"]

# Write API (masthead/api/writes.py): largest request body in bytes, most blocks in an
# article, how long an Idempotency-Key is remembered, and whether a key with the write_feed
# scope may publish feed items at once (`publish: true`, if its owner may publish) instead
# of sending them to review.
API_WRITE_MAX_BYTES = env.int("API_WRITE_MAX_BYTES", default=1_000_000)
API_ARTICLE_MAX_BLOCKS = env.int("API_ARTICLE_MAX_BLOCKS", default=500)
API_IDEMPOTENCY_HOURS = env.int("API_IDEMPOTENCY_HOURS", default=24)
API_FEED_ITEMS_MAY_PUBLISH = env.bool("API_FEED_ITEMS_MAY_PUBLISH", default=False)

# --- outgoing webhooks (issue 15): signed event messages to partners' systems ---
INSTALLED_APPS += ["masthead.webhooks"]
# Longest wait for one webhook request, connect to answer, in seconds.
WEBHOOKS_TIMEOUT_SECONDS = env.float("WEBHOOKS_TIMEOUT_SECONDS", default=10.0)
# Waits before the 2nd, 3rd, ... attempt of a delivery, in seconds (each with +-20 % jitter);
# after the last, the delivery is given up.
WEBHOOKS_RETRY_SCHEDULE = [
    int(s) for s in env.list("WEBHOOKS_RETRY_SCHEDULE", default=[5, 300, 1800, 7200, 18000, 36000])
]
# After this many failed attempts in a row (any of its deliveries) an endpoint is disabled and
# its owner emailed.
WEBHOOKS_DISABLE_AFTER_FAILURES = env.int("WEBHOOKS_DISABLE_AFTER_FAILURES", default=15)
# SSRF rule: webhooks go only to public addresses. True lets endpoints on loopback and private
# networks be saved and called: local development and tests only.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env.bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", default=False)
# `manage.py webhooks_prune` (run daily) deletes finished deliveries older than this.
WEBHOOKS_DELIVERY_RETENTION_DAYS = env.int("WEBHOOKS_DELIVERY_RETENTION_DAYS", default=90)

# --- importers (issue 15): WordPress, Ghost and Substack archives (docs/subsystems/importers.md)
INSTALLED_APPS += ["masthead.importers"]
# Largest picture `--fetch-remote` downloads, and how long it waits for one.
IMPORTERS_MAX_REMOTE_IMAGE_BYTES = env.int("IMPORTERS_MAX_REMOTE_IMAGE_BYTES", default=20_000_000)
IMPORTERS_REMOTE_TIMEOUT = env.int("IMPORTERS_REMOTE_TIMEOUT", default=20)
# Let `--fetch-remote` reach private, loopback and link-local addresses (tests only).
IMPORTERS_ALLOW_PRIVATE_ADDRESSES = env.bool("IMPORTERS_ALLOW_PRIVATE_ADDRESSES", default=False)
