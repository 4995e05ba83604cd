"""What day of the program is it for a person? Plain functions of dates and content.

Day 1 is the start date. Days the person misses still count, so the way forward never waits
on what was not done; days the program is paused do not count, so a pause freezes the day.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta


def day_number(
    *, start: date, today: date, paused_on: date | None = None, paused_days: int = 0
) -> int:
    """The program day on `today`: 1 on the start date, 0 or less before it."""
    until = paused_on or today
    return (until - start).days + 1 - paused_days


def has_started(day: int) -> bool:
    """Whether the program has begun: nothing is written before day 1, and the pages say when
    it opens instead."""
    return day >= 1


def date_of_day(*, start: date, day: int, paused_days: int = 0) -> date:
    """The calendar date a coming day falls on, if the program is not paused again."""
    return start + timedelta(days=day - 1 + paused_days)


@dataclass(frozen=True)
class PhaseDay:
    number: int  # 1-based position of the phase
    phase: dict
    day: int


def in_phase(phase: dict, day: int) -> bool:
    """Whether a program day falls in a phase's days (the last phase may have no last day)."""
    first, last = phase["days"]
    return first <= day and (last is None or day <= last)


def phase_of(phases: list[dict], day: int) -> PhaseDay | None:
    """The phase a program day belongs to; None before day 1."""
    for number, phase in enumerate(phases, start=1):
        if in_phase(phase, day):
            return PhaseDay(number=number, phase=phase, day=day)
    return None


def checkpoint_phase(phases: list[dict]) -> dict | None:
    return next((phase for phase in phases if "checkpoints" in phase), None)


def checkpoint_dates(
    *,
    phases: list[dict],
    start: date,
    today: date,
    paused_days: int,
    keep_after: bool,
) -> tuple[date, date | None] | None:
    """The dates checkpoint reminders run (first, last; last None: for good), or None.

    They run on the days of the checkpoint phase from today on, or from today on for good if
    the person keeps them after that phase.
    """
    phase = checkpoint_phase(phases)
    if phase is None:
        return None
    first_day, last_day = phase["days"]
    first = max(today, date_of_day(start=start, day=first_day, paused_days=paused_days))
    if keep_after:
        return first, None
    last = date_of_day(start=start, day=last_day, paused_days=paused_days)
    if last < first:
        return None
    return first, last


# A check-in kept on a device while offline is sent later; it counts for the day it was written.
KEPT_DAYS = 7


def written_on(kept_at: str, *, zone, today: date) -> date:
    """The person's local date when a kept check-in was written, from the time its device kept
    it (milliseconds since 1970, UTC); today for anything else: no time, junk, a time ahead of
    today, or one more than a week back (a device clock that is wrong)."""
    if not (kept_at.isascii() and kept_at.isdigit()) or len(kept_at) > 13:
        return today
    written = datetime.fromtimestamp(int(kept_at) / 1000, tz=UTC).astimezone(zone).date()
    return written if today - timedelta(days=KEPT_DAYS) <= written <= today else today
