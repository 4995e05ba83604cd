"""The agreement's reminder kinds, each declared once, and what they say: generic words, never
what was written."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from couplespace.notify import Message
from couplespace.reminders import ReminderKind
from couplespace.wallclock import next_monthly, next_once


def signal_message() -> Message:
    return Message(
        title=_("Your partner sent your agreed signal"),
        body=_("They would like you with them. Open CoupleSpace to answer “I’m here”."),
        url=reverse("agreements:index"),
    )


def pause_end_message() -> Message:
    return Message(
        title=_("The pause is over"),
        body=_("As you agreed, now is the time to come back to the conversation."),
        url=reverse("agreements:index"),
    )


def review_message() -> Message:
    return Message(
        title=_("Time for your monthly agreement review"),
        body=_("Read your agreement together: what works, and what would you change?"),
        url=reverse("agreements:index"),
    )


def dialogue_turn_message() -> Message:
    return Message(
        title=_("It’s your turn in the needs dialogue"),
        body=_(
            "Your partner has written their part. Open CoupleSpace when you have a quiet moment."
        ),
        url=reverse("agreements:dialogue_index"),
    )


SIGNAL_REMINDER = ReminderKind(
    name="signal",
    label=_("Signals from your partner"),
    next_slot=next_once,
    message=signal_message,
    stale_after=timedelta(hours=2),
)
PAUSE_END_REMINDER = ReminderKind(
    name="pause_end",
    label=_("The end of a pause"),
    next_slot=next_once,
    message=pause_end_message,
    stale_after=timedelta(minutes=30),
)
AGREEMENT_REVIEW_REMINDER = ReminderKind(
    name="agreement_review",  # also in migration 0005, which stops it for archived agreements
    label=_("Monthly agreement review"),
    next_slot=next_monthly,
    message=review_message,
    stale_after=timedelta(hours=12),
)
DIALOGUE_TURN_REMINDER = ReminderKind(
    name="dialogue_turn",
    label=_("Your turn in the needs dialogue"),
    next_slot=next_once,
    message=dialogue_turn_message,
    stale_after=timedelta(days=1),
)
KINDS = [
    SIGNAL_REMINDER,
    PAUSE_END_REMINDER,
    AGREEMENT_REVIEW_REMINDER,
    DIALOGUE_TURN_REMINDER,
]
