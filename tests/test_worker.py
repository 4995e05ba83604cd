"""A real Celery worker takes a task from the configured broker (Redis in CI) and runs it."""

import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from celery.utils.log import get_logger
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.console import EmailBackend
from django.urls import reverse
from honcho.manager import KILL_WAIT
from kombu import Connection, Consumer, Queue

from couplespace.broker import Transport
from couplespace.celery import app
from couplespace.models import Invitation
from couplespace.tasks import send_invitation_email


@pytest.fixture
def real_worker(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    app.control.purge()  # a message an interrupted earlier run left must not reach this worker
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.task_always_eager = True


def test_it_uses_redis_when_redis_url_is_set():
    if settings.REDIS_URL:
        assert app.connection_for_write().transport_cls == "redis"
    else:
        assert app.connection_for_write().transport_cls == "couplespace.broker:Transport"


@pytest.mark.real_clock
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


@pytest.mark.real_clock
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


def test_an_email_printed_in_the_worker_is_logged_as_information(caplog):
    """In development the worker prints emails to its output, which it sends to its log."""
    caplog.set_level(logging.INFO, logger="celery.redirected")  # whatever a worker before set
    streams = sys.stdout, sys.stderr
    try:
        app.log.redirect_stdouts_to_logger(
            get_logger("celery.redirected"), loglevel=app.conf.worker_redirect_stdouts_level
        )
        EmailBackend().send_messages([EmailMessage("Join me", "A link", to=["sam@example.com"])])
    finally:
        sys.stdout, sys.stderr = streams

    printed = [record for record in caplog.records if record.name == "celery.redirected"]
    assert "Subject: Join me" in printed[0].getMessage()
    assert {record.levelno for record in printed} == {logging.INFO}


@pytest.mark.real_clock
def test_the_development_broker_waits_at_most_half_a_second_at_a_time(tmp_path):
    options = {"data_folder_in": str(tmp_path), "data_folder_out": str(tmp_path)}
    with (
        Connection(
            "filesystem://localhost/", transport=Transport, transport_options=options
        ) as connection,
        Consumer(connection, queues=[Queue("nothing-here")]),
    ):
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            connection.drain_events(timeout=2.0)

    assert time.monotonic() - started < 1


@pytest.mark.real_clock
def test_the_development_worker_stops_before_make_run_would_kill_it(tmp_path):
    """`make run` (honcho) sends SIGTERM, and SIGKILL to whatever still runs KILL_WAIT later."""
    procfile = (Path(settings.BASE_DIR) / "Procfile").read_text().splitlines()
    command = dict(line.split(": ", 1) for line in procfile)["worker"]
    environment = {
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "DEBUG": "1",
        "VAR_DIR": str(tmp_path),
    }
    worker = subprocess.Popen(
        command,
        shell=True,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    ready = threading.Event()
    lines = []

    def read():  # until the last process of the group lets go of the output, as honcho does
        for line in worker.stdout:
            lines.append(line)
            if "ready." in line:
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert ready.wait(timeout=60), "".join(lines)

    os.killpg(worker.pid, signal.SIGTERM)
    started = time.monotonic()
    reader.join(timeout=KILL_WAIT)
    stopped = not reader.is_alive()
    if not stopped:
        os.killpg(worker.pid, signal.SIGKILL)
    print(f"the worker stopped {time.monotonic() - started:.1f} s after SIGTERM")

    assert stopped, "".join(lines)
    assert "worker: Warm shutdown" in "".join(lines)
