"""One-off reminders (a pause's end, a therapist's step) are UTC instants: on time in a fold,
in a zone whose offset moves by 45 minutes or two hours, and after the person moved."""

from datetime import UTC, datetime, timedelta
from importlib import import_module

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.utils.translation import gettext_lazy as _

from couplespace import reminders
from couplespace.models import Delivery, Notification, Reminder
from couplespace.reminders import ReminderKind, Words, schedule_reminder
from couplespace.wallclock import next_once, once_at
from tests.conftest import make_person
from tests.reminders import dispatch

ONCE = ReminderKind(
    name="once",
    label=_("Once"),
    next_slot=next_once,
    message=Words("The moment has come", "A generic nudge.", page="workspace"),
    stale_after=timedelta(hours=2),
)


@pytest.fixture(autouse=True)
def once_kind():
    reminders.register(ONCE)
    yield ONCE
    reminders.KINDS.pop(ONCE.name)


def utc(text):
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def plan(person, instant, *, before=timedelta(minutes=10)):
    with time_machine.travel(instant - before, tick=False):
        return schedule_reminder(person=person, kind=ONCE, rule=once_at(instant), topic="t")


def run_beat(start, end):
    """Beat's dispatcher every 30 seconds from `start` to `end`; when each notice appeared."""
    moment = start.replace(second=start.second // 30 * 30)
    while moment <= end:
        dispatch(moment)
        moment += timedelta(seconds=30)
    return list(Notification.objects.values_list("created_at", flat=True))


# Each instant is in the repeated hour after the clocks went back, or in the last minute
# before they did (the old wall-clock rule missed the first and sent the second an hour, or
# two, late).
@pytest.mark.parametrize(
    ("zone", "instant"),
    [
        ("America/Los_Angeles", "2026-11-01 09:15:10"),  # 01:15:10 PST, the second 01:15
        ("America/Los_Angeles", "2026-11-01 08:59:30"),  # 01:59:30 PDT, just before the fold
        ("Antarctica/Troll", "2026-10-25 01:30:00"),  # 01:30 +00, two hours after 01:30 +02
        ("Antarctica/Troll", "2026-10-25 00:59:30"),  # 02:59:30 +02, before a 2-hour fold
        ("Pacific/Chatham", "2026-04-04 14:20:00"),  # 03:05 +12:45, the second 03:05
        ("Pacific/Chatham", "2026-04-04 13:59:30"),  # 03:44:30 +13:45, before the fold
    ],
)
def test_a_one_off_in_a_fold_fires_once_on_time(db, zone, instant):
    person = make_person("sam", timezone=zone)
    plan(person, utc(instant))

    appeared = run_beat(utc(instant) - timedelta(minutes=5), utc(instant) + timedelta(hours=3))

    assert len(appeared) == 1
    assert utc(instant) <= appeared[0] < utc(instant) + timedelta(seconds=30)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("moves_from", "moves_to"),
    [("America/Los_Angeles", "America/New_York"), ("America/New_York", "America/Los_Angeles")],
)
def test_a_pending_one_off_is_neither_lost_nor_late_after_a_move(db, moves_from, moves_to):
    person = make_person("alex", timezone=moves_from)
    ends = utc("2026-06-01 18:20:20")
    plan(person, ends)

    person.timezone = moves_to
    person.save()
    reminders.reschedule_person(person, now=ends - timedelta(minutes=5))
    appeared = run_beat(ends - timedelta(minutes=6), ends + timedelta(hours=4))

    assert len(appeared) == 1
    assert ends <= appeared[0] < ends + timedelta(seconds=30)


def test_a_move_while_a_one_off_is_due_and_not_yet_sent_does_not_lose_it(db):
    person = make_person("alex", timezone="America/New_York")
    ends = utc("2026-06-01 18:20:20")
    plan(person, ends)

    person.timezone = "America/Los_Angeles"
    person.save()
    reminders.reschedule_person(person, now=ends + timedelta(seconds=5))
    appeared = run_beat(utc("2026-06-01 18:20:30"), ends + timedelta(minutes=2))

    assert appeared == [utc("2026-06-01 18:20:30")]


def test_a_one_off_planned_in_another_zone_than_the_dispatcher_reads_is_sent_once(db):
    """Planned in Los Angeles, dispatched after a move east nobody re-planned: its instant
    reads as a later wall-clock time in New York, and is still the one slot."""
    person = make_person("alex", timezone="America/Los_Angeles")
    ends = utc("2026-06-01 18:20:20")
    plan(person, ends)
    person.timezone = "America/New_York"
    person.save()

    assert len(run_beat(ends, ends + timedelta(minutes=2))) == 1


def test_stored_wall_clock_one_offs_become_the_instants_they_were_planned_for(db):
    person = make_person("sam", timezone="America/Los_Angeles")
    planned = Reminder.objects.create(
        person=person,
        kind="once",
        topic="pause:1",
        rule={"at": "2026-11-01T01:16"},
        next_due_at=utc("2026-11-01 08:16"),
        next_slot="2026-11-01T01:16",
    )
    sent = Reminder.objects.create(
        person=person, kind="once", topic="pause:2", rule={"at": "2026-07-01T14:05"}
    )
    daily = Reminder.objects.create(person=person, kind="ping", rule={"times": ["21:00"]})
    migration = import_module("couplespace.migrations.0010_one_offs_as_instants")

    migration.to_instants(apps, None)

    for reminder in (planned, sent, daily):
        reminder.refresh_from_db()
    assert planned.rule == {"instant": "2026-11-01T08:16:00Z"}
    assert sent.rule == {"instant": "2026-07-01T21:05:00Z"}
    assert daily.rule == {"times": ["21:00"]}
    assert Delivery.objects.count() == 0


def test_a_one_off_for_this_very_second_is_planned_and_sent(db):
    person = make_person("sam", timezone="Pacific/Chatham")
    now = utc("2026-06-01 18:20:00")

    plan(person, now, before=timedelta(0))

    assert run_beat(now, now + timedelta(minutes=1)) == [now]
