"""Settings, all read from the environment (see README "Configuration").

SQLite is the embedded default; DATABASE_URL switches to PostgreSQL. With no
CELERY_BROKER_URL, Celery tasks run in-process (eager).
"""
import datetime
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(str(BASE_DIR / ".env"))

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug-mode-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "simple_history",
    "django_htmx",
    "axes",  # sign-in lockout (security block below)
    "agencies",
    "species",
    "permits",
    "seizures",
    "identification",
    "intelligence",
    "imports",
    "analytics",
    "web",
    "guides",
    "ops",
    "demo",  # demo data set and `load_demo`; imports the domain apps, nothing imports it
]

MIDDLEWARE = [
    "ops.middleware.OpsEndpointsMiddleware",  # /health/, /ready/, /metrics: first, see ops/middleware.py
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages, fragments and exports compressed (static files: whitenoise's precompressed copies). CSRF tokens are
    # masked per response and GZipMiddleware pads its output at random (Django's BREACH mitigations).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "web.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "seizures.access_log.AccessLogMiddleware",  # writes the person access-log entries of the request
    "axes.middleware.AxesMiddleware",  # answers locked-out sign-ins (security block below)
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "config.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Database: SQLite file by default, PostgreSQL via DATABASE_URL=postgres://...
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    # JIT compilation costs more than it saves on these short OLTP queries (over a second on a
    # search across a million cases); off for the application's sessions whatever the server says.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["options"] = (
        DATABASES["default"]["OPTIONS"].get("options", "") + " -c jit=off"
    ).strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Russian, Kyrgyz, English. Kyrgyz is "ky" (Django's code), not "kg".
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="ru")
LANGUAGES = [
    ("ru", _("Russian")),
    ("ky", _("Kyrgyz")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Bishkek")
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ru", "ky")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "ru"), "ky": ("ru", "en")}

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [p for p in [BASE_DIR / "static"] if p.exists()]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env.bool("STATIC_MANIFEST", default=True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Attachments: maximum size (bytes). The type is decided from the content (common/uploads.py).
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=15 * 1024 * 1024)
ATTACHMENT_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "pdf", "tif", "tiff"]  # the file picker's hint only
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 3600)

# E-mail
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="wildlife-db@localhost")
# The site's address as users reach it: the links of e-mails (read outside the browser) are built on it.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis in production; eager (in-process) when no broker is configured.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or "cache+memory://")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE: dict = {}
# Publishing on the request path must never hang a save: one short connection attempt, no retry loop.
# A failed publish leaves the "needs matching" marker, which the periodic sweep enqueues later.
CELERY_PUBLISH_CONNECT_TIMEOUT = env.float("CELERY_PUBLISH_CONNECT_TIMEOUT", default=0.3)
CELERY_PUBLISH_SOCKET_TIMEOUT = env.float("CELERY_PUBLISH_SOCKET_TIMEOUT", default=2.0)
CELERY_BROKER_CONNECTION_TIMEOUT = CELERY_PUBLISH_CONNECT_TIMEOUT
CELERY_TASK_PUBLISH_RETRY = False
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = CELERY_PUBLISH_CONNECT_TIMEOUT
CELERY_REDIS_SOCKET_TIMEOUT = CELERY_PUBLISH_SOCKET_TIMEOUT
CELERY_TASK_IGNORE_RESULT = True  # nothing reads task results; no round trip to the result backend
# The periodic sweep re-enqueues "needs matching" markers untouched for this many seconds (a marker a worker
# lost mid-task, or one written while the broker was down). Re-running a matching is harmless (idempotent).
INTELLIGENCE_SWEEP_AGE_SECONDS = env.int("INTELLIGENCE_SWEEP_AGE_SECONDS", default=120)
# API Idempotency-Key / web one-time token rows are kept this long, then deleted by a periodic task.
CREATION_KEY_KEEP_HOURS = env.int("CREATION_KEY_KEEP_HOURS", default=24)

