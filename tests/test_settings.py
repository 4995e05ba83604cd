"""Settings come from the environment and fail loudly instead of running insecurely."""

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.hashers import Argon2PasswordHasher

from couplespace import settings as production
from couplespace.middleware import permissions_policy

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json, couplespace.settings as s; print(json.dumps({"
    "'engine': s.DATABASES['default']['ENGINE'], 'broker': s.CELERY_BROKER_URL,"
    "'mailer': s.MAILERS['default']['BACKEND'], 'debug': s.DEBUG, 'hsts': s.SECURE_HSTS_SECONDS}))"
)


PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-key-" + "k" * 40,
    "ALLOWED_HOSTS": "couplespace.example.org",
    "SITE_URL": "https://couplespace.example.org",
    "EMAIL_HOST": "smtp.example.org",
    "ENCRYPTION_KEYS": "cHJvZHVjdGlvbi10ZXN0cy1rZXktb2YtMzItYnl0ZXM=",
    "REDIS_URL": "redis://redis:6379/0",
}


def without(environment: dict[str, str], name: str) -> dict[str, str]:
    return {key: value for key, value in environment.items() if key != name}


def load_settings(probe=PROBE, **environment):
    """Import the settings in a fresh interpreter with only `environment` set."""
    env = {"PATH": os.environ["PATH"], "VAR_DIR": str(ROOT / "var" / "test"), **environment}
    return subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_it_hashes_passwords_with_argon2_in_production():
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    hasher = Argon2PasswordHasher()
    assert hasher.encode("a calm long passphrase", hasher.salt()).startswith("argon2$argon2id$")


def test_production_without_a_secret_key_refuses_to_start():
    result = load_settings()

    assert result.returncode != 0
    assert "Set the environment variable SECRET_KEY" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = load_settings(SECRET_KEY="x" * 50)

    assert "Set the environment variable ALLOWED_HOSTS" in result.stderr


@pytest.mark.parametrize(
    ("name", "value"), [("SECRET_KEY", ""), ("SECRET_KEY", "  "), ("ALLOWED_HOSTS", " , ")]
)
def test_production_with_an_empty_secret_key_or_host_list_refuses_to_start(name, value):
    result = load_settings(**{**PRODUCTION, name: value})

    assert result.returncode != 0
    assert f"The environment variable {name} is empty: set it (see README.md)." in result.stderr


def test_production_without_an_smtp_host_refuses_to_start():
    result = load_settings(**without(PRODUCTION, "EMAIL_HOST"))

    assert "Set the environment variable EMAIL_HOST" in result.stderr


def test_production_without_redis_refuses_to_start():
    """Without the shared cache, each web process would count login attempts on its own."""
    result = load_settings(**without(PRODUCTION, "REDIS_URL"))

    assert result.returncode != 0
    assert "Set the environment variable REDIS_URL" in result.stderr


def test_production_without_an_encryption_key_refuses_to_start():
    result = load_settings(**without(PRODUCTION, "ENCRYPTION_KEYS"))

    assert result.returncode != 0
    assert "Set the environment variable ENCRYPTION_KEYS" in result.stderr


def test_a_malformed_encryption_key_is_refused_with_how_to_make_one():
    result = load_settings(**{**PRODUCTION, "ENCRYPTION_KEYS": "too-short"})

    assert result.returncode != 0
    assert "rotate_encryption_keys --new-key" in result.stderr


def test_a_malformed_switch_is_named():
    result = load_settings(DEBUG="maybe")

    assert "DEBUG must be 1 or 0, not 'maybe'" in result.stderr


@pytest.mark.parametrize("name", ["EMAIL_PORT", "SECURE_HSTS_SECONDS"])
@pytest.mark.parametrize("value", ["smtp", "", "-1", "1.5"])
def test_a_malformed_number_is_named(name, value):
    result = load_settings(**{**PRODUCTION, name: value})

    assert result.returncode != 0
    assert f"{name} must be a whole number, not {value!r}." in result.stderr


def test_numbers_are_read_as_given():
    probe = "import couplespace.settings as s; print(s.SECURE_HSTS_SECONDS, s.MAILERS)"

    result = load_settings(probe, **PRODUCTION, EMAIL_PORT="2525", SECURE_HSTS_SECONDS=" 600 ")

    assert result.stdout.startswith("600 ") and "'port': 2525" in result.stdout


def test_production_settings_pass_the_deployment_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "VAR_DIR": str(ROOT / "var" / "test"), **PRODUCTION},
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_development_runs_on_embedded_defaults():
    result = load_settings(DEBUG="1")

    assert json.loads(result.stdout) == {
        "engine": "django.db.backends.sqlite3",
        "broker": "filesystem://localhost/",
        "mailer": "django.core.mail.backends.console.EmailBackend",
        "debug": True,
        "hsts": 0,
    }


