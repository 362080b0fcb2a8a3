"""LeBrq settings: everything configurable comes from the environment, read once here.

Defaults run a local demo (SQLite in var/, a file cache shared by all gunicorn workers).
See README.md for the variables and docs/decisions.md for the reasons behind defaults.
"""

import hashlib
import hmac
import logging
import os
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from lebrq.env import (
    ensure_dir,
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_str,
    env_throttle_rate,
    parse_cache_url,
)
from lebrq.gstin import parse_seller_gstins
from lebrq.log_formats import formatter_config, log_format
from lebrq.media_storage import refuse_s3_variables, s3_storage_options

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = ensure_dir(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment (or DEBUG=true for development).")
    # A fixed development key would be public, and anyone could sign staff sessions and JWTs
    # with it. A random one lasts as long as the process (and, with gunicorn's preload, its workers).
    SECRET_KEY = secrets.token_urlsafe(50)
    logging.getLogger("lebrq.settings").warning(
        "SECRET_KEY is not set: using a random key for this process (DEBUG=true); "
        "sessions and tokens end when it exits."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "axes",
    "django_filters",
    "rangefilter",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "accounts",
    "health",
    "bookings",
    "uploads",
    "payments",
    "invoices",
    "django_tasks",
    "django_tasks_db",
    "jobs",
    "notifications",
    "lebrq",
]

MIDDLEWARE = [
    # First: every response (a memory-guard 503 included) carries X-Request-ID, every log line its id.
    "lebrq.request_id.RequestIdMiddleware",
    # Before the memory guard, so that its 503s are counted and timed too.
    "lebrq.middleware.MetricsMiddleware",
    "lebrq.middleware.RequestTimingMiddleware",
    "health.middleware.MemoryGuardMiddleware",
    # Before CommonMiddleware and WhiteNoise, as django-cors-headers asks, so preflights get headers.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lebrq.middleware.TextOnlyGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Public answers (availability, search, the anonymous catalogue) from the cache, past the
    # middleware whose headers they carry, before authentication and the view.
    "bookings.middleware.CachedAnswerMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during the view into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lebrq.urls"
WSGI_APPLICATION = "lebrq.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

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
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 60, minimum=0)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'lebrq.sqlite3'}"),
        conn_max_age=CONN_MAX_AGE,
        conn_health_checks=True,
    )
}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.mysql":
    _db["OPTIONS"] = {
        "charset": "utf8mb4",
        "init_command": "SET sql_mode='STRICT_TRANS_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO'",
        "isolation_level": "read committed",
        "connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 5, minimum=1),
    }
    _db["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}
    # MariaDB has no partial unique indexes, so Invoice's conditional constraints (one first
    # invoice, one credit note, one cancellation charge) are not created there. The invoice
    # services take the booking's row lock before issuing anything, which serialises them
    # (tests/invoices/test_numbering_concurrency.py races them on MariaDB).
    SILENCED_SYSTEM_CHECKS = ["models.W036"]
elif _db["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of one
    # failing with "database is locked" when it upgrades a read lock mid-transaction.
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not :memory:, so gunicorn started by the end-to-end tests sees the same data.
    _db["TEST"] = {"NAME": str(VAR_DIR / "test-lebrq.sqlite3")}
if env_str("TEST_DATABASE_NAME"):
    _db.setdefault("TEST", {})["NAME"] = env_str("TEST_DATABASE_NAME")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------
CACHE_URL = env_str("CACHE_URL", f"file://{VAR_DIR / 'cache'}")
CACHES = {"default": parse_cache_url(CACHE_URL)}
# Throttle counters must not be culled: Django's file and local-memory caches drop a random
# share of entries past MAX_ENTRIES (300), counters included. Redis evicts nothing by default.
THROTTLE_CACHE_MAX_ENTRIES = 10_000_000
CACHES["throttle"] = {**CACHES["default"]}
if CACHES["throttle"]["BACKEND"].endswith(("FileBasedCache", "LocMemCache")):
    CACHES["throttle"]["OPTIONS"] = {"MAX_ENTRIES": THROTTLE_CACHE_MAX_ENTRIES}
    # Its own directory (or memory area): the default cache's culling would delete counters in a shared one.
    CACHES["throttle"]["LOCATION"] = CACHES["default"]["LOCATION"] + "/throttle"

# --- Auth -----------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out account and address is refused before its password is hashed.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login lockout (django-axes): keyed by account and address together, never by address alone,
# so one office behind NAT is not locked out by a stranger guessing another account.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 10, minimum=1)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # one table that every worker and host sees
AXES_FAILURE_LIMIT = LOGIN_MAX_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "email"
AXES_USERNAME_CALLABLE = "accounts.lockout.login_username"
AXES_CLIENT_IP_CALLABLE = "lebrq.throttles.client_address"
AXES_RESET_ON_SUCCESS = True
# A lockout lasts LOGIN_LOCKOUT_MINUTES from the failure that caused it, whatever is tried meanwhile.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # a row per successful login would grow for ever
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"

# Tokens get their own key, derived from SECRET_KEY unless given: rotating SECRET_KEY still
# rotates tokens, yet a leaked JWT key does not sign sessions (nor the reverse).
JWT_SIGNING_KEY = (
    env_str("JWT_SIGNING_KEY")
    or hmac.new(SECRET_KEY.encode(), b"lebrq.simplejwt.signing-key", hashlib.sha256).hexdigest()
)
if len(JWT_SIGNING_KEY) < 32:
    raise ImproperlyConfigured("JWT_SIGNING_KEY must be at least 32 characters (HS256 needs a 256-bit key).")

SIMPLE_JWT = {
    "SIGNING_KEY": JWT_SIGNING_KEY,
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env_int("JWT_ACCESS_MINUTES", 15, minimum=1)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env_int("JWT_REFRESH_DAYS", 7, minimum=1)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,
    "AUTH_HEADER_TYPES": ("Bearer",),
}

# --- REST framework -------------------------------------------------------------------
# Parsed here, not per request by DRF: a typo stops the process instead of disabling a limit.
THROTTLE_RATE_AUTH = env_throttle_rate("THROTTLE_RATE_AUTH", "5/min")
THROTTLE_RATES = {
    "login": env_throttle_rate("THROTTLE_RATE_LOGIN", THROTTLE_RATE_AUTH),
    "refresh": env_throttle_rate("THROTTLE_RATE_REFRESH", THROTTLE_RATE_AUTH),
    "register": env_throttle_rate("THROTTLE_RATE_REGISTER", THROTTLE_RATE_AUTH),
    "password_reset": env_throttle_rate("THROTTLE_RATE_PASSWORD_RESET", THROTTLE_RATE_AUTH),
    "uploads": env_throttle_rate("THROTTLE_RATE_UPLOADS", "2/min"),
    "search": env_throttle_rate("THROTTLE_RATE_SEARCH", "30/min"),
    "general": env_throttle_rate("THROTTLE_RATE_GENERAL", "100/min"),
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: forms and multipart are refused with 415 except on the upload routes, whose
    # views declare their own streaming parser.
    "DEFAULT_PARSER_CLASSES": ["lebrq.parsers.BoundedJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "lebrq.pagination.ItemsPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["lebrq.throttles.GeneralRateThrottle", "lebrq.throttles.ScopedThrottle"],
    "DEFAULT_THROTTLE_RATES": THROTTLE_RATES,
    # Throttles key anonymous clients by IP. Unset, DRF would use the whole X-Forwarded-For
    # header, which a client can vary to dodge the login limit; behind one proxy take its entry.
    "NUM_PROXIES": env_int("NUM_PROXIES", 1 if env_bool("BEHIND_PROXY", env_bool("HTTPS", False)) else 0, minimum=0),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "lebrq.errors.api_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "LeBrq API",
    "DESCRIPTION": "Venue bookings, media and GST invoices.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "BookingStatusEnum": "bookings.models.Booking.Status",
        "BookingKindEnum": "bookings.models.Booking.Kind",
        "RefundStatusEnum": "bookings.models.Refund.Status",
        "RefundProviderEnum": "bookings.models.Refund.Provider",
        "PaymentProviderEnum": "payments.models.Payment.Provider",
        "PaymentStatusEnum": "payments.models.Payment.Status",
        "PaymentMethodEnum": "payments.models.Payment.Method",
        "OfflinePaymentMethodEnum": "payments.models.OFFLINE_METHOD_CHOICES",
    },
}

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = str(ensure_dir(env_str("STATIC_ROOT", str(VAR_DIR / "static"))))
# Without collectstatic (tests, a fresh checkout) fall back to unhashed names instead of raising.
WHITENOISE_MANIFEST_STRICT = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env_str("MEDIA_ROOT", str(VAR_DIR / "media"))
MEDIA_URL = "/media/"
# Set to an nginx internal location (e.g. "/protected-media/") to hand file bodies to nginx.
MEDIA_ACCEL_REDIRECT = env_str("MEDIA_ACCEL_REDIRECT", "")

# --- Media on S3 (issue 17, DESIGN Part 2 "Scale-out") ------------------------------------
# MEDIA_STORAGE=s3 keeps stored media in an S3-compatible bucket (uploads/storage.py) instead
# of MEDIA_ROOT, which then holds only uploads in progress (`.part` files). All or none: the
# S3_* variables are required with s3 and refused without it (docs/configuration.md).
MEDIA_STORAGE = env_choice("MEDIA_STORAGE", "local", ["local", "s3"])
S3_BUCKET = env_str("S3_BUCKET", "")
S3_ENDPOINT_URL = env_str("S3_ENDPOINT_URL", "")  # empty: AWS itself
S3_REGION = env_str("S3_REGION", "")
S3_ACCESS_KEY_ID = env_str("S3_ACCESS_KEY_ID", "")
S3_SECRET_ACCESS_KEY = env_str("S3_SECRET_ACCESS_KEY", "")
# Lifetime of the presigned URLs that media downloads redirect to.
S3_PRESIGN_SECONDS = env_int("S3_PRESIGN_SECONDS", 300, minimum=1)
# Part size of the multipart upload of a finished `.part` file (S3 refuses parts under 5 MiB):
# an upload holds at most two parts in memory, whatever the file's size.
S3_MULTIPART_CHUNK_MB = env_int("S3_MULTIPART_CHUNK_MB", 8, minimum=5)
if MEDIA_STORAGE == "s3":
    STORAGES["media"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_storage_options(globals())}
else:
    refuse_s3_variables(globals())
# --- end of media on S3 ---------------------------------------------------------------------

MEBIBYTE = 1024 * 1024
MAX_BODY_SIZE_MB = env_int("MAX_BODY_SIZE_MB", 15, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_SIZE_MB * MEBIBYTE
# UPLOAD_LIMIT_<KIND>_MB overrides a kind's default limit (uploads/policies.py, which declares
# the kinds); the uploads app refuses to start when such a variable names no kind.
UPLOAD_LIMITS_MB = {
    name.removeprefix("UPLOAD_LIMIT_").removesuffix("_MB").lower(): env_int(name, None, minimum=1)
    for name in sorted(os.environ)
    if name.startswith("UPLOAD_LIMIT_") and name.endswith("_MB")
}
# An upload arriving slower than this over a whole window is answered 408 and removed, so a
# trickling client cannot hold a worker thread for ever (0 turns the floor off).
UPLOAD_MIN_BYTES_PER_SECOND = env_int("UPLOAD_MIN_BYTES_PER_SECOND", 10 * 1024, minimum=0)
UPLOAD_RATE_WINDOW_SECONDS = env_float("UPLOAD_RATE_WINDOW_SECONDS", 30.0, minimum=0.1)
# Resumable uploads (tus 1.0.0, uploads/tus.py): an incomplete upload expires this long after
# its creation, and a user may have this many incomplete uploads at once (DESIGN Part 2).
TUS_EXPIRY_HOURS = env_float("TUS_EXPIRY_HOURS", 24.0, minimum=0.01)
TUS_MAX_INCOMPLETE_UPLOADS = 5
# Behind nginx (deploy/nginx/lebrq.conf) a tus request body is written to a file by nginx and
# handed over by path. The path is believed only with this secret, which nginx sends beside it
# (empty: no hand-over, bodies are read from the socket), and only inside NGINX_BODY_DIR
# (default MEDIA_ROOT/.nginx-body: the media filesystem, so that a whole file is renamed).
NGINX_BODY_SECRET = env_str("NGINX_BODY_SECRET", "")
NGINX_BODY_DIR = env_str("NGINX_BODY_DIR", "")

# --- Memory guard ---------------------------------------------------------------------
MEMORY_THRESHOLD_PERCENT = env_float("MEMORY_THRESHOLD_PERCENT", 85.0, minimum=0, maximum=100)
MEMORY_CRITICAL_PERCENT = env_float("MEMORY_CRITICAL_PERCENT", 90.0, minimum=0, maximum=100)
MEMORY_READING_TTL_SECONDS = env_float("MEMORY_READING_TTL_SECONDS", 0.5, minimum=0)
MEMORY_RETRY_AFTER_SECONDS = env_int("MEMORY_RETRY_AFTER_SECONDS", 5, minimum=1)
SLOW_REQUEST_SECONDS = env_float("SLOW_REQUEST_SECONDS", 1.0, minimum=0)

# --- Bookings ------------------------------------------------------------------------
# Live holds (pending, unpaid bookings) one customer may have at once (DESIGN Part 2).
MAX_OPEN_HOLDS = 5

# --- Payments (offline always; Razorpay when all three of its settings are set) ----------
RAZORPAY_KEY_ID = env_str("RAZORPAY_KEY_ID", "")
RAZORPAY_KEY_SECRET = env_str("RAZORPAY_KEY_SECRET", "")
RAZORPAY_WEBHOOK_SECRET = env_str("RAZORPAY_WEBHOOK_SECRET", "")
_razorpay_settings = [RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET, RAZORPAY_WEBHOOK_SECRET]
if any(_razorpay_settings) and not all(_razorpay_settings):
    raise ImproperlyConfigured(
        "Set all of RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET and RAZORPAY_WEBHOOK_SECRET, or none (offline payments only)."
    )
RAZORPAY_ENABLED = all(_razorpay_settings)
# Where the SDK sends its calls: Razorpay itself unless a test points it at a local server.
RAZORPAY_API_BASE = env_str("RAZORPAY_API_BASE", "https://api.razorpay.com")

# --- Seller and its GST registrations (DESIGN Part 2 "GST"; README "GST") --------------
# One GSTIN per state where the seller is registered; a venue's documents are issued by the
# registration of the venue's state, else by the head office's (SELLER_HOME_STATE) with IGST.
# The demo's GSTINs are made up but carry valid check digits.
DEMO_SELLER_GSTINS = ",".join(
    [
        "29=29AABCL1234M1ZF",
        "27=27AABCL1234M1ZJ",
        "33=33AABCL1234M1ZQ",
        "36=36AABCL1234M1ZK",
        "07=07AABCL1234M1ZL",
        "08=08AABCL1234M1ZJ",
        "19=19AABCL1234M1ZG",
    ]
)
for _retired in ("SELLER_GSTIN", "SELLER_STATE_CODE"):
    if _retired in os.environ:
        raise ImproperlyConfigured(
            f"{_retired} is replaced by SELLER_GSTINS (e.g. 29=29AAB...) and SELLER_HOME_STATE (e.g. 29)."
        )
SELLER_GSTINS = parse_seller_gstins(env_str("SELLER_GSTINS", DEMO_SELLER_GSTINS))
SELLER_HOME_STATE = env_str("SELLER_HOME_STATE", "29")
if SELLER_HOME_STATE not in SELLER_GSTINS:
    raise ImproperlyConfigured(
        f"SELLER_HOME_STATE={SELLER_HOME_STATE!r} must be one of the states in SELLER_GSTINS "
        f"({', '.join(SELLER_GSTINS)}): the head office issues the documents of unregistered states."
    )
# Printed on every document; the GSTIN and state come from the issuing registration.
INVOICE_SELLER = {
    "name": env_str("SELLER_NAME", "LeBrq Venues Pvt Ltd"),
    "address": env_str("SELLER_ADDRESS", "12 MG Road, Bengaluru 560001"),
}
# Invoice PDFs are rendered into files here and unlinked as soon as they are open.
INVOICE_TEMP_DIR = str(ensure_dir(env_str("INVOICE_TEMP_DIR", str(Path(tempfile.gettempdir()) / "lebrq-invoices"))))

# --- Background jobs (django-tasks; database backend: no extra server needed) ---------
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
JOB_MAX_ATTEMPTS = env_int("JOB_MAX_ATTEMPTS", 5, minimum=1)
JOB_RETRY_BASE_SECONDS = env_float("JOB_RETRY_BASE_SECONDS", 30.0, minimum=0)

# --- Accounts: password reset and email verification (accounts/tokens.py) ---------------
# Tokens expire after PASSWORD_RESET_TIMEOUT seconds (Django's setting; 3 days by default).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 24 * 3600, minimum=60)
REQUIRE_VERIFIED_EMAIL = env_bool("REQUIRE_VERIFIED_EMAIL", False)  # production: true
# A browser front end on another origin (scheme://host[:port], comma-separated): the API only.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_HEADERS = (
    "accept", "authorization", "content-type", "idempotency-key", "x-request-id",
    "tus-resumable", "upload-length", "upload-metadata", "upload-offset", "upload-defer-length",
)  # fmt: skip
CORS_EXPOSE_HEADERS = ("location", "retry-after", "x-request-id", "tus-resumable", "upload-offset", "upload-length")

# --- Outbound webhooks (notifications/webhooks.py) ---------------------------------------
# Private, loopback, link-local, multicast and reserved targets are refused unless this is true.
WEBHOOK_ALLOW_PRIVATE = env_bool("WEBHOOK_ALLOW_PRIVATE", False)
WEBHOOK_TIMEOUT_SECONDS = env_float("WEBHOOK_TIMEOUT_SECONDS", 10.0, minimum=0.1)
WEBHOOK_RETRY_BASE_SECONDS = env_float("WEBHOOK_RETRY_BASE_SECONDS", 60.0, minimum=0)
WEBHOOK_RETRY_HOURS = env_float("WEBHOOK_RETRY_HOURS", 24.0, minimum=0)

# --- Email ----------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "emails"))  # for the filebased backend
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "LeBrq <bookings@lebrq.example>")
# Who hears of a new booking request (a venue that requires approval); empty: nobody is mailed.
STAFF_NOTIFY_EMAILS = env_list("STAFF_NOTIFY_EMAILS", [])

# --- Calendars (notifications.calendars) -----------------------------------------------
# The right-hand part of every booking's iCal UID: keep it once calendars have subscribed.
CALENDAR_UID_DOMAIN = env_str("CALENDAR_UID_DOMAIN", "lebrq.example")
# GET /api/auth/me's calendar_feed_url: accounts calls this (request, user) -> URL, never importing it.
ACCOUNT_CALENDAR_FEED_URL = "notifications.calendars.feed_url_for"

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "en-in"
TIME_ZONE = env_str("TIME_ZONE", "Asia/Kolkata")
USE_I18N = True
USE_TZ = True

# --- Security (HTTPS=true turns on everything `check --deploy` asks for) --------------
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# The directive only consents to the browser preload list; submitting the domain is a separate step.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", HTTPS) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^api/health", r"^metrics$"]

# --- Metrics (Prometheus, /metrics) -------------------------------------------------
# prometheus_client's multiprocess mode: every process writes its values to files here and a
# scrape sums them. Always under VAR_DIR (never inherited from the environment), so two servers
# on one machine, each with its own VAR_DIR, never add up each other's counts. The library reads
# the variable when it is first imported, which lebrq/metrics.py checks.
PROMETHEUS_MULTIPROC_DIR = str(ensure_dir(VAR_DIR / "metrics"))
os.environ["PROMETHEUS_MULTIPROC_DIR"] = PROMETHEUS_MULTIPROC_DIR
# Scrapes come from loopback (not through a proxy) or carry "Authorization: Bearer <METRICS_TOKEN>".
METRICS_TOKEN = env_str("METRICS_TOKEN", "")

# --- Error reports (Sentry; off unless SENTRY_DSN is set; never personal data) ---------
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    from lebrq.error_reports import start_error_reports

    start_error_reports(
        SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0, minimum=0, maximum=1),
    )

# --- Logging (LOG_FORMAT=plain|json; every line carries the request id) --------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOG_FORMAT = log_format()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "lebrq.request_id.RequestIdLogFilter"}},
    "formatters": {"default": formatter_config(LOG_FORMAT)},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "default", "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
