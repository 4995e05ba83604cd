"""When does a person's next reminder fire? Plain functions of plain values: no database, no clock.

A reminder is planned in the person's wall-clock time ("21:00 where I live") and stored as the UTC
instant it fires. Two days a year that mapping is not one-to-one:

- clocks go forward (a gap): 02:30 does not exist; the reminder fires at the first moment that
  does, the end of the gap;
- clocks go back (a fold): 01:30 happens twice; the reminder fires once, at the first.

A slot in the fold fires once; two times of a day inside one gap land on the same instant and
are one slot, sent once.

A one-off (a signal's alert, the end of a pause) is not a wall-clock rule but an instant:
`{"instant": "2026-11-01T09:15:10Z"}` fires at that instant whatever the person's zone, in a
fold, a gap or after they moved.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True, order=True)
class Slot:
    """One planned moment: the wall-clock time as the person chose it, and when it fires."""

    local: datetime  # naive: the person's own calendar and clock
    due_at: datetime  # aware, UTC

    @property
    def key(self) -> str:
        return format_local(self.local)


def format_local(local: datetime) -> str:
    """To the minute; a one-off's instant can fall between minutes, and keeps its seconds."""
    return local.strftime("%Y-%m-%dT%H:%M:%S" if local.second else "%Y-%m-%dT%H:%M")


def parse_local(key: str) -> datetime:
    return datetime.fromisoformat(key)


def exists(local: datetime, zone: ZoneInfo) -> bool:
    """False for a wall-clock time that the clocks skip over."""
    aware = local.replace(tzinfo=zone, fold=0)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == local


def to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    """The UTC instant a wall-clock time fires: the first of a fold, the end of a gap."""
    before = local.replace(tzinfo=zone, fold=0)
    if exists(local, zone):
        return before.astimezone(UTC)
    # In a gap, fold=1 reads the time with the offset after the change (an instant before the
    # change) and fold=0 with the offset before it (an instant after). The change lies between.
    low = local.replace(tzinfo=zone, fold=1).astimezone(UTC)
    high = before.astimezone(UTC)
    offset_after = local.replace(tzinfo=zone, fold=1).utcoffset()
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == offset_after:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


def parse_times(values: Iterable[str]) -> list[time]:
    return sorted(time.fromisoformat(value) for value in values)


def next_daily(rule: dict, zone: ZoneInfo, after: datetime) -> Slot | None:
    """The first slot later than the wall-clock time `after`, for a rule of daily times.

    The rule is plain data kept on the reminder row:
    `{"times": ["08:00", "21:00"], "from": "2026-03-01" or None, "until": ... or None}`,
    dates inclusive. None when the rule has no times or its last day has passed.
    """
    times = parse_times(rule.get("times", []))
    if not times:
        return None
    first = date.fromisoformat(rule["from"]) if rule.get("from") else None
    last = date.fromisoformat(rule["until"]) if rule.get("until") else None
    day = max(after.date(), first) if first else after.date()
    for offset in range(3):
        current = day + timedelta(days=offset)
        if last and current > last:
            return None
        for slot in _slots_of_day(times, current, zone):
            if slot.local > after:
                return slot
    return None


def _slots_of_day(times: list[time], day: date, zone: ZoneInfo) -> list[Slot]:
    """A day's slots; a time that lands on the same instant as the one before it (both in one
    gap) is not a slot of its own."""
    slots: list[Slot] = []
    for moment in times:
        local = datetime.combine(day, moment)
        due_at = to_utc(local, zone)
        if not slots or slots[-1].due_at != due_at:
            slots.append(Slot(local=local, due_at=due_at))
    return slots


def next_once(rule: dict, zone: ZoneInfo, after: datetime) -> Slot | None:
    """A one-off, `{"instant": "2026-11-01T09:15:10Z"}`: one slot at that UTC instant, if its
    wall-clock time in `zone` is later than `after`. Its `local` is only that reading of it.

    `{"at": "2026-03-02T13:05"}` in wall-clock time is the form an older release wrote (its
    rows are converted by migration 0009); it is still read, for one written during a deploy.
    """
    if rule.get("instant"):
        due_at = datetime.fromisoformat(rule["instant"]).astimezone(UTC)
        local = due_at.astimezone(zone).replace(tzinfo=None)
        return Slot(local=local, due_at=due_at) if local > after else None
    if not rule.get("at"):
        return None
    local = parse_local(rule["at"])
    return Slot(local=local, due_at=to_utc(local, zone)) if local > after else None


