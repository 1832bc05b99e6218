"""Settings for the forum: one module, read from the environment.

Every variable is listed in `.env.example`. Development defaults are safe to run
on a laptop; `DJANGO_ENV=production` (or `DEBUG=0`) turns on the secure ones.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    """The variable's value, or None when it is unset or blank (as in a copied .env.example)."""
    value = os.environ.get(name)
    return value if value is not None and value.strip() != "" else None


def env_str(name: str, default: str = "") -> str:
    raw = _raw(name)
    return default if raw is None else raw


def env_bool(name: str, default: bool) -> bool:
    raw = _raw(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = _raw(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_float(name: str, default: float) -> float:
    raw = _raw(name)
    if raw is None:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = _raw(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DJANGO_ENV = env_str("DJANGO_ENV", "development").strip().lower()
if DJANGO_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(
        f"DJANGO_ENV must be development, test or production, not {DJANGO_ENV!r}"
    )
# pytest sets PYTEST_VERSION for the whole run; tests get fast, synchronous defaults.
TESTING = DJANGO_ENV == "test" or "PYTEST_VERSION" in os.environ
DEBUG = env_bool("DEBUG", DJANGO_ENV == "development" and not TESTING)
PRODUCTION = DJANGO_ENV == "production" or not env_bool("DEBUG", True)

_DEV_SECRET = "dev-only-insecure-secret-key-change-me-0123456789abcdefghijklmnop"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "Fertility Q&A Forum")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "accounts",
    "forum",
    "moderation",
    "community",
    "experts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "forum.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.security.PermissionsPolicyMiddleware",
    "config.ratelimit.RateLimitMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RequireMFAForStaffMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    },
    {
        # The templates rendered once per post on a page (forum/jinja.py says why).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "forum.jinja.environment"},
    },
]

# --- Database -----------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        # A kept connection is checked before a request uses it, so the first request after
        # a database restart gets a new one instead of an error.
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default has two writers (the web process and `manage.py run_worker`).
    # WAL lets readers and one writer work at once; a transaction that read first and
    # then writes cannot wait for the lock (SQLite answers "database is locked" at once),
    # so every transaction takes the write lock when it begins (BEGIN IMMEDIATE) and
    # waits up to `timeout` seconds for it.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("SQLITE_TIMEOUT", 20),
        }
    )
USING_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# PostgreSQL: the thread page's fixed query texts (config/fixed_queries.py) are sent with
# their parameters apart and prepared once they have run five times on a connection, so
# PostgreSQL parses and plans each once (docs/design.md, "Caches", has the figures). Other
# queries keep Django's default, client-side binding, which never prepares and has no
# limit on the number of parameters. A transaction-mode connection pooler (PgBouncer
# before 1.21) cannot keep prepared statements: set DB_PREPARED_STATEMENTS=0 behind one.
DB_PREPARED_STATEMENTS = env_bool("DB_PREPARED_STATEMENTS", True)
# A read replica: reads go there, writes and transactions to default (config/db_router.py).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
DATABASE_REPLICA_LAG_SECONDS = env_int("DATABASE_REPLICA_LAG_SECONDS", 5)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "config.db_router.PinPrimaryMiddleware",
    )
if DB_PREPARED_STATEMENTS:
    for _database in DATABASES.values():
        if _database["ENGINE"] == "django.db.backends.postgresql":
            _database.setdefault("OPTIONS", {})["prepare_threshold"] = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- Cache and sessions --------------------------------------------------------
def _digest_of_the_code() -> str:
    """A short digest of the code, templates, static files and translations: it changes
    exactly when they do, with or without git (the Docker image has no .git)."""
    digest = hashlib.sha256()
    kinds = {".py", ".html", ".txt", ".css", ".js", ".svg", ".mo"}
    for top in (
        "accounts",
        "community",
        "config",
        "experts",
        "forum",
        "moderation",
        "templates",
        "static",
    ):
        for path in sorted((BASE_DIR / top).rglob("*")):
            if path.suffix in kinds and path.is_file():
                digest.update(path.relative_to(BASE_DIR).as_posix().encode())
                digest.update(path.read_bytes())
    for path in sorted((BASE_DIR / "locale").rglob("*.mo")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# In every cache key (config/cache_keys.py), so a deploy never serves an older release's pages.
RELEASE = env_str("RELEASE", "") or _digest_of_the_code()

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down or slow reads as an empty cache (config/redis_cache.py).
            "BACKEND": "config.redis_cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "forum"),
            "KEY_FUNCTION": "config.cache_keys.make_key",
            "OPTIONS": {
                "socket_connect_timeout": env_float("REDIS_TIMEOUT", 1.0),
                "socket_timeout": env_float("REDIS_TIMEOUT", 1.0),
                "retry_seconds": env_float("REDIS_RETRY_SECONDS", 1.0),
            },
        }
    }
    # Sessions are read from Redis and kept in the database too (Django's cached_db):
    # members stay signed in when Redis restarts or is away.
    SESSION_ENGINE = "accounts.sessions"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_FUNCTION": "config.cache_keys.make_key",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Users and allauth ----------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's backends, under the names existing sessions carry (accounts/backends.py).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
if TESTING:
    # Each real hash takes most of a second; tests create hundreds of users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "accounts.adapter.user_display"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "community.forms.SignupExtraForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# Behind a reverse proxy, how many proxies append to X-Forwarded-For (allauth's and the
# forum's per-IP rate limits read the client address through it).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if not env_bool("RATE_LIMITS", True):
    # False, not {}: allauth fills an empty dict with its defaults.
    ACCOUNT_RATE_LIMITS = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