# Intelligence: person-match threshold (0..1), repeat-route window and minimum cases, alert e-mails.
INTELLIGENCE_MATCH_THRESHOLD = env.float("INTELLIGENCE_MATCH_THRESHOLD", default=0.5)
INTELLIGENCE_ROUTE_WINDOW_DAYS = env.int("INTELLIGENCE_ROUTE_WINDOW_DAYS", default=365)
INTELLIGENCE_ROUTE_MIN_CASES = env.int("INTELLIGENCE_ROUTE_MIN_CASES", default=3)
INTELLIGENCE_EMAIL_ALERTS = env.bool("INTELLIGENCE_EMAIL_ALERTS", default=True)

# Permits: key of the signed verification codes (defaults to SECRET_KEY; set it to keep codes valid
# across SECRET_KEY rotations).
PERMIT_SIGNING_KEY = env.str("PERMIT_SIGNING_KEY", default="") or None

# Redis cache when a broker URL on Redis is given, local memory otherwise. No request depends on Redis:
# django-redis ignores connection errors (a read is a miss, a write is dropped, both logged), and the
# short socket timeouts keep an unreachable Redis from stalling a request. Throttles then count nothing
# until Redis is back (they fail open rather than failing every request).
REDIS_URL = env.str("REDIS_URL", default=CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else "")
CACHE_SOCKET_TIMEOUT = env.float("CACHE_SOCKET_TIMEOUT", default=0.25)
CACHES = {
    "default": (
        {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": CACHE_SOCKET_TIMEOUT,
                "SOCKET_TIMEOUT": CACHE_SOCKET_TIMEOUT,
                "IGNORE_EXCEPTIONS": True,
            },
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "agencies.tokens.ExpiringTokenAuthentication",  # first: 401 with WWW-Authenticate when refused
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="60/hour"),
        "user": env.str("THROTTLE_USER", default="5000/hour"),
    },
}

# Hard limits on API input, and JSON errors for API clients (common/api_errors.py): bodies over
# DATA_UPLOAD_MAX_MEMORY_SIZE answer 413, JSON nested deeper than API_MAX_JSON_DEPTH answers 400, and
# any HTML error page under /api/ (404, 500, ...) becomes {"detail": ...} with the same status.
API_MAX_JSON_DEPTH = env.int("API_MAX_JSON_DEPTH", default=20)
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = [
    "common.api_errors.LimitedJSONParser",
    "rest_framework.parsers.FormParser",
    "rest_framework.parsers.MultiPartParser",
]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1,
                  "common.api_errors.ApiErrorMiddleware")
# An empty filter value (?agency=) means no filter on that field.
REST_FRAMEWORK["DEFAULT_FILTER_BACKENDS"] = [
    "common.filters.BlankMeansNoFilterBackend" if b == "django_filters.rest_framework.DjangoFilterBackend" else b
    for b in REST_FRAMEWORK["DEFAULT_FILTER_BACKENDS"]
]

SPECTACULAR_SETTINGS = {
    "TITLE": "Wildlife Seizure DB API",
    "DESCRIPTION": "Multi-agency wildlife seizure cases, CITES permits and reference data.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {
        "CitesAppendixEnum": "species.choices.Appendix",
        "MembershipRoleEnum": "agencies.choices.Role",
        "PartyRoleEnum": "seizures.choices.PartyRole",
        "CaseStatusEnum": "seizures.choices.CaseStatus",
        "PermitStatusEnum": "permits.choices.PermitStatus",
        "FlagStatusEnum": "intelligence.models.FlagStatus",
        "VerificationStatusEnum": "permits.services.VerificationStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "common.api_schema.document_error_responses",
    ],
}