def once_at(instant: datetime) -> dict:
    """A one-off rule for a UTC instant, to the second, never before it."""
    whole = instant.astimezone(UTC).replace(microsecond=0)
    if whole < instant:
        whole += timedelta(seconds=1)
    return {"instant": whole.strftime("%Y-%m-%dT%H:%M:%SZ")}


def is_one_off(rule: dict) -> bool:
    return bool(rule.get("instant") or rule.get("at"))


def next_monthly(rule: dict, zone: ZoneInfo, after: datetime) -> Slot | None:
    """`{"day": 1 to 28, "time": "19:00", "from": "2026-03-30" or None}`: that day of every
    month, at that time, from the given date on (inclusive)."""
    day, moment = rule.get("day"), rule.get("time")
    if not day or not moment:
        return None
    hour_minute = time.fromisoformat(moment)
    first = date.fromisoformat(rule["from"]) if rule.get("from") else None
    year, month = after.year, after.month
    if first and (first.year, first.month) > (year, month):
        year, month = first.year, first.month
    for _ in range(2):
        local = datetime.combine(date(year, month, day), hour_minute)
        if local > after and (first is None or local.date() >= first):
            return Slot(local=local, due_at=to_utc(local, zone))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


# When the weekly and monthly reminders come, on the person's own clock (also in programs'
# migrations 0003 and 0006, which planned the first ones).
EVENING = "19:00"


def weekly_on(day: date, *, at: str = EVENING) -> dict:
    """A rule for `next_weekly`: every week on the weekday of `day`."""
    return {"weekday": day.weekday(), "time": at}


def monthly_on(day: date, *, at: str = EVENING) -> dict:
    """A rule for `next_monthly`: every month on the day of the month of `day`, the 28th at the
    latest (every month has one)."""
    return {"day": min(day.day, 28), "time": at}


def next_weekly(rule: dict, zone: ZoneInfo, after: datetime) -> Slot | None:
    """`{"weekday": 0 (Monday) to 6, "time": "19:00", "from": "2026-03-30" or None}`: that
    day of every week, at that time, from the given date on (inclusive)."""
    weekday, moment = rule.get("weekday"), rule.get("time")
    if weekday is None or not moment:
        return None
    hour_minute = time.fromisoformat(moment)
    day = after.date()
    if rule.get("from"):
        day = max(day, date.fromisoformat(rule["from"]))
    day += timedelta(days=(weekday - day.weekday()) % 7)
    for _ in range(2):
        local = datetime.combine(day, hour_minute)
        if local > after:
            return Slot(local=local, due_at=to_utc(local, zone))
        day += timedelta(days=7)
    return None


NextSlot = Callable[[dict, ZoneInfo, datetime], Slot | None]


def first_slot_after(
    next_slot: NextSlot, rule: dict, zone: ZoneInfo, instant: datetime
) -> Slot | None:
    """The first slot that fires later than the UTC `instant` (used when a rule changes).

    Starts a few wall-clock hours back, so a fold or a gap around `instant` cannot hide a slot.
    """
    local = instant.astimezone(zone).replace(tzinfo=None) - timedelta(hours=3)
    slot = next_slot(rule, zone, local)
    while slot is not None and slot.due_at <= instant:
        slot = next_slot(rule, zone, slot.local)
    return slot


def slots_before(next_slot: NextSlot, rule: dict, zone: ZoneInfo, local: datetime) -> int:
    """How many of a rule's slots fall on the day of `local`, before it."""
    count = 0
    slot = next_slot(rule, zone, datetime.combine(local.date(), time.min) - timedelta(seconds=1))
    while slot is not None and slot.local < local and slot.local.date() == local.date():
        count += 1
        slot = next_slot(rule, zone, slot.local)
    return count


def first_slot_not_reminded(
    next_slot: NextSlot,
    rule: dict,
    zone: ZoneInfo,
    instant: datetime,
    *,
    reminded: datetime | None = None,
    reminded_count: int = 0,
) -> Slot | None:
    """Like `first_slot_after`, for a rule that changed after the slot at wall-clock time
    `reminded` was sent, the `reminded_count`-th of its day: the new rule's first
    `reminded_count` slots of that day are not sent again. The evening check-in moved from
    21:00 to 22:00 after its 21:00 reminder went out is not reminded at 22:00 as well.
    """
    slot = first_slot_after(next_slot, rule, zone, instant)
    if reminded is None:
        return slot
    while (
        slot is not None
        and slot.local.date() == reminded.date()
        and slots_before(next_slot, rule, zone, slot.local) < reminded_count
    ):
        slot = next_slot(rule, zone, slot.local)
    return slot


def local_in_window(moment: time, start: time | None, end: time | None) -> bool:
    """Whether a wall-clock time falls in a daily window such as quiet hours (22:00 to 07:00)."""
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end