# Accept the code from the 30-second step either side (RFC 6238 5.2): a code typed as its
# step ends would otherwise fail, on a phone or in a test.
MFA_TOTP_TOLERANCE = 1
# Moderators and staff act as ordinary members until they set up TOTP (User.needs_two_factor;
# accounts.middleware sends them to set it up from /moderation/ and /admin/).
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", True)
# E-mail the member when their password, e-mail addresses or 2FA change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_DELETION_COOL_OFF_HOURS = env_int("ACCOUNT_DELETION_COOL_OFF_HOURS", 24)

# --- E-mail ---------------------------------------------------------------------
EMAIL_FILE_PATH = Path(env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "outbox")))
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "config.outbox.EmailBackend",
)
# The development outbox keeps the newest this many files (one per e-mail or batch sent).
EMAIL_FILE_KEEP = env_int("EMAIL_FILE_KEEP", 500)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587 if PRODUCTION else 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", PRODUCTION)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Fertility Q&A Forum <noreply@example.org>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Seconds to wait for the mail server before giving up on one try (it is tried again).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
# New-answer e-mails (forum.notifications): a failed try waits EMAIL_RETRY_BASE_SECONDS,
# doubling each time up to EMAIL_RETRY_MAX_SECONDS, for EMAIL_MAX_ATTEMPTS tries in all;
# one claimed by a worker that died is picked up again after EMAIL_SENDING_STALE_SECONDS.
EMAIL_RETRY_BASE_SECONDS = env_int("EMAIL_RETRY_BASE_SECONDS", 10)
EMAIL_RETRY_MAX_SECONDS = env_int("EMAIL_RETRY_MAX_SECONDS", 1800)
EMAIL_MAX_ATTEMPTS = env_int("EMAIL_MAX_ATTEMPTS", 30)
EMAIL_SENDING_STALE_SECONDS = env_int("EMAIL_SENDING_STALE_SECONDS", 600)

# --- Background tasks -------------------------------------------------------------
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate" if TESTING else "database")
if TASKS_BACKEND not in {"immediate", "database"}:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be immediate or database, not {TASKS_BACKEND!r}"
    )
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TASKS_BACKEND == "immediate"
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# `manage.py run_worker`: a task still RUNNING after this many seconds belonged to a worker
# that was killed, and is run again: tasks run at least once. New-answer e-mails go through
# forum.notifications' outbox and are never sent twice; a moderation alert or an expert's
# decision e-mail in flight when its worker was killed may be.
TASKS_STALE_SECONDS = env_int("TASKS_STALE_SECONDS", 900)
# How often (seconds) the worker sends due e-mails and looks for such tasks.
TASKS_UPKEEP_SECONDS = env_int("TASKS_UPKEEP_SECONDS", 5)

# --- Static files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Internationalisation ---------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
# The site's words for allauth's account pages ("Log in", not "Sign In"): locale/en.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

# --- Security -----------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 256 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # Video answers: players load from these privacy-enhanced hosts, only after a click.
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Browser features the site never uses (config.security.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Posting, editing, flagging and voting limits (config.ratelimit), per member and per IP address:
# "count/period" with period in s, m, h or d. RATE_LIMITS=0 turns these off with allauth's.
FORUM_RATE_LIMITS_ENABLED = env_bool("RATE_LIMITS", True)
FORUM_RATE_LIMITS = {
    "ask": {"user": env_str("RATE_LIMIT_ASK", "5/10m"), "ip": "30/h"},
    "reply": {"user": env_str("RATE_LIMIT_REPLY", "20/10m"), "ip": "120/h"},
    # Every saved edit runs the checks again, like a new post.
    "edit": {"user": env_str("RATE_LIMIT_EDIT", "20/10m"), "ip": "120/h"},
    "flag": {"user": env_str("RATE_LIMIT_FLAG", "20/h"), "ip": "60/h"},
    "vote": {"user": env_str("RATE_LIMIT_VOTE", "60/10m"), "ip": "300/h"},
}

# --- Forum rules ----------------------------------------------------------------------
FORUM_THREADS_PER_PAGE = env_int("FORUM_THREADS_PER_PAGE", 25)
FORUM_ANSWERS_PER_PAGE = env_int("FORUM_ANSWERS_PER_PAGE", 50)
# The same answer from the same member on the same thread within this many seconds is kept
# once (a double click, a resent form, a flaky connection retrying).
FORUM_DUPLICATE_REPLY_SECONDS = env_int("FORUM_DUPLICATE_REPLY_SECONDS", 600)

# --- Moderation -----------------------------------------------------------------------
# Reports from this many different members hide a post until a moderator looks at it.
MODERATION_HIDE_AFTER_FLAGS = env_int("MODERATION_HIDE_AFTER_FLAGS", 3)
# Links from accounts younger than this wait for a moderator (0 turns the check off; off by
# default in tests, where every account is minutes old; tests/moderation turn it on).
NEW_ACCOUNT_LINK_HOLD_HOURS = env_int("NEW_ACCOUNT_LINK_HOLD_HOURS", 0 if TESTING else 24)
# Queue items older than this are highlighted and listed in the daily digest.
MODERATION_OVERDUE_HOURS = env_int("MODERATION_OVERDUE_HOURS", 48)
# Anonymous pages are cached whole and dropped when their content changes (forum/cache.py);
# this bounds how long a change the write paths do not announce (a renamed member) can show.
FORUM_PAGE_CACHE_SECONDS = env_int("FORUM_PAGE_CACHE_SECONDS", 300)
# /bench/floor, a view that touches nothing, for `make bench` only.
BENCH_ENDPOINTS = env_bool("BENCH_ENDPOINTS", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
