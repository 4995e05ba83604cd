"""The program's reminder kinds, each declared once; the program plans them with
`schedule_reminder(kind=CHECKPOINT_REMINDER, …)`. Generic words only: a partner may see the
lock screen or the inbox."""

from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

from couplespace.notices import ByValues
from couplespace.reminders import ReminderKind, Words
from couplespace.wallclock import next_daily, next_monthly, next_weekly


def part_of_day(local: datetime) -> dict:
    """The check-in reminder names the part of the day of its slot."""
    if local.hour < 12:
        return {"part_of_day": "morning"}
    if local.hour < 17:
        return {"part_of_day": "midday"}
    return {"part_of_day": "evening"}


CHECK_IN_TITLES = {
    "morning": _("Time for your morning check-in"),
    "midday": _("Time for your midday check-in"),
    "evening": _("Time for your evening check-in"),
}


def checkpoint_words(values: dict) -> Words:
    return Words(
        CHECK_IN_TITLES[values["part_of_day"]],
        _(
            "Take a minute to note how secure you feel right now. It stays private unless you "
            "share it."
        ),
        page="programs:checkpoint",
    )


CHECKPOINT_REMINDER = ReminderKind(
    name="checkpoint",
    label=_("Check-in reminders"),
    next_slot=next_daily,
    message=ByValues(values_at=part_of_day, words=checkpoint_words),
    stale_after=timedelta(hours=1),
)


WEEKLY_CHECK_IN_REMINDER = ReminderKind(
    name="weekly_check_in",  # also in migration 0003, which plans it
    label=_("Weekly check-in"),
    next_slot=next_weekly,
    message=Words(
        _("Time for your weekly check-in"),
        _("One number from 1 to 10, and a few words about what shaped your week."),
        page="programs:weekly",
    ),
    stale_after=timedelta(hours=12),
)
MONTHLY_REVIEW_REMINDER = ReminderKind(
    name="monthly_review",  # also in migration 0006, which plans it
    label=_("Monthly review"),
    next_slot=next_monthly,
    message=Words(
        _("Time for your monthly review"),
        _("An hour with the review agenda: what works, what to adjust, what to keep."),
        page="programs:weekly",
        part="#review-heading",
    ),
    stale_after=timedelta(hours=12),
)
MORNING_CONNECTION_REMINDER = ReminderKind(
    name="morning_connection",
    label=_("Morning connection"),
    next_slot=next_daily,
    message=Words(
        _("Good morning: a minute of connection"),
        _("Before the phone and the day take over, take a minute to connect."),
        page="programs:rituals",
    ),
    stale_after=timedelta(hours=1),
)
EVENING_DEBRIEF_REMINDER = ReminderKind(
    name="evening_debrief",
    label=_("Evening debrief"),
    next_slot=next_daily,
    message=Words(
        _("Time for your evening debrief"),
        _("One high and one low of today, listened to without fixing."),
        page="programs:rituals",
    ),
    stale_after=timedelta(hours=1),
)
DAILY_STEP_REMINDER = ReminderKind(
    name="daily_step",
    label=_("Today’s step of your program"),
    next_slot=next_daily,
    message=Words(
        _("Today’s step is waiting"),
        _("A few minutes for today’s step of your program."),
        page="programs:choose",
    ),
    stale_after=timedelta(hours=3),
)
KINDS = [
    CHECKPOINT_REMINDER,
    DAILY_STEP_REMINDER,
    WEEKLY_CHECK_IN_REMINDER,
    MONTHLY_REVIEW_REMINDER,
    MORNING_CONNECTION_REMINDER,
    EVENING_DEBRIEF_REMINDER,
]
# The kinds an enrolment plans (`Enrollment.reminder_kinds`); the rituals are the person's own.
ENROLMENT_KINDS = [
    CHECKPOINT_REMINDER,
    DAILY_STEP_REMINDER,
    WEEKLY_CHECK_IN_REMINDER,
    MONTHLY_REVIEW_REMINDER,
]
