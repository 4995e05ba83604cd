"""Scoring the test: pure functions of the answers, no database and no clock.

1. Every item is answered on a 7-point scale, 1 = strongly disagree … 7 = strongly agree.
2. Reverse-keyed items are flipped: a reverse item's score is 8 - answer.
3. Each dimension's score is the mean of its items' scores, from 1 to 7.
4. The nearest style is read off the two scores with the cut-off at the scale midpoint, 4.
   A score counts as high only when it is above 4; exactly 4 counts as low. So:
   low anxiety + low avoidance = secure, high anxiety + low avoidance = anxious,
   low anxiety + high avoidance = avoidant, high anxiety + high avoidance = fearful.

Attachment is dimensional: the two scores are the result, the style is an approximation.
Means are exact fractions, so the cut-off never depends on rounding.
"""

import random
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Protocol

LOWEST = 1
HIGHEST = 7
MIDPOINT = 4
SCALE = range(LOWEST, HIGHEST + 1)
STYLES = ("secure", "anxious", "avoidant", "fearful")


class ScoredItem(Protocol):
    key: str
    dimension: str
    reverse: bool


class MissingAnswers(ValueError):
    """Some items have no answer; `keys` lists them in the order they were asked."""

    def __init__(self, keys: list[str]):
        super().__init__(f"No answer for: {', '.join(keys)}")
        self.keys = keys


def keyed(answer: int, *, reverse: bool) -> int:
    """The score an answer contributes: the answer itself, or 8 - answer for a reverse item."""
    if answer not in SCALE:
        raise ValueError(f"An answer must be between {LOWEST} and {HIGHEST}, not {answer!r}.")
    return (LOWEST + HIGHEST) - answer if reverse else answer


def missing(*, keys: Iterable[str], answers: Mapping[str, int]) -> list[str]:
    """The keys that have no answer yet, in the given order."""
    return [key for key in keys if key not in answers]


def dimension_scores(
    *, items: Sequence[ScoredItem], answers: Mapping[str, int]
) -> dict[str, Fraction]:
    """The mean keyed score per dimension; raises MissingAnswers if any item is unanswered."""
    absent = missing(keys=[item.key for item in items], answers=answers)
    if absent:
        raise MissingAnswers(absent)
    totals: dict[str, list[int]] = {}
    for item in items:
        totals.setdefault(item.dimension, []).append(keyed(answers[item.key], reverse=item.reverse))
    return {dimension: Fraction(sum(scores), len(scores)) for dimension, scores in totals.items()}


def is_high(score: Fraction) -> bool:
    """Above the midpoint 4; a score of exactly 4 is not high."""
    return score > MIDPOINT


def nearest_style(*, anxiety: Fraction, avoidance: Fraction) -> str:
    """The quadrant of the two scores, cut at the midpoint 4."""
    if is_high(anxiety):
        return "fearful" if is_high(avoidance) else "anxious"
    return "avoidant" if is_high(avoidance) else "secure"


def shuffled(keys: Sequence[str], *, rng: random.Random) -> list[str]:
    """A new order of the items for one attempt."""
    order = list(keys)
    rng.shuffle(order)
    return order
