"""CoupleSpace settings, read from the environment.

Every value has one source: an environment variable, documented in README.md. Development
(DEBUG=1) gets safe local defaults; production fails loudly at start-up when something it
needs is missing, instead of running with an insecure default.
"""

import base64
import binascii
import ipaddress
import os
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str | None = None) -> str:
    """Read a variable; without a default, its absence or an empty value stops start-up with
    its name.

    In an image build (IMAGE_BUILD=1) an absent one reads as empty instead: see below.
    """
    value = os.environ.get(name, default)
    if value is None and IMAGE_BUILD:
        return ""
    if value is None:
        raise ImproperlyConfigured(f"Set the environment variable {name} (see README.md).")
    if default is None and not value.strip():
        raise empty(name)
    return value


def empty(name: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(
        f"The environment variable {name} is empty: set it (see README.md)."
    )


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if not raw.strip().isdecimal():
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.")
    return int(raw)


def env_list(name: str, default: str | None = None) -> list[str]:
    items = [item.strip() for item in env(name, default).split(",") if item.strip()]
    if default is None and not items and not IMAGE_BUILD:
        raise empty(name)
    return items


DEBUG = env_bool("DEBUG", False)
# The image build collects static files, which needs none of the site's secrets; deploy/build
# sets IMAGE_BUILD=1 for that step alone. A variable the running site requires then reads as
# empty, which leaves nothing the build's settings could do harm with: no host is allowed, there
# is no signing key and no encryption key.
IMAGE_BUILD = env_bool("IMAGE_BUILD", False)

# Outside DEBUG these have no default: a missing one is a start-up error, never a weak key.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key" if DEBUG else None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else None)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# Where "Quick exit" goes: an ordinary page that gives nothing away.
QUICK_EXIT_URL = env("QUICK_EXIT_URL", "https://www.bbc.com/weather")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000" if DEBUG else None).rstrip("/")
# Keys that wrap each person's data key (Fernet keys, comma-separated). The first wraps new keys;
# all of them unwrap, so a new key goes first and an old one is dropped after
# `manage.py rotate_encryption_keys`. Make one with `manage.py rotate_encryption_keys --new-key`.
ENCRYPTION_KEYS = env_list(
    "ENCRYPTION_KEYS", "ZGV2LW9ubHktaW5zZWN1cmUtZW5jcnlwdGlvbi1rZXk=" if DEBUG else None
)
for _key in ENCRYPTION_KEYS:
    try:
        Fernet(_key)
    except ValueError:
        raise ImproperlyConfigured(
            "Each of ENCRYPTION_KEYS must be 32 url-safe base64-encoded bytes "
            "(make one with `manage.py rotate_encryption_keys --new-key`)."
        ) from None
if not ENCRYPTION_KEYS and not IMAGE_BUILD:
    raise ImproperlyConfigured("ENCRYPTION_KEYS needs at least one key (see README.md).")


def vapid_public_key_of(private_key: str) -> str:
    """The public half of a VAPID private key (both url-safe base64, the private key raw, the
    public key an uncompressed point); a key that is not one stops start-up."""
    try:
        raw = base64.urlsafe_b64decode(private_key + "=" * (-len(private_key) % 4))
        key = ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1())
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(
            "VAPID_PRIVATE_KEY must be a raw P-256 key in url-safe base64 "
            "(make a pair with `manage.py vapid_keys`)."
        ) from None
    point = key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(point).rstrip(b"=").decode()


# Web Push: the pair that signs every push (VAPID), made with `manage.py vapid_keys`. Development
# has a fixed pair; a site without one sends no push, and its other channels go on as before.
VAPID_PRIVATE_KEY = env(
    "VAPID_PRIVATE_KEY", "v-WcDLZb4GqVSnnVBs43jGQKM6Az6MqcwMzZelaTp1Y" if DEBUG else ""
)
VAPID_PUBLIC_KEY = env(
    "VAPID_PUBLIC_KEY",
    "BAjDiisFnDcX1JsHGtYaP_wftaM46Ug_acnoXTfoCL2GU7bGCYe4WW_gmEGNrZkrsNJLg1rkdpgl_ZXwCrzgZOc"
    if DEBUG
    else "",
)
if bool(VAPID_PRIVATE_KEY) != bool(VAPID_PUBLIC_KEY):
    raise ImproperlyConfigured("Set both VAPID_PRIVATE_KEY and VAPID_PUBLIC_KEY, or neither.")
if VAPID_PRIVATE_KEY and vapid_public_key_of(VAPID_PRIVATE_KEY) != VAPID_PUBLIC_KEY:
    raise ImproperlyConfigured("VAPID_PUBLIC_KEY is not the public half of VAPID_PRIVATE_KEY.")


INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "couplespace",
    "assessments",
    "programs",
    "agreements",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "couplespace.middleware.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "couplespace.middleware.PersonPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
]

ROOT_URLCONF = "couplespace.urls"
WSGI_APPLICATION = "couplespace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "couplespace.context_processors.site",
            ],
        },
    },
]

