"""Runtime settings. Every knob is an environment variable; `.env.example` lists them all."""

import datetime
import hashlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production (DJANGO_DEBUG off) refuses to start "
            "without it; set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "unesco_office",
    "sectors",
    "countries",
    "events",
    # Before the admin: translation fields must exist when the admin and reversion read models.
    "modeltranslation",
    # django.contrib.admin with the office's admin site: two-factor sign-in (see admin_site.py).
    "unesco_office.apps.OfficeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    # The search document's tsvector column and its lookups (they act on PostgreSQL only).
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "django_prose_editor",
    "imagekit",
    "reversion",
    "import_export",
    "unesco_office.apps.LoginThrottleConfig",  # django-axes
    "django_otp",
    "unesco_office.apps.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp
    "unesco_office.apps.RecoveryCodesConfig",  # django_otp.plugins.otp_static
    "django_tasks_db",
]

# The security headers come first, so that they are on every response, including one that a
# cache further in serves: SecurityMiddleware (HSTS, nosniff, referrer, COOP), the
# Permissions-Policy, CORP and the Content-Security-Policy.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "unesco_office.middleware.CrossOriginResourcePolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "unesco_office.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "unesco_office.public.page_cache.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "unesco_office.staff.audit.AuditMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a sign-in refused by the login throttle into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "unesco_office.urls"
WSGI_APPLICATION = "unesco_office.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "unesco_office.public.context_processors.office",
                "unesco_office.public.context_processors.languages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiler spends seconds compiling the event list's facet counts on large
    # tables, and these queries never gain from it (figures: benchmarks/README.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

# The cache holds the page cache (unesco_office/core/cache.py). It must be shared by every process
# that serves the site, or a change seen by one would leave the others' pages stale: Redis
# for several servers, else files that all the processes of one server share. Sessions (staff
# only: visitors have none) stay in the database, so that signing in never depends on the
# cache server.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": Path(os.environ.get("DJANGO_CACHE_DIR", BASE_DIR / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Entries are named after the database they come from, so that two sites (or a site and a
# benchmark) sharing one cache, or one folder, never read each other's pages.
_database = DATABASES["default"]
CACHES["default"]["KEY_PREFIX"] = hashlib.sha256(
    "|".join(str(_database.get(part, "")) for part in ("ENGINE", "HOST", "PORT", "NAME")).encode()
).hexdigest()[:16]
PAGE_CACHE_ALIAS = "default"
# How long a public page is kept at most (0: no page cache; off by default while developing,
# so that a changed template shows at once). Never past the next scheduled change.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 0 if DEBUG else 600)
# How long browsers and proxies may keep a public page without asking again (0: they ask
# each time, and get a 304 when it has not changed).
PAGE_CACHE_HTTP_MAX_AGE = env_int("DJANGO_PAGE_CACHE_HTTP_MAX_AGE", 0)
# Never looked up in the page cache: the admin, and the health check, which must not
# depend on the cache server.
PAGE_CACHE_SKIP_PATHS = ["/admin/", "/healthz"]
# What one client (one address; an IPv6 /64) may make the servers render for it: a budget
# per window of seconds, each rendering costing as its kind (a page from the cache costs
# nothing). Past it: HTTP 429 with Retry-After. 0 turns the limit off. See
# unesco_office/public/rate_limit.py.
RATE_LIMIT_BUDGET = env_int("DJANGO_RATE_LIMIT_BUDGET", 120)
RATE_LIMIT_WINDOW = env_int("DJANGO_RATE_LIMIT_WINDOW_SECONDS", 60)
RATE_LIMIT_COSTS = {"page": 1, "search": 8, "feed": 10, "download": 20}
if RATE_LIMIT_WINDOW < 1:
    raise ImproperlyConfigured("DJANGO_RATE_LIMIT_WINDOW_SECONDS must be 1 or more.")
if 0 < RATE_LIMIT_BUDGET < max(RATE_LIMIT_COSTS.values()):
    raise ImproperlyConfigured(
        f"DJANGO_RATE_LIMIT_BUDGET must be 0 (no limit) or at least "
        f"{max(RATE_LIMIT_COSTS.values())}, what one download costs."
    )
# A list's download of more records than this is a file built by the background worker and
# served from the media storage (unesco_office/public/prebuilt.py); smaller ones are
# written while they are sent.
DOWNLOAD_STREAM_ROWS = env_int("DJANGO_DOWNLOAD_STREAM_ROWS", 2000)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff sign-in (README, "Admin security"). The login throttle (django-axes) comes first: it
# refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed sign-ins for one user name from one address lock that pair for 15 minutes;
# an address that fails LOGIN_ADDRESS_FAILURE_LIMIT times, whatever the user names, is
# locked as a whole. Failures are kept in the database, so every app server sees them.
# A user name that fails LOGIN_ACCOUNT_FAILURE_LIMIT times within the 15 minutes from all
# addresses together is locked from every address: for 15 minutes, twice as long at each
# further lock, up to LOGIN_ACCOUNT_MAX_LOCK; its owner is told by e-mail at each lock.
AXES_HANDLER = "unesco_office.staff.login_throttle.LoginThrottle"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
LOGIN_ADDRESS_FAILURE_LIMIT = 20
LOGIN_ACCOUNT_FAILURE_LIMIT = env_int("DJANGO_LOGIN_ACCOUNT_FAILURE_LIMIT", 10)
LOGIN_ACCOUNT_MAX_LOCK = datetime.timedelta(
    hours=env_int("DJANGO_LOGIN_ACCOUNT_MAX_LOCK_HOURS", 24)
)
if LOGIN_ACCOUNT_FAILURE_LIMIT < 1 or LOGIN_ACCOUNT_MAX_LOCK.total_seconds() <= 0:
    raise ImproperlyConfigured(
        "DJANGO_LOGIN_ACCOUNT_FAILURE_LIMIT and DJANGO_LOGIN_ACCOUNT_MAX_LOCK_HOURS must be "
        "1 or more."
    )
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "unesco_office.staff.login_throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "unesco_office.core.clients.client_ip"
AXES_VERBOSE = False
# Behind reverse proxies, the number of them that append the address they received a request
# from to X-Forwarded-For (nginx: proxy_add_x_forwarded_for). 0: the header is ignored.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

