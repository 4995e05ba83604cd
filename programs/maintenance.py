"""Practice and maintenance rules as plain functions: the outcome score and its change, the
step a drop in the weekly temperature points back to, and the milestones a person has reached.
No database and no clock: each rule is tested with exact values."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

# Our own items for the short relationship-satisfaction check, each answered from 1 to 5.
OUTCOME_ITEMS = {
    "safe_to_ask": _("I can bring up what I need in our relationship without bracing myself."),
    "find_way_back": _("When something goes wrong between us, we find our way back."),
    "close": _("I feel close to my partner, in body and in feeling."),
    "reach_out": _("When I reach out, I trust that I will get a response."),
    "content": _("All in all, I am content with our relationship."),
}
OUTCOME_SCALE = [
    (1, _("Not at all")),
    (2, _("A little")),
    (3, _("Somewhat")),
    (4, _("Mostly")),
    (5, _("Completely")),
]
OUTCOME_END_DAY = 28
FIRST_MAINTENANCE_DAY = 29
DROP_WORTH_NOTICING = 2
BIG_DROP = 3
LOW_WEEK = 3


def outcome_score(answers: dict[str, int]) -> Decimal | None:
    """The mean of the answered items, to one decimal; None when nothing is answered."""
    values = [answers[key] for key in OUTCOME_ITEMS if key in answers]
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class ItemChange:
    key: str
    start: int | None
    end: int | None

    @property
    def change(self) -> int | None:
        return None if self.start is None or self.end is None else self.end - self.start


def outcome_changes(start: dict[str, int], end: dict[str, int]) -> list[ItemChange]:
    return [ItemChange(key, start.get(key), end.get(key)) for key in OUTCOME_ITEMS]


# Aggregate outcome figures are published only over at least this many people, so that no one
# person's answers can be read back out of them.
SMALLEST_GROUP_REPORTED = 5


@dataclass(frozen=True)
class OutcomeReport:
    """What the outcome check shows over everyone: how many answered at the start, how many on
    day 28 too, and, over the latter, the mean score then and now and each item's mean change."""

    started: int
    finished: int
    mean_start: Decimal | None
    mean_end: Decimal | None
    item_changes: dict[str, Decimal | None]

    @property
    def reportable(self) -> bool:
        return self.finished >= SMALLEST_GROUP_REPORTED


def _mean(values: list) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def outcome_report(checks: list[tuple[dict[str, int], dict[str, int] | None]]) -> OutcomeReport:
    """`checks` holds each person's answers at the start and on day 28 (None before then)."""
    finished = [(start, end) for start, end in checks if end is not None]
    starts = [outcome_score(start) for start, _end in finished]
    ends = [outcome_score(end) for _start, end in finished]
    changes = [
        change
        for start, end in finished
        for change in outcome_changes(start, end)
        if change.change is not None
    ]
    return OutcomeReport(
        started=len(checks),
        finished=len(finished),
        mean_start=_mean([score for score in starts if score is not None]),
        mean_end=_mean([score for score in ends if score is not None]),
        item_changes={
            key: _mean([change.change for change in changes if change.key == key])
            for key in OUTCOME_ITEMS
        },
    )


@dataclass(frozen=True)
class Revisit:
    """Which earlier step a drop points back to (its phase number), and by how much it fell."""

    phase: int
    drop: int


def revisit_after_drop(temperatures: list[int]) -> Revisit | None:
    """The step to look at again when the latest weekly temperature fell, or None.

    `temperatures` are a person's weekly answers, oldest first. A fall of two or more points
    from the week before is worth a look: down to a low week, notice again what moves it
    (phase 1); a big fall, say what you need again (phase 2); otherwise, adjust the agreement
    (phase 3).
    """
    if len(temperatures) < 2:
        return None
    before, latest = temperatures[-2], temperatures[-1]
    drop = before - latest
    if drop < DROP_WORTH_NOTICING:
        return None
    if latest <= LOW_WEEK:
        return Revisit(phase=1, drop=drop)
    if drop >= BIG_DROP:
        return Revisit(phase=2, drop=drop)
    return Revisit(phase=3, drop=drop)


@dataclass(frozen=True)
class Progress:
    day: int
    successes: int
    deposits: int
    answered_signals: int
    weekly_check_ins: int


MILESTONES = [
    ("first_week", lambda p: p.day > 7, _("You finished the first week of noticing.")),
    ("first_success", lambda p: p.successes >= 1, _("You wrote down your first small success.")),
    (
        "first_signal_answered",
        lambda p: p.answered_signals >= 1,
        _("A signal was sent and answered for the first time."),
    ),
    ("ten_deposits", lambda p: p.deposits >= 10, _("Ten good moments noted.")),
    ("program_done", lambda p: p.day > OUTCOME_END_DAY, _("You went through all 28 days.")),
    ("month_of_check_ins", lambda p: p.weekly_check_ins >= 4, _("Four weekly check-ins.")),
]


def milestones(progress: Progress) -> list[tuple[str, str]]:
    """The milestones reached, as (key, words), in the order they usually come."""
    return [(key, text) for key, reached, text in MILESTONES if reached(progress)]
