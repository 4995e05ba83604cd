"""The program's reminder kinds, each declared once; the program plans them with
`schedule_reminder(kind=CHECKPOINT_REMINDER, …)`. Generic words only: a partner may see the
lock screen or the inbox."""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from couplespace.notify import Message
from couplespace.reminders import ReminderKind
from couplespace.wallclock import next_daily, next_monthly, next_weekly


def checkpoint_message(local: datetime) -> Message:
    """The check-in reminder names the time of day of its slot."""
    if local.hour < 12:
        title = _("Time for your morning check-in")
    elif local.hour < 17:
        title = _("Time for your midday check-in")
    else:
        title = _("Time for your evening check-in")
    body = _(
        "Take a minute to note how secure you feel right now. It stays private unless you share it."
    )
    return Message(title=title, body=body, url=reverse("programs:checkpoint"))


CHECKPOINT_REMINDER = ReminderKind(
    name="checkpoint",
    label=_("Check-in reminders"),
    next_slot=next_daily,
    message_at=checkpoint_message,
    stale_after=timedelta(hours=1),
)


def weekly_check_in_message() -> Message:
    return Message(
        title=_("Time for your weekly check-in"),
        body=_("One number from 1 to 10, and a few words about what shaped your week."),
        url=reverse("programs:weekly"),
    )


def monthly_review_message() -> Message:
    return Message(
        title=_("Time for your monthly review"),
        body=_("An hour with the review agenda: what works, what to adjust, what to keep."),
        url=reverse("programs:weekly") + "#review-heading",
    )


def morning_message() -> Message:
    return Message(
        title=_("Good morning: a minute of connection"),
        body=_("Before the phone and the day take over, take a minute to connect."),
        url=reverse("programs:rituals"),
    )


def evening_message() -> Message:
    return Message(
        title=_("Time for your evening debrief"),
        body=_("One high and one low of today, listened to without fixing."),
        url=reverse("programs:rituals"),
    )


WEEKLY_CHECK_IN_REMINDER = ReminderKind(
    name="weekly_check_in",  # also in migration 0003, which plans it
    label=_("Weekly check-in"),
    next_slot=next_weekly,
    message=weekly_check_in_message,
    stale_after=timedelta(hours=12),
)
MONTHLY_REVIEW_REMINDER = ReminderKind(
    name="monthly_review",  # also in migration 0006, which plans it
    label=_("Monthly review"),
    next_slot=next_monthly,
    message=monthly_review_message,
    stale_after=timedelta(hours=12),
)
MORNING_CONNECTION_REMINDER = ReminderKind(
    name="morning_connection",
    label=_("Morning connection"),
    next_slot=next_daily,
    message=morning_message,
    stale_after=timedelta(hours=1),
)
EVENING_DEBRIEF_REMINDER = ReminderKind(
    name="evening_debrief",
    label=_("Evening debrief"),
    next_slot=next_daily,
    message=evening_message,
    stale_after=timedelta(hours=1),
)
KINDS = [
    CHECKPOINT_REMINDER,
    WEEKLY_CHECK_IN_REMINDER,
    MONTHLY_REVIEW_REMINDER,
    MORNING_CONNECTION_REMINDER,
    EVENING_DEBRIEF_REMINDER,
]
