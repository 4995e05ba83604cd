"""A real Celery worker takes a task from the configured broker (Redis in CI) and runs it."""

import re
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail
from django.urls import reverse

from couplespace.celery import app
from couplespace.models import Invitation
from couplespace.tasks import send_invitation_email


@pytest.fixture
def real_worker(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.task_always_eager = True


def test_it_uses_redis_when_redis_url_is_set():
    if settings.REDIS_URL:
        assert app.connection_for_write().transport_cls == "redis"
    else:
        assert app.connection_for_write().transport_cls == "filesystem"


@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_an_invitation_email_through_the_broker(alex, real_worker):
    invitation = Invitation.issue(inviter=alex, email="sam@example.com")

    send_invitation_email.delay(invitation.pk)

    deadline = time.monotonic() + 20
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [message.to for message in mail.outbox] == [["sam@example.com"]]
    assert invitation.url in mail.outbox[0].body


def wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_signing_up_while_smtp_is_down_works_and_the_code_arrives_when_it_is_back(
    client, real_worker, smtp_down
):
    response = client.post(
        reverse("account_signup"),
        {"email": "robin@example.com", "password1": "a calm long passphrase", "timezone": "UTC"},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("account_email_verification_sent"), 302)]
    assert 'name="code"' in response.content.decode()
    wait_for(lambda: smtp_down.attempts)
    assert smtp_down.attempts and mail.outbox == []  # the worker tried, and SMTP refused

    smtp_down.back.set()
    wait_for(lambda: mail.outbox)

    assert [message.to for message in mail.outbox] == [["robin@example.com"]]
    assert len(smtp_down.attempts) >= 2 and len(set(smtp_down.attempts)) == 1  # one Message-ID
    code = re.search(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$", mail.outbox[0].body, re.M).group(0)
    confirmed = client.post(reverse("account_email_verification_sent"), {"code": code})
    assert confirmed.url == reverse("workspace")