# Security (production defaults; `manage.py check --deploy` is clean with DEBUG off).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Sign-in security: lockout (django-axes) ---------------------------------------------------------
# Every sign-in door (web form, admin form, API token endpoint) authenticates through Django's
# `authenticate(request, ...)`, so AxesStandaloneBackend counts failures for all of them. After
# AXES_FAILURE_LIMIT failures for one username, or from one address, further attempts are refused for
# AXES_COOLOFF_MINUTES (the right password too). Attempts and lockouts are kept in the database (the audit
# entry: admin "Axes"); agency administrators unlock their own agency's accounts, system administrators any
# (agencies.lockout).
AUTHENTICATION_BACKENDS = [
    "agencies.lockout.LockoutBackend",  # django-axes, see agencies/lockout.py
    "agencies.backends.AccountBackend",  # ModelBackend reading the membership with the user
]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each one on its own: per account and per address
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "agencies.lockout.locked_out_response"

# API tokens (agencies.tokens): deleted on a password change or reset and on deactivation; refused and
# deleted when older than this many hours (0 = no maximum age).
API_TOKEN_MAX_AGE_HOURS = env.int("API_TOKEN_MAX_AGE_HOURS", default=0)

# --- Uploads, headers, two-factor sign-in (issue 11) -------------------------------------------------
# Uploads: LimitedUploadHandler stops storing a file past UPLOAD_MAX_BYTES while the body is read (the largest
# limit of any form: attachments, spreadsheet imports); each form then applies its own limit and checks the
# type from the content (common/uploads.py).
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=30 * 1024 * 1024)
UPLOAD_MAX_BYTES = max(ATTACHMENT_MAX_BYTES, IMPORT_MAX_BYTES)
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "common.uploads.LimitedUploadHandler",
]

# Headers: Content-Security-Policy (django-csp) with no inline script or style: every script and style sheet
# is a static file of ours (htmx and the API docs vendored: drf-spectacular-sidecar). The API docs pages add
# what Swagger UI and Redoc need (config/api_urls.py). Permissions-Policy by web.middleware.
INSTALLED_APPS += ["csp", "drf_spectacular_sidecar"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "csp.middleware.CSPMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1, "web.middleware.PermissionsPolicyMiddleware")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), interest-cohort=()"
)
SPECTACULAR_SETTINGS.update({
    "SWAGGER_UI_DIST": "SIDECAR", "SWAGGER_UI_FAVICON_HREF": "SIDECAR", "REDOC_DIST": "SIDECAR",
})

# Two-factor sign-in (django-otp, agencies/two_factor.py): with OTP_REQUIRED on (production default; `make run`
# and the demo set run with DEBUG, so it is off there) system and agency administrators confirm every sign-in
# with a TOTP code or a recovery code before any page, the admin included (web.middleware.SecondFactorMiddleware).
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                  "django_otp.middleware.OTPMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1, "web.middleware.SecondFactorMiddleware")
OTP_REQUIRED = env.bool("OTP_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = "Wildlife Seizure DB"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Tasks run in-process when no broker is set (`make run`): one "Task ... succeeded" line per saved case
    # would bury everything else. A worker keeps its own task log.
    "loggers": {"celery.app.trace": {"level": "WARNING"}} if CELERY_TASK_ALWAYS_EAGER else {},
}

# Operations (ops/): backups, health and readiness, metrics. See README "Operations".
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")
BACKUP_PASSPHRASE = env.str("BACKUP_PASSPHRASE", default="")
BACKUP_KEEP_DAILY = env.int("BACKUP_KEEP_DAILY", default=7)
BACKUP_KEEP_MONTHLY = env.int("BACKUP_KEEP_MONTHLY", default=12)
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
METRICS_ALLOWED_NETWORKS = env.list("METRICS_ALLOWED_NETWORKS", default=["127.0.0.0/8", "::1/128"])

# How-to guides (screenshots, videos, captions) built by `manage.py build_guides`; not committed.
GUIDES_ROOT = env("GUIDES_ROOT", default=str(BASE_DIR / "guides_build"))
