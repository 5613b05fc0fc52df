"""The one settings module, driven by environment variables and failing closed.

Production needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL; DEBUG is off
unless DJANGO_DEBUG=1. `make run` and `make test` set development values.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from accounts.oidc_settings import oidc_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# The demo committee's accounts (accounts.demo): development, or `make run`'s local production
# server (DJANGO_DEMO=1). Never set in a real deployment.
DEMO = env_bool("DJANGO_DEMO", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Set it (or use `make run` for development values)."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "import_export",
    "procrastinate.contrib.django",
    "core",
    "audit",
    "accounts",
    "committee",
    "dispatch_stats",
    "schemes",
    "policies",
    "search",
    "reports",
    "proceedings",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outermost but for static files: the last word on Cache-Control of non-public responses.
    "core.privacy.PrivateResponseMiddleware",
    # Before any view reads request.GET: control characters (NUL) never reach a query.
    "core.text.QueryStringGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    # Private by default: every view needs a login unless declared public.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.VaryOnHtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so a cached page still passes every middleware above on its way out.
    "core.public_cache.PublicPageCacheMiddleware",
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
                "accounts.context_processors.logout",
            ],
        },
    },
]

# --- Database: PostgreSQL only -------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    from config.embedded_pg import database_url

    DATABASE_URL = database_url()

# Connections stay bounded whatever serves. Under gunicorn (make run, the image) each worker
# process keeps a psycopg pool of at most one connection per thread, so a server holds at most
# workers x threads; a request that waits longer than the pool timeout for one gets a 503 with
# Retry-After (config.views.server_error), never a 500. The threaded development server
# (DEBUG) opens one connection per request and closes it, since it starts a thread per request.
WEB_THREADS = int(os.environ.get("WEB_THREADS", "4"))
DB_POOL = env_bool("DJANGO_DB_POOL", not DEBUG)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=0 if DB_POOL or DEBUG else int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=not DB_POOL,
    )
}
if DB_POOL:
    # Django's pool checks each connection as it is handed out (ConnectionPool.check_connection),
    # so one broken by a database restart or failover is replaced, not used.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": int(os.environ.get("DJANGO_DB_POOL_MAX_SIZE", str(WEB_THREADS))),
        "timeout": float(os.environ.get("DJANGO_DB_POOL_TIMEOUT", "5")),
        "max_idle": 300,
    }
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL.")
# Tests may run beside each other against one server (one database per checkout).
if os.environ.get("DJANGO_TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["DJANGO_TEST_DB_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -------------------------------------------------------------------------------
# Rendered fragments (comments on the question page, the statistics charts) and whole public
# pages. Their keys hold what they show (core.public_cache, core.fragments), so nothing needs
# invalidating and replicas sharing one Redis (REDIS_URL) never serve each other stale entries;
# without Redis each worker keeps its own in memory. In development templates are edited
# without restarting the server, so nothing is cached there.
REDIS_URL = os.environ.get("REDIS_URL", "")
if DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
elif REDIS_URL:
    CACHES = {
        "default": {
            # redis-py uses the hiredis parser when it is installed (it is pinned).
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "committee"),
            "TIMEOUT": 60 * 60,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("DJANGO_CACHE_MAX_ENTRIES", "5000"))},
        }
    }

# Whole public pages for anonymous readers (core.public_cache): kept this long in the cache,
# and CDNs may serve them this long (s-maxage) before asking again (ETag, 304).
PUBLIC_CACHE_SECONDS = 0 if DEBUG else int(os.environ.get("PUBLIC_CACHE_SECONDS", "600"))
PUBLIC_CACHE_CDN_SECONDS = int(os.environ.get("PUBLIC_CACHE_CDN_SECONDS", "30"))
# Tables whose writes never change a public page (sessions, logs, queues, per-user visits):
# everything else counts as content (core.generation), new tables included.
PUBLIC_CACHE_SKIP_TABLES = [
    "django_session", "django_migrations", "django_admin_log", "django_content_type",
    "auth_permission", "core_taskrun", "accounts_notificationlog", "policies_dashboardvisit",
    "dispatch_stats_pendingimport", "dispatch_stats_importlog",
]  # fmt: skip
PUBLIC_CACHE_SKIP_PREFIXES = ["axes_", "procrastinate_"]

# --- Accounts ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed sign-ins cool down the client address (never the account: a stranger cannot lock a
# member out), longer after each lockout of that address (accounts.lockout); the form error
# stays generic, and a burst of failures on one account mails its owner.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_COOLOFF_TIME = "accounts.lockout.cool_off"
LOGIN_COOL_OFF_MINUTES = int(os.environ.get("DJANGO_LOGIN_COOL_OFF_MINUTES", "5"))
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
LOGIN_ALERT_FAILURES = int(os.environ.get("DJANGO_LOGIN_ALERT_FAILURES", "5"))
LOGIN_ALERT_WINDOW_MINUTES = 60
# Behind the proxy the client address is the one our proxy appended to X-Forwarded-For (the
# right-most entry, DJANGO_PROXY_COUNT proxies deep); without a proxy, REMOTE_ADDR only, so a
# client cannot choose its own address by sending the header.
if env_bool("DJANGO_BEHIND_PROXY", False):
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "1"))
    AXES_IPWARE_PROXY_ORDER = "right-most"
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
# Wrong current passwords (password or e-mail change) before the session is ended.
PASSWORD_CHANGE_MAX_FAILURES = 3
# Single sign-on (OpenID Connect): on only when OIDC_RP_CLIENT_ID is set; see the module.
globals().update(oidc_settings(AUTHENTICATION_BACKENDS))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
# accounts.middleware.SessionTimeoutMiddleware: idle and absolute limits, in seconds.
SESSION_IDLE_TIMEOUT = int(os.environ.get("DJANGO_SESSION_IDLE_SECONDS", str(2 * 60 * 60)))
SESSION_ABSOLUTE_TIMEOUT = SESSION_COOKIE_AGE

# --- Internationalisation: Japanese first ----------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production (after collectstatic); plain in dev and tests.
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("DJANGO_STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploaded materials on S3-compatible object storage when a bucket is named (every replica
# sees every file); the local disk otherwise. Downloads still stream through the app's
# permission-checked view (committee.views.material_download), so the bucket stays private;
# the rare signed URL (querystring_auth) lives one minute.
S3_BUCKET = os.environ.get("DJANGO_S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DJANGO_S3_REGION") or None,
            "access_key": os.environ.get("DJANGO_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("DJANGO_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("DJANGO_S3_PREFIX", "media"),
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": 60,
        },
    }
# Uploaded materials and spreadsheets: refuse anything larger than this (bytes).
MAX_UPLOAD_SIZE = int(os.environ.get("DJANGO_MAX_UPLOAD_SIZE", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Strict CSP: scripts and styles from our own origin only, no inline code, no eval.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Consultation ------------------------------------------------------------------------
# How often an open question page asks for new comments (HTMX polling of the list only).
COMMENT_POLL_SECONDS = int(os.environ.get("COMMENT_POLL_SECONDS", "10"))

# --- Spreadsheet import/export ----------------------------------------------------------
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# The resources neutralise through core.exports; the library's own escaping would turn every
# number into text and drop the "=" (a changed row on re-import).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False

# --- Background tasks ------------------------------------------------------------------
# A PostgreSQL-backed queue (procrastinate: tables and plpgsql functions, no extension, no other
# server). `make run` starts one worker beside gunicorn; any number may run
# (`python manage.py procrastinate worker`). core.tasks runs only these targets.
BACKGROUND_TASK_TARGETS = [
    "dispatch_stats.services.import_confirm",
    "dispatch_stats.import_checks.import_check",
]
# Called in turn by the periodic notification task (apps above core, so named here): the
# questions' mail, and the report review's (opening, 48-hour reminder), each mail once.
NOTIFICATIONS_TARGETS = [
    "policies.notifications.send_due",
    "reports.review.notifications.send_review_mail",
]
# When the due e-mail goes out (cron; six fields = with seconds). Two workers send it once:
# one job per tick (procrastinate's periodic defers), and send_due claims each mail once.
NOTIFICATIONS_CRON = os.environ.get("NOTIFICATIONS_CRON", "*/5 * * * *")
# A confirmed import of more rows than this runs as a task with a progress bar.
IMPORT_TASK_MIN_ROWS = int(os.environ.get("IMPORT_TASK_MIN_ROWS", "20000"))
# An uploaded file of at least this many bytes is checked (the dry run) as a task too.
IMPORT_CHECK_TASK_MIN_BYTES = int(os.environ.get("IMPORT_CHECK_TASK_MIN_BYTES", str(512 * 1024)))

# --- Mail -------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "kokusai-senryaku@example.go.jp")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_FILE_PATH") or None  # the file backend's folder
# Absolute links in e-mails (there is no request when the notification command runs).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
