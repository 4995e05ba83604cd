"""What day and phase it is, and what a week of check-ins shows: plain functions, exact numbers."""

import json
from datetime import date
from decimal import Decimal

import pytest

from programs import program_days, week_figures
from programs.content import CONTENT_DIR
from programs.week_figures import Reading

PHASES = json.loads((CONTENT_DIR / "security-and-sexuality.json").read_text())["phases"]
START = date(2026, 3, 2)


def test_day_one_is_the_start_date():
    assert program_days.day_number(start=START, today=date(2026, 3, 2)) == 1
    assert program_days.day_number(start=START, today=date(2026, 3, 10)) == 9


def test_before_the_start_the_day_is_not_yet_one():
    assert program_days.day_number(start=START, today=date(2026, 3, 1)) == 0


def test_missed_days_still_count_so_nothing_blocks_the_way_forward():
    assert program_days.day_number(start=START, today=date(2026, 3, 31)) == 30


def test_a_pause_freezes_the_day_and_resuming_carries_on_from_it():
    paused = program_days.day_number(
        start=START, today=date(2026, 3, 20), paused_on=date(2026, 3, 6)
    )
    resumed = program_days.day_number(start=START, today=date(2026, 3, 20), paused_days=10)

    assert paused == 5
    assert resumed == 9


def test_each_day_belongs_to_one_phase():
    assert [
        program_days.phase_of(PHASES, day).number for day in (1, 7, 8, 14, 15, 22, 28, 29, 400)
    ] == [
        1,
        1,
        2,
        2,
        3,
        4,
        4,
        5,
        5,
    ]
    assert program_days.phase_of(PHASES, 0) is None


def test_checkpoint_reminders_run_through_the_first_week_from_today():
    dates = program_days.checkpoint_dates(
        phases=PHASES, start=START, today=date(2026, 3, 4), paused_days=0, keep_after=False
    )

    assert dates == (date(2026, 3, 4), date(2026, 3, 8))


def test_checkpoint_reminders_shift_by_the_days_paused():
    dates = program_days.checkpoint_dates(
        phases=PHASES, start=START, today=date(2026, 3, 10), paused_days=5, keep_after=False
    )

    assert dates == (date(2026, 3, 10), date(2026, 3, 13))


def test_after_the_first_week_reminders_stop_unless_the_person_keeps_them():
    after = {"phases": PHASES, "start": START, "today": date(2026, 3, 10), "paused_days": 0}

    assert program_days.checkpoint_dates(**after, keep_after=False) is None
    assert program_days.checkpoint_dates(**after, keep_after=True) == (date(2026, 3, 10), None)


def test_a_start_date_in_the_future_starts_the_reminders_then():
    dates = program_days.checkpoint_dates(
        phases=PHASES, start=START, today=date(2026, 2, 20), paused_days=0, keep_after=False
    )

    assert dates == (START, date(2026, 3, 8))


WEEK = [
    Reading(day=1, moment=0, temperature=6, body_responses=("tense",), behaviour="approach"),
    Reading(day=1, moment=2, temperature=3, body_responses=("gut", "tense"), behaviour="withdraw"),
    Reading(day=2, moment=1, temperature=5, body_responses=("gut",), behaviour="approach"),
    Reading(day=2, moment=2, temperature=2, body_responses=(), behaviour="withdraw"),
    Reading(day=3, moment=0, temperature=8, body_responses=("relaxed",), behaviour="approach"),
]
CHIPS = ["tense", "relaxed", "racing-heart", "gut"]
BEHAVIOURS = ["approach", "withdraw", "other"]


def test_the_week_summary_gives_average_lowest_time_and_most_frequent_answers():
    summary = week_figures.week_summary(WEEK, body_order=CHIPS, behaviour_order=BEHAVIOURS)

    assert summary == week_figures.WeekSummary(
        count=5,
        average=Decimal("4.8"),
        lowest_moment=2,
        top_body_response="tense",  # tense and gut twice each: tense is listed first
        top_behaviour="approach",
    )


def test_an_empty_week_has_no_summary():
    assert week_figures.week_summary([], body_order=CHIPS, behaviour_order=BEHAVIOURS) == (
        week_figures.WeekSummary(0, None, None, None, None)
    )


def test_a_tie_for_lowest_time_of_day_goes_to_the_earlier_one():
    readings = [Reading(day=1, moment=2, temperature=4), Reading(day=1, moment=1, temperature=4)]

    summary = week_figures.week_summary(readings, body_order=CHIPS, behaviour_order=BEHAVIOURS)

    assert summary.lowest_moment == 1


def low_days(*averages):
    today = date(2026, 3, 10)
    return {date(2026, 3, 10 - back): [value] for back, value in enumerate(averages)}, today


def test_low_on_five_of_the_last_seven_days_suggests_support():
    temperatures, today = low_days(3, 2, 8, 1, 3, 7, 0)

    assert week_figures.needs_support(temperatures, today=today) is True


def test_low_on_four_days_does_not():
    temperatures, today = low_days(3, 2, 8, 1, 4, 7, 0)

    assert week_figures.needs_support(temperatures, today=today) is False


def test_low_days_older_than_a_week_do_not_count():
    temperatures, today = low_days(3, 2, 8, 1, 9, 7, 9, 0, 0, 0)

    assert week_figures.needs_support(temperatures, today=today) is False


def test_a_day_is_low_when_its_average_is_at_most_three():
    today = date(2026, 3, 10)
    temperatures = {date(2026, 3, 10 - back): [2, 4] for back in range(5)}

    assert week_figures.needs_support(temperatures, today=today) is True
    temperatures[today] = [3, 4]
    assert week_figures.needs_support(temperatures, today=today) is False


def test_the_chart_puts_each_reading_by_day_across_and_temperature_up():
    chart = week_figures.chart(WEEK, week_figures.days_of_week(1))

    assert [day for day, _ in chart.days] == [1, 2, 3, 4, 5, 6, 7]
    assert [
        (line.moment, [(p.day, p.temperature) for p in line.points]) for line in chart.series
    ] == [
        (0, [(1, 6), (3, 8)]),
        (1, [(2, 5)]),
        (2, [(1, 3), (2, 2)]),
    ]
    morning = chart.series[0].points
    assert morning[0].x == week_figures.LEFT
    assert morning[0].y > morning[1].y  # 6 is drawn lower than 8
    assert chart.series[0].path.startswith("M34.0 ")
    assert chart.table[0] == (1, [6, None, 3])


def test_weeks_are_seven_days_from_day_one():
    assert [week_figures.week_of(day) for day in (1, 7, 8, 14, 15)] == [1, 1, 2, 2, 3]
    assert week_figures.days_of_week(2) == [8, 9, 10, 11, 12, 13, 14]


@pytest.mark.parametrize(
    "raw, week",
    [
        ("3", 3),
        ("4681", 4681),
        ("4682", None),
        ("0", None),
        ("", None),
        ("²", None),
        ("٣", None),
        ("99999999999999999999999", None),
        ("-1", None),
        (" 1", None),
    ],
)
def test_the_week_a_query_string_asks_for_is_an_ascii_number_a_day_can_reach(raw, week):
    assert week_figures.week_asked(raw) == week
