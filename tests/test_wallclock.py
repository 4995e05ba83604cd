"""When reminders fire: wall-clock slots to UTC, across real DST changes. No database, no clock."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from couplespace.wallclock import (
    Slot,
    exists,
    first_slot_after,
    first_slot_not_reminded,
    local_in_window,
    monthly_on,
    next_daily,
    next_monthly,
    next_once,
    next_weekly,
    once_at,
    parse_local,
    to_utc,
    weekly_on,
)

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
SHANGHAI = ZoneInfo("Asia/Shanghai")

CHECKPOINTS = {"times": ["08:00", "13:00", "21:00"]}


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text)


def all_slots(rule, zone, after, count):
    slots, slot = [], next_daily(rule, zone, local(after))
    while slot and len(slots) < count:
        slots.append(slot)
        slot = next_daily(rule, zone, slot.local)
    return slots


@pytest.mark.parametrize(
    ("zone", "wall_clock", "fires_at"),
    [
        (NEW_YORK, "2026-03-07 08:00", "2026-03-07 13:00"),  # EST, UTC-5
        (NEW_YORK, "2026-03-09 08:00", "2026-03-09 12:00"),  # EDT, UTC-4
        (LONDON, "2026-03-28 21:00", "2026-03-28 21:00"),  # GMT
        (LONDON, "2026-03-30 21:00", "2026-03-30 20:00"),  # BST
        (LORD_HOWE, "2026-10-03 08:00", "2026-10-02 21:30"),  # UTC+10:30
        (LORD_HOWE, "2026-10-05 08:00", "2026-10-04 21:00"),  # UTC+11
        (SHANGHAI, "2026-03-08 08:00", "2026-03-08 00:00"),  # UTC+8 all year
        (SHANGHAI, "2026-11-01 21:00", "2026-11-01 13:00"),
    ],
)
def test_it_fires_at_the_wall_clock_time_on_either_side_of_a_change(zone, wall_clock, fires_at):
    assert to_utc(local(wall_clock), zone) == utc(fires_at)


@pytest.mark.parametrize(
    ("zone", "in_the_gap", "first_valid"),
    [
        # New York springs forward at 02:00 to 03:00.
        (NEW_YORK, "2026-03-08 02:30", "2026-03-08 07:00"),
        (NEW_YORK, "2026-03-08 02:00", "2026-03-08 07:00"),
        # London springs forward at 01:00 to 02:00.
        (LONDON, "2026-03-29 01:15", "2026-03-29 01:00"),
        # Lord Howe springs forward by only 30 minutes, 02:00 to 02:30.
        (LORD_HOWE, "2026-10-04 02:15", "2026-10-03 15:30"),
    ],
)
def test_a_slot_in_the_spring_forward_gap_fires_at_the_first_valid_time_after_it(
    zone, in_the_gap, first_valid
):
    assert exists(local(in_the_gap), zone) is False
    assert to_utc(local(in_the_gap), zone) == utc(first_valid)
    assert utc(first_valid).astimezone(zone).replace(tzinfo=None) > local(in_the_gap)


@pytest.mark.parametrize(
    ("zone", "in_the_fold", "first_time"),
    [
        (NEW_YORK, "2026-11-01 01:30", "2026-11-01 05:30"),  # 01:30 EDT, not 01:30 EST
        (LONDON, "2026-10-25 01:30", "2026-10-25 00:30"),  # 01:30 BST, not 01:30 GMT
        (LORD_HOWE, "2026-04-05 01:45", "2026-04-04 14:45"),  # +11, not +10:30
    ],
)
def test_a_slot_in_the_fall_back_fold_fires_at_its_first_occurrence(zone, in_the_fold, first_time):
    assert exists(local(in_the_fold), zone) is True
    assert to_utc(local(in_the_fold), zone) == utc(first_time)


def test_a_slot_in_the_fold_fires_once_not_twice():
    rule = {"times": ["01:30"]}

    slots = all_slots(rule, NEW_YORK, "2026-10-31 12:00", 3)

    assert [slot.due_at for slot in slots] == [
        utc("2026-11-01 05:30"),  # Sunday 01:30, the first time round
        utc("2026-11-02 06:30"),  # Monday 01:30 EST
        utc("2026-11-03 06:30"),
    ]


def test_two_times_in_one_gap_are_one_slot_at_the_end_of_the_gap():
    rule = {"times": ["02:15", "02:45", "08:00"]}

    slots = all_slots(rule, NEW_YORK, "2026-03-08 00:00", 3)

    assert [slot.key for slot in slots] == [
        "2026-03-08T02:15",
        "2026-03-08T08:00",
        "2026-03-09T02:15",
    ]
    assert [slot.due_at for slot in slots] == [
        utc("2026-03-08 07:00"),
        utc("2026-03-08 12:00"),
        utc("2026-03-09 06:15"),
    ]


def test_it_gives_the_three_daily_checkpoints_in_order_across_the_london_change():
    slots = all_slots(CHECKPOINTS, LONDON, "2026-03-28 12:00", 6)

    assert [(slot.key, slot.due_at) for slot in slots] == [
        ("2026-03-28T13:00", utc("2026-03-28 13:00")),
        ("2026-03-28T21:00", utc("2026-03-28 21:00")),
        ("2026-03-29T08:00", utc("2026-03-29 07:00")),
        ("2026-03-29T13:00", utc("2026-03-29 12:00")),
        ("2026-03-29T21:00", utc("2026-03-29 20:00")),
        ("2026-03-30T08:00", utc("2026-03-30 07:00")),
    ]


def test_it_keeps_to_the_days_of_the_rule():
    rule = {**CHECKPOINTS, "from": "2026-05-04", "until": "2026-05-05"}

    slots = all_slots(rule, SHANGHAI, "2026-05-01 12:00", 10)

    assert [slot.key for slot in slots] == [
        "2026-05-04T08:00",
        "2026-05-04T13:00",
        "2026-05-04T21:00",
        "2026-05-05T08:00",
        "2026-05-05T13:00",
        "2026-05-05T21:00",
    ]


def test_a_rule_without_times_plans_nothing():
    assert next_daily({"times": []}, LONDON, local("2026-05-01 12:00")) is None


def test_the_first_slot_after_an_instant_is_the_next_one_to_fire():
    slot = first_slot_after(next_daily, CHECKPOINTS, NEW_YORK, utc("2026-03-09 12:00"))

    assert slot == Slot(local=local("2026-03-09 13:00"), due_at=utc("2026-03-09 17:00"))


def test_the_first_slot_after_an_instant_in_the_fold_skips_what_already_fired():
    rule = {"times": ["01:30", "08:00"]}
    second_one_fifteen = utc("2026-11-01 06:15")  # 01:15 EST, after 01:30 EDT fired

    slot = first_slot_after(next_daily, rule, NEW_YORK, second_one_fifteen)

    assert slot.key == "2026-11-01T08:00"


@pytest.mark.parametrize(
    ("moment", "quiet"),
    [("21:59", False), ("22:00", True), ("03:00", True), ("06:59", True), ("07:00", False)],
)
def test_quiet_hours_can_span_midnight(moment, quiet):
    assert local_in_window(time.fromisoformat(moment), time(22), time(7)) is quiet


def test_quiet_hours_within_a_day_and_unset():
    assert local_in_window(time(13), time(12), time(14)) is True
    assert local_in_window(time(15), time(12), time(14)) is False
    assert local_in_window(time(13), None, None) is False


def test_a_one_off_slot_fires_once_at_its_instant_read_on_the_persons_clock():
    london = ZoneInfo("Europe/London")
    rule = {"instant": "2026-07-01T13:05:10Z"}

    slot = next_once(rule, london, datetime(2026, 7, 1, 14, 0))

    assert slot == Slot(
        datetime(2026, 7, 1, 14, 5, 10), datetime(2026, 7, 1, 13, 5, 10, tzinfo=UTC)
    )
    assert slot.key == "2026-07-01T14:05:10"
    assert next_once(rule, london, parse_local(slot.key)) is None


def test_a_one_off_written_by_an_older_release_in_wall_clock_time_is_still_read():
    london = ZoneInfo("Europe/London")
    rule = {"at": "2026-07-01T14:05"}

    slot = next_once(rule, london, datetime(2026, 7, 1, 14, 0))

    assert slot == Slot(datetime(2026, 7, 1, 14, 5), datetime(2026, 7, 1, 13, 5, tzinfo=UTC))
    assert next_once(rule, london, slot.local) is None


def test_a_one_off_rule_is_its_instant_to_the_second_never_before_it():
    whole = datetime(2026, 7, 1, 13, 4, 0, tzinfo=UTC)
    assert once_at(whole) == {"instant": "2026-07-01T13:04:00Z"}
    assert once_at(datetime(2026, 7, 1, 13, 4, 0, 1, tzinfo=UTC)) == {
        "instant": "2026-07-01T13:04:01Z"
    }
    shanghai = datetime(2026, 7, 1, 21, 4, 59, 500000, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert once_at(shanghai) == {"instant": "2026-07-01T13:05:00Z"}


def test_a_monthly_slot_comes_back_each_month_across_the_year_end():
    new_york = ZoneInfo("America/New_York")
    rule = {"day": 15, "time": "19:00"}

    first = next_monthly(rule, new_york, datetime(2026, 12, 15, 19, 0))
    second = next_monthly(rule, new_york, first.local)

    assert first.local == datetime(2027, 1, 15, 19, 0)
    assert first.due_at == datetime(2027, 1, 16, 0, 0, tzinfo=UTC)
    assert second.local == datetime(2027, 2, 15, 19, 0)


def test_a_monthly_rule_waits_for_its_first_date_then_keeps_its_day():
    rule = {"day": 28, "time": "19:00", "from": "2026-03-30"}

    first = next_monthly(rule, LONDON, datetime(2026, 2, 1, 9, 0))
    second = next_monthly(rule, LONDON, first.local)

    assert first.local == datetime(2026, 4, 28, 19, 0)  # March 28 is before the first date
    assert first.due_at == datetime(2026, 4, 28, 18, 0, tzinfo=UTC)  # summer time in London
    assert second.local == datetime(2026, 5, 28, 19, 0)


def test_a_monthly_rule_can_fall_on_its_first_date():
    rule = {"day": 28, "time": "19:00", "from": "2026-03-28"}

    slot = next_monthly(rule, NEW_YORK, datetime(2026, 3, 1, 9, 0))

    assert slot.local == datetime(2026, 3, 28, 19, 0)
    assert slot.due_at == datetime(2026, 3, 28, 23, 0, tzinfo=UTC)  # after New York's DST start


WEEKLY = {"weekday": 0, "time": "19:00", "from": "2026-03-30"}


def test_a_weekly_rule_waits_for_its_first_date():
    slot = next_weekly(WEEKLY, LONDON, datetime(2026, 3, 2, 9, 0))

    assert slot.local == datetime(2026, 3, 30, 19, 0)
    assert slot.due_at == datetime(2026, 3, 30, 18, 0, tzinfo=UTC)


def test_a_weekly_rule_comes_back_on_the_same_weekday():
    first = next_weekly(WEEKLY, LONDON, datetime(2026, 3, 30, 19, 0))
    second = next_weekly(WEEKLY, LONDON, first.local)

    assert (first.local, second.local) == (
        datetime(2026, 4, 6, 19, 0),
        datetime(2026, 4, 13, 19, 0),
    )


def test_a_weekly_rule_later_on_the_same_day_fires_that_day():
    rule = {"weekday": 2, "time": "20:30"}

    assert next_weekly(rule, SHANGHAI, datetime(2026, 3, 4, 8, 0)).local == datetime(
        2026, 3, 4, 20, 30
    )


def test_a_weekly_rule_without_a_day_or_time_plans_nothing():
    assert next_weekly({"time": "19:00"}, LONDON, datetime(2026, 3, 2, 9, 0)) is None
    assert next_weekly({"weekday": 1}, LONDON, datetime(2026, 3, 2, 9, 0)) is None


def test_a_monthly_rule_from_the_31st_comes_on_the_28th_of_every_month_in_the_evening():
    rule = monthly_on(date(2026, 1, 31))

    assert rule == {"day": 28, "time": "19:00"}
    assert next_monthly(rule, LONDON, datetime(2026, 2, 1)).local == datetime(2026, 2, 28, 19)


def test_a_weekly_rule_comes_on_the_same_weekday_in_the_evening():
    rule = weekly_on(date(2026, 3, 8))  # a Sunday

    assert rule == {"weekday": 6, "time": "19:00"}
    assert next_weekly(rule, LONDON, datetime(2026, 3, 9)).local == datetime(2026, 3, 15, 19)


def test_a_changed_rule_skips_the_slots_of_the_day_already_reminded():
    rule = {"times": ["08:00", "13:00", "22:00"]}
    reminded = datetime(2026, 6, 1, 21, 0)  # the third slot of 1 June, under 08:00/13:00/21:00

    slot = first_slot_not_reminded(
        next_daily, rule, LONDON, utc("2026-06-01 20:05"), reminded=reminded, reminded_count=3
    )

    assert slot.local == datetime(2026, 6, 2, 8, 0)


def test_a_changed_rule_keeps_the_slots_of_the_day_not_reminded_yet():
    rule = {"times": ["08:00", "14:00", "21:00"]}
    reminded = datetime(2026, 6, 1, 8, 0)  # the first slot of the day

    slot = first_slot_not_reminded(
        next_daily, rule, LONDON, utc("2026-06-01 10:00"), reminded=reminded, reminded_count=1
    )

    assert slot.local == datetime(2026, 6, 1, 14, 0)