# Form fields render through Django's form templates for Jinja2 (choice widgets through one
# written-out template, see couplespace/forms_renderer.py): the same markup, in a fraction of
# the time (the check-in form took a third of its page's time in Django's template engine).
FORM_RENDERER = "couplespace.forms_renderer.FormRenderer"

# Databases: SQLite under var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL and immediate transactions let web, worker and beat share the file without
    # "database is locked" errors. What is deleted is overwritten with zeros, whatever
    # SQLite's build default (see couplespace/erasure.py).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA secure_delete=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "couplespace.User"

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
AUTHENTICATION_BACKENDS = ["couplespace.backends.PersonBackend"]

# Accounts (django-allauth): email is the login, verified by a short code.
ACCOUNT_ADAPTER = "couplespace.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_SIGNUP_FORM_CLASS = "couplespace.forms.SignupDetailsForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# The way in for someone whose address strangers have locked (see couplespace/devices.py).
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "CoupleSpace: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "workspace"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]

# Internationalisation: English and Simplified Chinese; a person's choice lives on their account.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
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

# Email: the console in development, SMTP from the environment in production.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "CoupleSpace <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if DEBUG and "EMAIL_HOST" not in os.environ:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env("EMAIL_HOST"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env("EMAIL_HOST_USER", ""),
                "password": env("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                # Well under the reminders' RETRY_AFTER, so a hung server is never retried while
                # the first try still waits (that would send an email twice).
                "timeout": 30,
            },
        }
    }

# The cache holds login throttling counters, so every web process must share it: production
# needs Redis, and counts per process without it. The single development server keeps them in
# its memory.
REDIS_URL = env("REDIS_URL", "" if DEBUG else None)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "couplespace",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered fragments that are the same for every reader of a language: the site's header,
# navigation and footer per tab (base.html), each guide's text per version (guides/guide.html).
# Each process renders each one once and keeps it in its memory; nothing personal goes in (the
# forms and their CSRF tokens stay outside). In development, a changed template shows at once.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends."
    + ("dummy.DummyCache" if DEBUG else "locmem.LocMemCache"),
    "OPTIONS": {"MAX_ENTRIES": 2000},
}


def file_broker(folder: Path) -> tuple[str, str, dict[str, object]]:
    """Celery's broker URL, transport and options for a broker in plain files under `folder`,
    which needs no server: development's, and the test suite's without Redis."""
    for name in ("queue", "control"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    options = {
        "data_folder_in": str(folder / "queue"),
        "data_folder_out": str(folder / "queue"),
        "control_folder": str(folder / "control"),
        "store_processed": False,
    }
    # The host is a formality the file transport ignores; without one, kombu warns each time a
    # process connects. The transport is quick to notice a stop request: couplespace/broker.py.
    return "filesystem://localhost/", "couplespace.broker:Transport", options


# Celery: Redis in production, the broker in files in development. Results are not kept: tasks
# write what matters to the database.
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
else:
    CELERY_BROKER_URL, CELERY_BROKER_TRANSPORT, CELERY_BROKER_TRANSPORT_OPTIONS = file_broker(
        VAR_DIR / "broker"
    )
    CELERY_WORKER_TIMER_PRECISION = 0.1  # with the transport's short waits, see broker.py
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# What a task prints (development's console emails) is information, not a warning.
CELERY_WORKER_REDIRECT_STDOUTS_LEVEL = "INFO"
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    # The one periodic job for every reminder kind; see couplespace/reminders.py.
    "dispatch-reminders": {
        "task": "couplespace.tasks.dispatch_reminders",
        "schedule": 30.0,
        "options": {"expires": 25},  # a backlog of dispatch runs is pointless: drop it
    },
}

# Security headers. A strict CSP with per-request nonces: no inline script or style anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
# Powerful browser features no page uses, off for the site and anything it embeds (sent by
# couplespace.middleware.PermissionsPolicyMiddleware): a feature the site never asks for cannot
# be turned against a person by injected script.
PERMISSIONS_POLICY = dict.fromkeys(
    [
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    ],
    (),
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
# The health check is asked over plain http by the container itself, so it is not redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
# Behind a TLS proxy, the proxy's own headers are trusted from its addresses only: gunicorn
# takes the scheme (X-Forwarded-Proto) from TRUSTED_PROXIES (deploy/gunicorn.conf.py), and login
# rate limits count per visitor's address, the last one the proxy appended to X-Forwarded-For
# (couplespace/adapters.py). From anyone else both headers are ignored, so a visitor who reaches
# gunicorn directly can neither pose as https nor pick a new address for every attempt.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1") if BEHIND_PROXY else []
try:
    TRUSTED_PROXY_NETWORKS = [ipaddress.ip_network(item) for item in TRUSTED_PROXIES]
except ValueError as error:
    raise ImproperlyConfigured(
        f"TRUSTED_PROXIES must be comma-separated IP addresses or networks: {error}."
    ) from None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # Django's own handlers for "django" go: its console one (DEBUG only) printed each record a
    # second time beside the root's, and its mail to ADMINS has no one to write to.
    "loggers": {"django": {"handlers": [], "propagate": True}},
}
