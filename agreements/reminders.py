"""The agreement's reminder kinds, each declared once, and what they say: generic words, never
what was written. The signal, its answer, a pause's start and return, a dialogue turn and a
proposed version are told to the partner at once (`couplespace.tasks.notify_now`); the end of a
pause and the monthly review are planned."""

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
SIGNAL_ANSWERED = ReminderKind(
    name="signal_answered",
    label=_("Your partner’s answer to your signal"),
    next_slot=next_once,
    message=Words(
        _("Your partner is here"),
        _("They answered your signal: “I’m here”."),
        page="agreements:index",
    ),
)
PAUSE_STARTED = ReminderKind(
    name="pause_started",
    label=_("Your partner takes a pause"),
    next_slot=next_once,
    message=Words(
        _("Your partner is taking a pause"),
        _("As you agreed, give them time. Open CoupleSpace to see until when."),
        page="agreements:index",
    ),
)
PAUSE_ENDED = ReminderKind(
    name="pause_ended",
    label=_("Your partner is back from a pause"),
    next_slot=next_once,
    message=Words(
        _("Your partner is back"),
        _("They have come back from their pause, ready to return to the conversation."),
        page="agreements:index",
    ),
)
VERSION_PROPOSED = ReminderKind(
    name="version_proposed",
    label=_("A new version of your agreement"),
    next_slot=next_once,
    message=Words(
        _("Your partner proposed a version of your agreement"),
        _("Read it together: accept it, or propose your changes."),
        page="agreements:index",
    ),
    stale_after=timedelta(days=1),
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
    SIGNAL_ANSWERED,
    PAUSE_STARTED,
    PAUSE_ENDED,
    PAUSE_END_REMINDER,
    VERSION_PROPOSED,
    AGREEMENT_REVIEW_REMINDER,
    DIALOGUE_TURN_REMINDER,
]
