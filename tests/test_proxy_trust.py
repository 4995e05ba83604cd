"""Login rate limits count per visitor; X-Forwarded-For names the visitor only from our proxy.

allauth allows 10 failed logins a minute from one address. Each attempt below uses a new email,
so that only the per-address limit is in play.
"""

import ipaddress

import pytest

PROXY = "10.213.47.5"
STRANGER = "203.0.113.7"
BLOCKED = "Too many failed login attempts"


@pytest.fixture(autouse=True)
def behind_the_proxy(settings):
    settings.TRUSTED_PROXY_NETWORKS = [ipaddress.ip_network("10.213.47.0/24")]


def fail_to_log_in(client, attempt: int, *, address: str, forwarded: str):
    """One failed login; True if it was refused for too many attempts."""
    response = client.post(
        "/account/login/",
        {"login": f"nobody{attempt}@example.com", "password": "not-the-password"},
        REMOTE_ADDR=address,
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    assert response.status_code == 200
    return BLOCKED in response.text


@pytest.mark.django_db
def test_reaching_gunicorn_directly_a_new_forwarded_address_each_time_is_still_blocked(client):
    blocked = [
        fail_to_log_in(client, n, address=STRANGER, forwarded=f"198.51.100.{n}")
        for n in range(1, 12)
    ]

    assert blocked == [False] * 10 + [True]


@pytest.mark.django_db
def test_through_the_proxy_each_visitor_has_their_own_limit(client):
    one_each = [
        fail_to_log_in(client, n, address=PROXY, forwarded=f"198.51.100.{n}") for n in range(1, 12)
    ]
    one_visitor = [
        fail_to_log_in(client, n, address=PROXY, forwarded="198.51.100.200") for n in range(1, 12)
    ]

    assert one_each == [False] * 11
    assert one_visitor == [False] * 10 + [True]


@pytest.mark.django_db
def test_what_a_visitor_writes_before_the_proxys_own_entry_is_ignored(client):
    blocked = [
        fail_to_log_in(client, n, address=PROXY, forwarded=f"192.0.2.{n}, 198.51.100.9")
        for n in range(1, 12)
    ]

    assert blocked == [False] * 10 + [True]


@pytest.mark.django_db
def test_without_a_proxy_the_header_is_ignored(client, settings):
    settings.TRUSTED_PROXY_NETWORKS = []

    blocked = [
        fail_to_log_in(client, n, address=PROXY, forwarded=f"198.51.100.{n}") for n in range(1, 12)
    ]

    assert blocked == [False] * 10 + [True]
