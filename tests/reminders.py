"""Helpers for reminder tests: a plain daily kind, and running the dispatcher as beat would."""

import contextlib

import time_machine
from django.core import mail
from django.test import TestCase
from django.utils.translation import gettext_lazy as _

from couplespace import reminders
from couplespace.models import Delivery
from couplespace.notify import message_id
from couplespace.reminders import ReminderKind, Words
from couplespace.tasks import send_reminders
from couplespace.wallclock import next_daily

PING = ReminderKind(
    name="ping",
    label=_("Ping"),
    next_slot=next_daily,
    message=Words("Time for a ping", "A generic nudge.", page="workspace"),
)


def emails_of(kind: str) -> list:
    """The emails sent of a kind: each names its delivery in its Message-ID, never its kind in
    words (every reminder email reads the same)."""
    ids = {message_id(delivery) for delivery in Delivery.objects.filter(kind=kind)}
    return [message for message in mail.outbox if message.extra_headers.get("Message-ID") in ids]


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
