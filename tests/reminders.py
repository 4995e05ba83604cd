"""Helpers for reminder tests: a plain daily kind, and running the dispatcher as beat would."""

import contextlib

import time_machine
from django.test import TestCase
from django.utils.translation import gettext_lazy as _

from couplespace import reminders
from couplespace.reminders import ReminderKind, Words
from couplespace.tasks import send_reminders
from couplespace.wallclock import next_daily

PING = ReminderKind(
    name="ping",
    label=_("Ping"),
    next_slot=next_daily,
    message=Words("Time for a ping", "A generic nudge.", page="workspace"),
)


def dispatch(now=None, **options):
    """One beat tick at `now`: claim due reminders, record them, run the sends they enqueue."""
    with _at(now), TestCase.captureOnCommitCallbacks(execute=True):
        return reminders.dispatch_due(enqueue=send_reminders.delay, **options)


def catch_up(now=None, **options):
    """The other half of a beat tick at `now`: enqueue again what was lost."""
    with _at(now), TestCase.captureOnCommitCallbacks(execute=True):
        return reminders.retry_pending(enqueue=send_reminders.delay, **options)


def _at(now):
    return time_machine.travel(now, tick=False) if now else contextlib.nullcontext()