def test_connecting_to_the_development_broker_warns_of_nothing():
    probe = (
        "import logging, django; logging.basicConfig(); django.setup(); "
        "from couplespace.celery import app; "
        "connection = app.connection_for_write(); connection.ensure_connection(); "
        "print(connection.transport.driver_type)"
    )

    result = load_settings(probe, DEBUG="1", DJANGO_SETTINGS_MODULE="couplespace.settings")

    assert result.stdout == "filesystem\n"
    assert result.stderr == ""


@pytest.mark.parametrize("debug", ["1", "0"])
def test_a_page_not_found_is_logged_once(debug):
    probe = (
        "import logging, django; django.setup(); "
        "logging.getLogger('django.request').warning('Not Found: /nope/')"
    )

    result = load_settings(
        probe, **PRODUCTION, DEBUG=debug, DJANGO_SETTINGS_MODULE="couplespace.settings"
    )

    assert result.stderr == "Not Found: /nope/\n"


def test_database_url_and_redis_url_switch_to_postgresql_and_redis():
    result = load_settings(**PRODUCTION, DATABASE_URL="postgres://couplespace@db:5432/couplespace")

    assert json.loads(result.stdout) == {
        "engine": "django.db.backends.postgresql",
        "broker": "redis://redis:6379/0",
        "mailer": "django.core.mail.backends.smtp.EmailBackend",
        "debug": False,
        "hsts": 31536000,
    }


def test_behind_a_proxy_it_trusts_the_proxy_on_this_host_unless_told_otherwise():
    probe = "import couplespace.settings as s; print(s.TRUSTED_PROXIES)"

    default = load_settings(probe, **PRODUCTION, BEHIND_PROXY="1")
    given = load_settings(probe, **PRODUCTION, BEHIND_PROXY="1", TRUSTED_PROXIES="10.0.0.0/24")

    assert default.stdout == "['127.0.0.1', '::1']\n"
    assert given.stdout == "['10.0.0.0/24']\n"


def test_a_trusted_proxy_that_is_no_address_is_named():
    result = load_settings(**PRODUCTION, BEHIND_PROXY="1", TRUSTED_PROXIES="10.0.0.1,proxy")

    assert result.returncode != 0
    assert "TRUSTED_PROXIES must be comma-separated IP addresses or networks" in result.stderr


def test_without_a_proxy_it_trusts_no_forwarded_header():
    probe = (
        "import couplespace.settings as s; "
        "print(s.TRUSTED_PROXIES, hasattr(s, 'SECURE_PROXY_SSL_HEADER'))"
    )

    result = load_settings(probe, **PRODUCTION, TRUSTED_PROXIES="10.0.0.0/24")

    assert result.stdout == "[] False\n"


@pytest.mark.parametrize("directive", ["script-src", "style-src"])
def test_the_content_security_policy_allows_no_inline_code(directive):
    assert "'unsafe-inline'" not in production.SECURE_CSP[directive]
    assert "'unsafe-eval'" not in production.SECURE_CSP[directive]


def test_every_response_carries_the_security_headers(client, settings, db):
    settings.SECURE_HSTS_SECONDS = production.SECURE_HSTS_SECONDS
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = production.SECURE_HSTS_INCLUDE_SUBDOMAINS
    settings.SECURE_HSTS_PRELOAD = production.SECURE_HSTS_PRELOAD

    response = client.get("/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in response["Permissions-Policy"].split(", ")


def test_the_permissions_policy_allows_exactly_what_it_lists():
    assert permissions_policy({"camera": (), "fullscreen": ("self",)}) == (
        "camera=(), fullscreen=(self)"
    )


def test_production_cookies_are_secure_http_only_and_same_site():
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SESSION_COOKIE_HTTPONLY
    assert (production.SESSION_COOKIE_SAMESITE, production.CSRF_COOKIE_SAMESITE) == ("Lax", "Lax")


@pytest.mark.parametrize("clock", ["07:30:00", "08:00:05", "21:29:55"])
def test_no_model_field_check_depends_on_the_time_of_day(clock):
    moment = datetime.combine(date(2026, 11, 23), time.fromisoformat(clock), UTC)
    with time_machine.travel(moment, tick=False):
        problems = [
            problem
            for model in apps.get_models()
            for field in model._meta.fields
            for problem in field.check()
        ]

    assert problems == []
