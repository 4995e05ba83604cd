"""When does a person's next reminder fire? Plain functions of plain values: no database, no clock.

A reminder is planned in the person's wall-clock time ("21:00 where I live") and stored as the UTC
instant it fires. Two days a year that mapping is not one-to-one:

- clocks go forward (a gap): 02:30 does not exist; the reminder fires at the first moment that
  does, the end of the gap;
- clocks go back (a fold): 01:30 happens twice; the reminder fires once, at the first.

A slot is keyed by its wall-clock time, so a slot in the fold cannot fire twice and two slots
in the same gap stay two slots.
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
    return local.strftime("%Y-%m-%dT%H:%M")


def parse_local(key: str) -> datetime:
    return datetime.strptime(key, "%Y-%m-%dT%H:%M")


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
        for moment in times:
            local = datetime.combine(current, moment)
            if local > after:
                return Slot(local=local, due_at=to_utc(local, zone))
    return None


def next_once(rule: dict, zone: ZoneInfo, after: datetime) -> Slot | None:
    """A single slot, `{"at": "2026-03-02T13:05"}` in wall-clock time, if later than `after`."""
    if not rule.get("at"):
        return None
    local = parse_local(rule["at"])
    return Slot(local=local, due_at=to_utc(local, zone)) if local > after else None


def once_at(instant: datetime, zone: ZoneInfo) -> dict:
    """A one-slot rule for the first whole minute after a UTC instant, on the person's clock."""
    local = instant.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0)
    return {"at": format_local(local + timedelta(minutes=1))}


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


def local_in_window(moment: time, start: time | None, end: time | None) -> bool:
    """Whether a wall-clock time falls in a daily window such as quiet hours (22:00 to 07:00)."""
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end
