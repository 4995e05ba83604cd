"""The agreement's reminder kinds, each declared once, and what they say: generic words, never
what was written."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from couplespace.reminders import ReminderKind, Words
from couplespace.wallclock import next_monthly, next_once

SIGNAL_REMINDER = ReminderKind(
    name="signal",
    label=_("Signals from your partner"),
    next_slot=next_once,
    message=Words(
        _("Your partner sent your agreed signal"),
        _("They would like you with them. Open CoupleSpace to answer “I’m here”."),
        page="agreements:index",
    ),
    stale_after=timedelta(hours=2),
)
PAUSE_END_REMINDER = ReminderKind(
    name="pause_end",
    label=_("The end of a pause"),
    next_slot=next_once,
    message=Words(
        _("The pause is over"),
        _("As you agreed, now is the time to come back to the conversation."),
        page="agreements:index",
    ),
    stale_after=timedelta(minutes=30),
)
AGREEMENT_REVIEW_REMINDER = ReminderKind(
    name="agreement_review",  # also in migration 0005, which stops it for archived agreements
    label=_("Monthly agreement review"),
    next_slot=next_monthly,
    message=Words(
        _("Time for your monthly agreement review"),
        _("Read your agreement together: what works, and what would you change?"),
        page="agreements:index",
    ),
    stale_after=timedelta(hours=12),
)
DIALOGUE_TURN_REMINDER = ReminderKind(
    name="dialogue_turn",
    label=_("Your turn in the needs dialogue"),
    next_slot=next_once,
    message=Words(
        _("It’s your turn in the needs dialogue"),
        _("Your partner has written their part. Open CoupleSpace when you have a quiet moment."),
        page="agreements:dialogue_index",
    ),
    stale_after=timedelta(days=1),
)
KINDS = [
    SIGNAL_REMINDER,
    PAUSE_END_REMINDER,
    AGREEMENT_REVIEW_REMINDER,
    DIALOGUE_TURN_REMINDER,
]
