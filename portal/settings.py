"""Settings of the Pohjois-Savo sote preparation portal.

Everything that differs between a laptop and production comes from environment variables read by
the typed helpers in ``portal.env``. With nothing set, the portal runs on SQLite under ``var/`` with
Celery tasks executed eagerly in-process (the ``make demo`` mode).
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

# Required when DEBUG is off. Checked where a secret is needed: the web server and the Celery worker
# refuse to start without it (portal.env.require_secret_key), and so does `check --deploy`;
# developer commands such as makemigrations or compilemessages run without one.
SECRET_KEY = env_str("SECRET_KEY") or ("insecure-development-key-only-for-debug-mode" if DEBUG else "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "mozilla_django_oidc",
    "portal",
    "portal.identity",
    "portal.notifications",
    "portal.privacy",
    "governance",
    "knowledge_mgmt",
    "integration",
    "digital_services",
    "supervision",
    "archiving",
    "ot_centre",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.identity.middleware.RequireAdminOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # NUL/control characters and overlong values in the path or query string: 400 before any view.
    "portal.input_validation.QueryParameterValidationMiddleware",
    # A job kept while the broker is unreachable: 503 JSON for the API, the job page for the UI.
    "portal.jobs.TaskServiceUnavailableMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.audit.AuditContextMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.context_processors.portal",
            ],
        },
    },
]

# --- Database: DATABASE_URL, default SQLite under var/ -------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "portal.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth ---------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # Local accounts (demo, break-glass administrator): lock-out and sign-in trail (portal.identity).
    "portal.identity.backends.ThrottledModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None  # guardian: no anonymous object grants

# --- Identity: lock-out, two-factor, API tokens, single sign-on (portal/identity) ----------------
# The 11th failed sign-in for one user name within the window is refused (login page, admin, token
# endpoint); counted in the shared cache, so use Redis (CACHE_URL) with more than one process.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10, minimum=1)
LOGIN_FAILURE_LIMIT_PER_IP = env_int("LOGIN_FAILURE_LIMIT_PER_IP", 50, minimum=1)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60, minimum=60)
USE_X_FORWARDED_FOR = env_bool("USE_X_FORWARDED_FOR", False)  # only behind a proxy that sets it
# TOTP for administrators with a local password (off by default only in the DEBUG demo).
PORTAL_ADMIN_OTP_REQUIRED = env_bool("PORTAL_ADMIN_OTP_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "Pohjois-Savo sote"
API_TOKEN_DEFAULT_DAYS = env_int("API_TOKEN_DEFAULT_DAYS", 90, minimum=1)
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 365, minimum=1)
# What a read-only token may GET: indicator data and the organisation register it refers to.
API_TOKEN_READ_PREFIXES = env_list("API_TOKEN_READ_PREFIXES", ["/api/knowledge/", "/api/portal/organisations/"])
# OpenID Connect single sign-on (mozilla-django-oidc; authorisation code flow with PKCE). On when
# OIDC_ISSUER is set; the endpoints are the provider's (see its /.well-known/openid-configuration).
OIDC_ISSUER = env_str("OIDC_ISSUER", "")
OIDC_ENABLED = bool(OIDC_ISSUER)
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "", required=OIDC_ENABLED)
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "", required=OIDC_ENABLED)
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "", required=OIDC_ENABLED)
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "", required=OIDC_ENABLED)
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "", required=OIDC_ENABLED)
OIDC_OP_END_SESSION_ENDPOINT = env_str("OIDC_OP_END_SESSION_ENDPOINT", "")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the provider's end_session endpoint
OIDC_OP_LOGOUT_URL_METHOD = "portal.identity.oidc.provider_logout_url"
OIDC_CREATE_USER = True
OIDC_LEEWAY_SECONDS = env_int("OIDC_LEEWAY_SECONDS", 30, minimum=0)
OIDC_CALLBACK_CLASS = "portal.identity.oidc.CallbackView"
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
LOGIN_REDIRECT_URL_FAILURE = "/fi/accounts/login/?sso=failed"
LOGOUT_REDIRECT_URL_PATH = "/"
OIDC_AUTHENTICATE_CLASS = "portal.identity.oidc.AuthenticateView"
# After the local backend, so that force_login/createsuperuser sessions count as local (two-factor).
AUTHENTICATION_BACKENDS.insert(1, "portal.identity.oidc.PortalOIDCBackend")

# --- Notifications and personal data (portal/notifications, portal/privacy) ------------------------
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")  # links in e-mails
NOTIFICATION_EMAIL_MAX_RETRIES = env_int("NOTIFICATION_EMAIL_MAX_RETRIES", 5, minimum=0)
# "Deadline near" goes out this many days before a measure's end date (beat: notifications-deadlines).
NOTIFICATION_DEADLINE_LEAD_DAYS = env_int("NOTIFICATION_DEADLINE_LEAD_DAYS", 14, minimum=1)
# Retention periods (days). The legal basis of each is in the register (portal/privacy/register.py).
RETENTION_ACCESS_LOG_DAYS = env_int("RETENTION_ACCESS_LOG_DAYS", 5 * 365, minimum=30)
RETENTION_AUTH_EVENT_DAYS = env_int("RETENTION_AUTH_EVENT_DAYS", 2 * 365, minimum=30)
RETENTION_DEVIATION_TEXT_DAYS = env_int("RETENTION_DEVIATION_TEXT_DAYS", 2 * 365, minimum=30)
RETENTION_NOTIFICATION_DAYS = env_int("RETENTION_NOTIFICATION_DAYS", 365, minimum=30)
ACCOUNT_INACTIVE_DAYS = env_int("ACCOUNT_INACTIVE_DAYS", 365, minimum=30)

# --- I18n: Finnish first ------------------------------------------------------------------------
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

# --- Static and media ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploads: the size limit the portal enforces on every uploaded file (bytes).
PORTAL_MAX_UPLOAD_BYTES = env_int("PORTAL_MAX_UPLOAD_BYTES", 50 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Archiving's metadata extracts (retention simulation) have their own limit: a 1 000 000-record
# extract is about 56.5 MB, over the general limit above. The default, 120 MB (decimal, as the
# refusal message says it), holds PORTAL_IMPORT_MAX_ROWS (2 000 000) records in the documented
# layout; at most 1 GB, because the upload request and the job hold the whole file in memory.
ARCHIVING_MAX_EXTRACT_BYTES = env_int("ARCHIVING_MAX_EXTRACT_BYTES", 120_000_000, minimum=1024, maximum=1_000_000_000)
# Imports of tables (CSV/XLSX) read through portal/safe_reader.py within these limits. Why these
# defaults: the largest real ledger export seen is about 1 M rows x 6 columns; Excel itself holds
# at most 32 767 characters in a cell; a real XLSX sheet compresses 5-30x while a deflate bomb
# reaches 1 000x; 120 s is far above a legitimate file's read time and below the worker's
# time limit, so a hostile file is a failed job with a message, never a hung or killed worker.
PORTAL_IMPORT_MAX_BYTES = env_int("PORTAL_IMPORT_MAX_BYTES", PORTAL_MAX_UPLOAD_BYTES, minimum=1024)
PORTAL_IMPORT_MAX_UNCOMPRESSED_BYTES = env_int(
    "PORTAL_IMPORT_MAX_UNCOMPRESSED_BYTES", 300 * 1024 * 1024, minimum=1024 * 1024
)
PORTAL_IMPORT_MAX_RATIO = env_int("PORTAL_IMPORT_MAX_RATIO", 100, minimum=2)
PORTAL_IMPORT_MAX_ROWS = env_int("PORTAL_IMPORT_MAX_ROWS", 2_000_000, minimum=10)
PORTAL_IMPORT_MAX_COLUMNS = env_int("PORTAL_IMPORT_MAX_COLUMNS", 200, minimum=2)
PORTAL_IMPORT_MAX_CELLS = env_int("PORTAL_IMPORT_MAX_CELLS", 20_000_000, minimum=100)
PORTAL_IMPORT_MAX_CELL_CHARS = env_int("PORTAL_IMPORT_MAX_CELL_CHARS", 32_767, minimum=100)
PORTAL_IMPORT_MAX_EMPTY_ROWS = env_int("PORTAL_IMPORT_MAX_EMPTY_ROWS", 10_000, minimum=10)
PORTAL_IMPORT_MAX_SECONDS = env_int("PORTAL_IMPORT_MAX_SECONDS", 120, minimum=1)
# A maturity survey has one row per respondent and area: 100 000 rows is ~ 10 000 respondents,
# far more than the region's staff surveys, and stops a runaway file (830 997 responses in issue 11).
KNOWLEDGE_MATURITY_MAX_ROWS = env_int("KNOWLEDGE_MATURITY_MAX_ROWS", 100_000, minimum=100)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- E-mail -------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "sote-portaali@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security (production values when DEBUG is off) ---------------------------------------------
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=60)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts only from our own origin, no inline script or
# handler (every script is a static file; JSON data travels in json_script blocks, which are not
# executed), nothing framed, forms post only to us. No CDN is used (vendored assets), so 'self'
# is enough everywhere; images may be data: URLs (the charts' PNG fallbacks).
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
    }
}
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Cache: Redis when CACHE_URL is set (production: rate limits must hold across processes) ---
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured(f"CACHE_URL must be a redis:// URL, got {CACHE_URL!r}.")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}
    )
}

# --- Celery: eager in-process when no broker is configured --------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "portal")
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis visibility timeout: a late-acked task whose worker died is redelivered after this many
# seconds. It must exceed the longest legitimate job (else a slow job runs twice): imports are
# bounded by PORTAL_IMPORT_MAX_SECONDS (120 s) plus writing; the largest ledger conversion and
# the PDF reports finish well within 15 min, so 30 min leaves a margin while an interrupted job
# is retried within the half hour instead of Celery's default 1 h (issue 11). The user sees the
# interruption sooner, from the heartbeat below, and the sweeper re-dispatches it.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 1800, minimum=10)}
# A running job writes a heartbeat this often; after PORTAL_JOB_STALE_SECONDS without one it is
# shown as "interrupted, will be retried" and its starter may re-run it.
PORTAL_JOB_HEARTBEAT_SECONDS = env_int("PORTAL_JOB_HEARTBEAT_SECONDS", 10, minimum=1)
PORTAL_JOB_STALE_SECONDS = env_int("PORTAL_JOB_STALE_SECONDS", 60, minimum=2)
# A queued job whose task could not be sent (broker unreachable) is re-sent by the sweeper after
# this many seconds (the outbox: the Job row itself, queued with no task id).
PORTAL_JOB_DISPATCH_AFTER_SECONDS = env_int("PORTAL_JOB_DISPATCH_AFTER_SECONDS", 30, minimum=1)
CELERY_TIMEZONE = TIME_ZONE
# Periodic work (the `beat` service). Times are Europe/Helsinki.
CELERY_BEAT_SCHEDULE = {
    # The outbox sweeper: jobs created while the broker was unreachable, and interrupted jobs.
    "portal-dispatch-pending-jobs": {
        "task": "portal.tasks.dispatch_pending_jobs",
        "schedule": env_int("PORTAL_JOB_SWEEP_SECONDS", 30, minimum=1),
    },
    "supervision-contract-reminders": {
        "task": "supervision.tasks.send_contract_reminders",
        "schedule": crontab(hour=7, minute=0),
        "kwargs": {"within_days": 90},
    },
    "ot-centre-deadline-reminders": {
        "task": "ot_centre.tasks.send_deadline_reminders",
        "schedule": crontab(minute=5),
    },
    "ot-centre-redaction": {
        "task": "ot_centre.tasks.redact_closed_cases",
        "schedule": crontab(hour=2, minute=30),
    },
    "ot-centre-monthly-pilot-report": {
        "task": "ot_centre.tasks.queue_monthly_pilot_reports",
        "schedule": crontab(day_of_month=1, hour=6, minute=0),
    },
    "notifications-daily-digest": {
        "task": "portal.notifications.tasks.send_daily_digests",
        "schedule": crontab(hour=6, minute=30),
    },
    "notifications-deadlines": {
        "task": "portal.notifications.tasks.send_deadline_notifications",
        "schedule": crontab(hour=7, minute=15),
    },
    "privacy-retention": {"task": "portal.privacy.tasks.run_retention", "schedule": crontab(hour=2, minute=15)},
    # Integration 3.5: the region's volume-weighted structured-documentation figures (idempotent).
    "integration-region-documentation-figures": {
        "task": "integration.tasks_measures.nightly_region_figures",
        "schedule": crontab(hour=2, minute=45),
    },
}

# --- REST framework -----------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "portal.identity.authentication.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["portal.api.permissions.QuerysetPermission"],
    "DEFAULT_PAGINATION_CLASS": "portal.api.pagination.PortalPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "portal.api.filters.PortalFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    # The shared contract (error responses, nullable fields, input rules): portal/api/schema.py.
    "DEFAULT_SCHEMA_CLASS": "portal.api.schema.PortalAutoSchema",
    # One mapping of service errors to responses (400/403/404/409): portal/api/exceptions.py.
    "EXCEPTION_HANDLER": "portal.api.exceptions.portal_exception_handler",
    "DEFAULT_THROTTLE_RATES": {"deviation_report": "10/hour", "anon": "1000/hour"},
}


def _schema_enum_names() -> dict[str, str]:
    """A stable, app-qualified OpenAPI name for every choices class in ``<app>/choices*.py``.

    Several apps have a ``status`` field with different choices; without names drf-spectacular
    invents hashed ones (and warns). Parsed with ``ast`` because settings must not import apps.
    """
    import ast

    names: dict[str, str] = {}
    for app in ("portal", *[a for a in INSTALLED_APPS if "." not in a and a != "portal"]):
        # choices.py and topic modules beside it (choices_measures.py)
        for path in sorted((BASE_DIR / app).glob("choices*.py")):
            module = f"{app}.{path.stem}"
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.ClassDef) and any(
                    getattr(base, "attr", getattr(base, "id", "")).endswith("Choices") for base in node.bases
                ):
                    prefix = "".join(part.capitalize() for part in app.split("_"))
                    names[f"{prefix}{node.name}Enum"] = f"{module}.{node.name}"
    return names


SPECTACULAR_SETTINGS = {
    "ENUM_NAME_OVERRIDES": _schema_enum_names(),
    "TITLE": "Pohjois-Savo sote preparation portal API",
    "DESCRIPTION": "Organisations, measures, data models, jobs and the programme's sub-area data.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
