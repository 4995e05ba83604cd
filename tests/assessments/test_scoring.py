"""Scoring is a pure function of the answers: flipped reverse items, means, a cut-off at 4."""

import random
from dataclasses import dataclass
from fractions import Fraction

import pytest

from assessments.scoring import (
    MissingAnswers,
    dimension_scores,
    is_high,
    keyed,
    missing,
    nearest_style,
    shuffled,
)


@dataclass(frozen=True)
class Item:
    key: str
    dimension: str
    reverse: bool


ITEMS = [
    Item("a1", "anxiety", False),
    Item("a2", "anxiety", False),
    Item("a3", "anxiety", True),
    Item("v1", "avoidance", False),
    Item("v2", "avoidance", True),
    Item("v3", "avoidance", True),
]


def test_it_keeps_a_normal_answer_and_flips_a_reverse_one():
    assert keyed(6, reverse=False) == 6
    assert keyed(6, reverse=True) == 2
    assert keyed(1, reverse=True) == 7
    assert keyed(7, reverse=True) == 1
    assert keyed(4, reverse=True) == 4


@pytest.mark.parametrize("answer", [0, 8, "5", None])
def test_it_refuses_answers_off_the_scale(answer):
    with pytest.raises(ValueError, match="between 1 and 7"):
        keyed(answer, reverse=False)


def test_it_averages_keyed_answers_per_dimension():
    answers = {"a1": 7, "a2": 5, "a3": 2, "v1": 3, "v2": 6, "v3": 7}

    scores = dimension_scores(items=ITEMS, answers=answers)

    # anxiety: 7, 5 and 8 - 2 = 6 -> 18 / 3; avoidance: 3, 8 - 6 = 2, 8 - 7 = 1 -> 6 / 3
    assert scores == {"anxiety": Fraction(6), "avoidance": Fraction(2)}


def test_it_keeps_exact_thirds_instead_of_rounding():
    answers = {"a1": 4, "a2": 4, "a3": 3, "v1": 1, "v2": 7, "v3": 6}

    scores = dimension_scores(items=ITEMS, answers=answers)

    assert scores == {"anxiety": Fraction(13, 3), "avoidance": Fraction(4, 3)}


def test_all_middle_answers_score_exactly_the_midpoint():
    answers = {item.key: 4 for item in ITEMS}

    assert dimension_scores(items=ITEMS, answers=answers) == {
        "anxiety": Fraction(4),
        "avoidance": Fraction(4),
    }


def test_it_names_every_unanswered_item_in_order():
    with pytest.raises(MissingAnswers) as raised:
        dimension_scores(items=ITEMS, answers={"a1": 4, "v1": 4, "v2": 4})

    assert raised.value.keys == ["a2", "a3", "v3"]


def test_missing_lists_the_keys_without_an_answer():
    assert missing(keys=["a1", "a2", "a3"], answers={"a2": 1}) == ["a1", "a3"]


def test_a_score_of_exactly_four_is_not_high_and_anything_above_is():
    assert is_high(Fraction(4)) is False
    assert is_high(Fraction(37, 9)) is True
    assert is_high(Fraction(35, 9)) is False


@pytest.mark.parametrize(
    ("anxiety", "avoidance", "style"),
    [
        (Fraction(4), Fraction(4), "secure"),
        (Fraction(37, 9), Fraction(4), "anxious"),
        (Fraction(4), Fraction(37, 9), "avoidant"),
        (Fraction(37, 9), Fraction(37, 9), "fearful"),
        (Fraction(1), Fraction(1), "secure"),
        (Fraction(7), Fraction(1), "anxious"),
        (Fraction(1), Fraction(7), "avoidant"),
        (Fraction(7), Fraction(7), "fearful"),
        (Fraction(35, 9), Fraction(35, 9), "secure"),
    ],
)
def test_the_nearest_style_is_cut_at_the_midpoint(anxiety, avoidance, style):
    assert nearest_style(anxiety=anxiety, avoidance=avoidance) == style


def test_each_attempt_gets_its_own_order_of_the_same_items():
    keys = [f"item-{n}" for n in range(18)]

    first = shuffled(keys, rng=random.Random(1))
    second = shuffled(keys, rng=random.Random(2))

    assert sorted(first) == sorted(keys)
    assert sorted(second) == sorted(keys)
    assert first != second
    assert shuffled(keys, rng=random.Random(1)) == first
