"""Exactly once under real concurrency: dispatchers and senders racing on real PostgreSQL.

These need row locks and SKIP LOCKED, so they run only against PostgreSQL (DATABASE_URL).
"""

import threading
from datetime import timedelta
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, connections, transaction
from django.utils import timezone

from couplespace import reminders
from couplespace.models import Delivery, Notification, Reminder, User
from couplespace.wallclock import format_local
from tests.reminders import PING

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks and SKIP LOCKED; set DATABASE_URL to run",
    ),
]

PEOPLE = 300


@pytest.fixture(autouse=True)
def ping_kind():
    reminders.register(PING)
    yield
    reminders.KINDS.pop(PING.name)


@pytest.fixture
def due_reminders():
    """PEOPLE people in London, each with a ping that fell due a minute ago."""
    people = User.objects.bulk_create(
        [User(email=f"person{n}@example.com", timezone="Europe/London") for n in range(PEOPLE)]
    )
    due = timezone.now() - timedelta(minutes=1)
    slot = format_local(due.astimezone(people[0].zone).replace(tzinfo=None))
    Reminder.objects.bulk_create(
        [
            Reminder(
                person=person,
                kind="ping",
                rule={"times": [slot[11:]]},
                next_due_at=due,
                next_slot=slot,
            )
            for person in people
        ]
    )
    return people


def in_threads(*targets):
    """Run each target in its own thread with its own connection, all starting together."""
    start = threading.Barrier(len(targets))
    errors = []

    def run(target):
        try:
            start.wait()
            target()
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


def test_two_dispatchers_racing_over_the_same_due_rows_send_each_slot_once(due_reminders):
    enqueued: list[int] = []

    def dispatcher():
        def send_now(ids):
            enqueued.extend(ids)
            reminders.deliver_all(ids)

        reminders.dispatch_due(enqueue=send_now, batch_size=25)

    in_threads(dispatcher, dispatcher)

    assert Delivery.objects.count() == PEOPLE
    assert sorted(enqueued) == sorted(Delivery.objects.values_list("id", flat=True))
    assert Notification.objects.count() == PEOPLE
    assert len(mail.outbox) == PEOPLE
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        person.email for person in due_reminders
    )


def test_two_senders_holding_the_same_ids_send_each_once(due_reminders):
    reminders.dispatch_due(enqueue=lambda ids: None)
    ids = list(Delivery.objects.values_list("id", flat=True))

    in_threads(lambda: reminders.deliver_all(ids), lambda: reminders.deliver_all(ids[::-1]))

    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}
    assert Notification.objects.count() == PEOPLE
    assert len(mail.outbox) == PEOPLE


def test_a_dispatcher_skips_rows_another_holds_and_takes_them_on_the_next_run(due_reminders):
    held = threading.Event()
    release = threading.Event()

    def other_dispatcher_mid_batch():
        with transaction.atomic():
            list(
                Reminder.objects.select_for_update()
                .filter(person__in=due_reminders[:100])
                .values_list("id", flat=True)
            )
            held.set()
            release.wait(timeout=30)

    thread = threading.Thread(
        target=lambda: (other_dispatcher_mid_batch(), connections.close_all())
    )
    thread.start()
    held.wait(timeout=30)
    try:
        first_run = reminders.dispatch_due(enqueue=lambda ids: None)
    finally:
        release.set()
        thread.join(timeout=30)
    second_run = reminders.dispatch_due(enqueue=lambda ids: None)

    assert (first_run, second_run) == (PEOPLE - 100, 100)
    assert Delivery.objects.count() == PEOPLE


def test_a_send_that_crashes_is_retried_by_racing_workers_without_a_duplicate(due_reminders):
    send = EmailBackend.send_messages
    crashed = threading.Event()

    def crash_once(backend, messages):
        if not crashed.is_set():
            crashed.set()
            raise SMTPServerDisconnected("the mail server went away mid-send")
        return send(backend, messages)

    reminders.dispatch_due(enqueue=lambda ids: None)
    ids = list(Delivery.objects.order_by("id").values_list("id", flat=True))

    with mock.patch.object(EmailBackend, "send_messages", crash_once):
        reminders.deliver_all(ids[:1])
        assert Delivery.objects.get(pk=ids[0]).attempts == 1
        Delivery.objects.filter(pk=ids[0]).update(
            enqueued_at=timezone.now() - reminders.RETRY_AFTER
        )
        retried: list[int] = []

        def worker():
            reminders.retry_pending(enqueue=retried.extend)
            reminders.deliver_all(ids)

        in_threads(worker, worker)

    assert retried == [ids[0]]
    assert Notification.objects.count() == PEOPLE
    assert len(mail.outbox) == PEOPLE
    assert Delivery.objects.get(pk=ids[0]).status == Delivery.Status.SENT
