"""Settings for the test suite: production settings, with what a test run cannot have."""

import os
from urllib.parse import urlsplit, urlunsplit


def redis_database_for_worker(url: str, worker: str) -> str:
    """The Redis URL with the database moved on by the xdist worker's number (gw0 keeps it)."""
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0) + int(worker.removeprefix("gw"))
    return urlunsplit(parts._replace(path=f"/{database % 16}"))


os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SITE_URL", "http://testserver")
os.environ.setdefault("EMAIL_HOST", "localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ENCRYPTION_KEYS", "dGVzdHMtb25seS1ub3QtYW4tZW5jcnlwdGlvbi1rZXk=")
os.environ.setdefault("VAPID_PRIVATE_KEY", "kNV5Fq_arLS8vNmRk11vXwy2QoJD6SoavoBHC19KW9I")
os.environ.setdefault(
    "VAPID_PUBLIC_KEY",
    "BB6AnDPdytRYgMw0fomcrgqRnSVPcc4oraIIRFs6R64_hkpnLzNJU4uLs7ItMoMT4fvbDbe4JjtaFy5ab05msrs",
)
SHARED_VAR_DIR = os.path.join(os.path.dirname(__file__), "..", "var", "test")
STAND_IN_REDIS = "redis://stand-in.invalid"
# `make test` runs the suite in several processes (pytest-xdist), which inherit the environment
# this module set up in the first: each moves to its own files and, on Redis, its own database
# (once, not again in the processes its tests start), so one process's worker never takes
# another's task. pytest-django gives each its own test database.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if XDIST_WORKER and os.environ.get("TEST_SETTINGS_WORKER") != XDIST_WORKER:
    os.environ["TEST_SETTINGS_WORKER"] = XDIST_WORKER
    if os.environ.get("VAR_DIR", SHARED_VAR_DIR) == SHARED_VAR_DIR:
        os.environ["VAR_DIR"] = os.path.join(SHARED_VAR_DIR, XDIST_WORKER)
    if os.environ.get("REDIS_URL", STAND_IN_REDIS) != STAND_IN_REDIS:
        os.environ["REDIS_URL"] = redis_database_for_worker(os.environ["REDIS_URL"], XDIST_WORKER)
os.environ.setdefault("VAR_DIR", SHARED_VAR_DIR)
# Production requires Redis. Without REDIS_URL (CI gives one), the suite needs no service: the
# cache below and development's broker in files stand in for it.
WITH_REDIS = os.environ.get("REDIS_URL", STAND_IN_REDIS) != STAND_IN_REDIS
os.environ.setdefault("REDIS_URL", STAND_IN_REDIS)

from couplespace.settings import *  # noqa: E402, F403
from couplespace.settings import VAR_DIR, file_broker  # noqa: E402

if not WITH_REDIS:
    REDIS_URL = ""
    CELERY_BROKER_URL, CELERY_BROKER_TRANSPORT, CELERY_BROKER_TRANSPORT_OPTIONS = file_broker(
        VAR_DIR / "broker"
    )

# Argon2 is the production hasher (asserted in tests/test_settings.py); it is slow on purpose.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests clear the cache between tests; on Redis that would flush the broker's queues too.
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# Live-server browser tests run over plain http on localhost.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
