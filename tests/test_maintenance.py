"""The rules of practice and maintenance, as plain values: no database, no clock."""

from decimal import Decimal

import pytest

from programs.maintenance import (
    ItemChange,
    Progress,
    Revisit,
    milestones,
    outcome_changes,
    outcome_report,
    outcome_score,
    revisit_after_drop,
)

ALL_THREES = {"safe_to_ask": 3, "find_way_back": 3, "close": 3, "reach_out": 3, "content": 3}


def test_the_outcome_score_is_the_mean_to_one_decimal():
    assert outcome_score(ALL_THREES) == Decimal("3.0")
    assert outcome_score({**ALL_THREES, "close": 5, "content": 4}) == Decimal("3.6")
    assert outcome_score({}) is None


def test_each_item_shows_its_change():
    changes = outcome_changes(ALL_THREES, {**ALL_THREES, "close": 5, "reach_out": 2})

    assert [(c.key, c.change) for c in changes] == [
        ("safe_to_ask", 0),
        ("find_way_back", 0),
        ("close", 2),
        ("reach_out", -1),
        ("content", 0),
    ]
    assert ItemChange("close", 3, None).change is None


def test_the_outcome_report_averages_only_those_who_answered_both_times():
    better = {**ALL_THREES, "close": 5, "content": 4}
    checks = [(ALL_THREES, better)] * 4 + [(ALL_THREES, ALL_THREES), (better, None)]

    report = outcome_report(checks)

    assert (report.started, report.finished, report.reportable) == (6, 5, True)
    assert (report.mean_start, report.mean_end) == (Decimal("3.00"), Decimal("3.48"))
    assert report.item_changes["close"] == Decimal("1.60")
    assert report.item_changes["reach_out"] == Decimal("0.00")


def test_the_outcome_report_holds_back_figures_about_fewer_than_five_people():
    report = outcome_report([(ALL_THREES, ALL_THREES)] * 4)

    assert not report.reportable


@pytest.mark.parametrize(
    "weeks, revisit",
    [
        ([7], None),
        ([7, 6], None),
        ([7, 8], None),
        ([7, 5], Revisit(phase=3, drop=2)),
        ([8, 5], Revisit(phase=2, drop=3)),
        ([6, 3], Revisit(phase=1, drop=3)),
        ([5, 3], Revisit(phase=1, drop=2)),
        ([3, 8, 6], Revisit(phase=3, drop=2)),
    ],
)
def test_a_drop_of_two_or_more_points_back_to_a_step(weeks, revisit):
    assert revisit_after_drop(weeks) == revisit


def test_milestones_come_in_order_once_reached():
    early = Progress(day=5, successes=0, deposits=3, answered_signals=0, weekly_check_ins=0)
    later = Progress(day=30, successes=2, deposits=10, answered_signals=1, weekly_check_ins=4)

    assert milestones(early) == []
    assert [key for key, _ in milestones(later)] == [
        "first_week",
        "first_success",
        "first_signal_answered",
        "ten_deposits",
        "program_done",
        "month_of_check_ins",
    ]