# Two-factor authentication (django-otp: an authenticator app, and recovery codes). Required
# when on, which is the default in production, for ADMIN_REQUIRE_2FA_FOR: "publishers"
# (publishers and superusers; optional for editors) or "staff" (everyone, editors too).
ADMIN_REQUIRE_2FA = env_bool("DJANGO_ADMIN_REQUIRE_2FA", not DEBUG)
ADMIN_REQUIRE_2FA_FOR = os.environ.get("DJANGO_ADMIN_REQUIRE_2FA_FOR", "").strip().lower()
ADMIN_REQUIRE_2FA_FOR = ADMIN_REQUIRE_2FA_FOR or "publishers"  # unset or empty
if ADMIN_REQUIRE_2FA_FOR not in {"publishers", "staff"}:
    raise ImproperlyConfigured(
        "DJANGO_ADMIN_REQUIRE_2FA_FOR must be publishers (publishers and superusers) or "
        f"staff (everyone who signs in to the admin), not {ADMIN_REQUIRE_2FA_FOR!r}."
    )
# Publishing waits until every translation is there and up to date (the translation desk).
REQUIRE_COMPLETE_TRANSLATIONS = env_bool("DJANGO_REQUIRE_TRANSLATIONS", False)
OTP_TOTP_ISSUER = os.environ.get("DJANGO_OTP_ISSUER", "unesco-office")
# Superusers may delete a user's app in the admin (a lost phone), never read its secret.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Staff sessions end after this long without an admin request: every admin page saves the
# session, which starts the time again (OfficeAdminSite.admin_view). Public pages never open
# or save a session, whatever cookie comes with them, so they set no cookie and write nothing.
SESSION_IDLE_MINUTES = env_int("DJANGO_SESSION_IDLE_MINUTES", 60)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]

# Content in every language of LANGUAGES (django-modeltranslation adds name_en, name_fr,
# name_zh_hans… columns). English is the language every record has; a text not yet
# translated falls back to it. Slugs are prefilled from the English name.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"

TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
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
# Uploads larger than this are written to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Spreadsheet imports in the admin (docs/operations.md, "Imports"): the rows of data a file
# may hold below its header, and the columns that may hold a value (the World Heritage
# import has caps of its own, in countries.importers.world_heritage).
IMPORT_MAX_ROWS = env_int("DJANGO_IMPORT_MAX_ROWS", 500)
IMPORT_MAX_COLUMNS = env_int("DJANGO_IMPORT_MAX_COLUMNS", 200)
# A confirmed import of more rows than this runs as a background task (the TASKS backend's
# worker), its progress and result on a page of the admin, rather than in the request.
IMPORT_BACKGROUND_ROWS = env_int("DJANGO_IMPORT_BACKGROUND_ROWS", 100)

# Renditions are generated when an image is saved, never while a page is rendered.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "renditions"

# Maps of sites and events, drawn by the site itself (unesco_office/maps/drawing.py); 0 leaves
# them out of every page.
MAPS = env_bool("DJANGO_MAPS", True)

# Background tasks (Django's Tasks framework): e-mails and the lists' full downloads are
# work for `manage.py db_worker`, which runs what is queued in the database ("database", the
# default; `make demo` and `make run` start a worker). "immediate" runs each task at once,
# in the request that queues it: no worker needed, the request waits for it.
TASKS_BACKEND = os.environ.get("DJANGO_TASKS_BACKEND", "database")
if TASKS_BACKEND not in {"database", "immediate"}:
    raise ImproperlyConfigured("DJANGO_TASKS_BACKEND is “database” or “immediate”.")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND]
    }
}

# Email: SMTP in production (DJANGO_EMAIL_*), the console while developing.
MAIL_BACKEND = os.environ.get(
    "DJANGO_MAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": MAIL_BACKEND}}
if MAIL_BACKEND.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
        "port": env_int("DJANGO_EMAIL_PORT", 587),
        "username": os.environ.get("DJANGO_EMAIL_USER", ""),
        "password": os.environ.get("DJANGO_EMAIL_PASSWORD", ""),
        "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", True),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [(name, name) for name in env_list("DJANGO_ADMINS")]

# Security. Behind a TLS-terminating proxy, set DJANGO_SECURE_PROXY_SSL_HEADER=1 and, if the
# proxy itself redirects to HTTPS, DJANGO_SECURE_SSL_REDIRECT=0.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Nothing of the site is meant to be embedded by another origin (unesco_office.middleware).
SECURE_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# Browser features the site never uses, turned off for it and anything it could embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "picture-in-picture",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    ]
}

# Nothing is allowed that is not listed: each kind of resource the site loads has its own line.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    # The hash admits the one stylesheet the admin's rich-text editor (Tiptap) injects.
    "style-src": [CSP.SELF, CSP.NONCE, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
    "img-src": [CSP.SELF, "data:", *env_list("DJANGO_CSP_MEDIA_ORIGINS")],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # django-axes reports every step at INFO; its warnings (and the lockout line of
    # unesco_office.staff.login_throttle) are what an operator needs.
    "loggers": {"axes": {"level": "WARNING"}},
}
