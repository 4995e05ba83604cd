"""Dispatch: 100,000 people with a due check-in reminder, claimed, recorded and enqueued.

Compared with a bare bulk insert of the same number of delivery rows on the same database in
the same run. Meant for PostgreSQL (DATABASE_URL); enqueues to the Redis in REDIS_URL when set
(purged afterwards), otherwise to Celery's in-memory broker.
"""

import os
import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from couplespace import reminders
from couplespace.celery import app
from couplespace.models import Delivery, Reminder, User
from couplespace.tasks import send_reminders
from tests.perf.conftest import bench

PEOPLE = int(os.environ.get("BENCH_PEOPLE", "100000"))


@pytest.fixture
def broker():
    """Really enqueue (not run eagerly), and leave no message behind."""
    eager, url = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    if not os.environ.get("REDIS_URL"):
        app.conf.broker_url = "memory://"
    yield
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge(app.conf.task_default_queue)
    app.conf.task_always_eager, app.conf.broker_url = eager, url


@pytest.fixture
def due_people(transactional_db):
    people = User.objects.bulk_create(
        [User(email=f"bench{n}@example.com", timezone="Europe/London") for n in range(PEOPLE)],
        batch_size=5000,
    )
    due = timezone.now() - timedelta(minutes=1)
    local = due.astimezone(people[0].zone)
    Reminder.objects.bulk_create(
        [
            Reminder(
                person=person,
                kind="checkpoint",
                rule={"times": [local.strftime("%H:%M")], "from": None, "until": None},
                next_due_at=due,
                next_slot=local.strftime("%Y-%m-%dT%H:%M"),
            )
            for person in people
        ],
        batch_size=5000,
    )
    return people


def test_dispatch_throughput_against_a_bare_bulk_insert(due_people, broker, database_vendor):
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        Delivery.objects.bulk_create(
            [
                Delivery(person=person, kind="baseline", slot="2026-01-01T08:00", due_at=now)
                for person in due_people
            ],
            batch_size=1000,
        )
    insert_seconds = time.perf_counter() - started

    messages = []

    def enqueue(ids):
        messages.append(len(ids))
        send_reminders.delay(ids)

    started = time.perf_counter()
    claimed = reminders.dispatch_due(enqueue=enqueue)
    dispatch_seconds = time.perf_counter() - started

    assert claimed == PEOPLE
    assert Delivery.objects.filter(kind="checkpoint").count() == PEOPLE
    assert sum(messages) == PEOPLE
    assert not Reminder.objects.filter(next_due_at__lte=now).exists()
    print(f"\n{PEOPLE} reminders on {database_vendor}, {len(messages)} messages enqueued")
    bench("bulk_insert_deliveries_per_s", PEOPLE / insert_seconds, "rows/s")
    bench("dispatch_reminders_per_s", PEOPLE / dispatch_seconds, "reminders/s")
    bench("dispatch_vs_insert_ratio", dispatch_seconds / insert_seconds, "x")
