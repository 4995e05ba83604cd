"""The phrasing helper: blaming forms found in English and Chinese, each with a rewrite."""

import pytest

from agreements.phrasing import Hint, check


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "You should call me when you are late.",
            Hint(
                "You should",
                "You should call me when you are late.",
                "I need you to call me when you are late.",
            ),
        ),
        (
            "Why don't you ever ask how my day was?",
            Hint(
                "Why don't you ever",
                "Why don't you ever ask how my day was?",
                "I need you to ask how my day was.",
            ),
        ),
        (
            "Why don’t you ever hold my hand",
            Hint(
                "Why don’t you ever",
                "Why don’t you ever hold my hand",
                "I need you to hold my hand.",
            ),
        ),
        (
            "you never listen to me!",
            Hint("you never", "you never listen to me!", "I need you to listen to me."),
        ),
        (
            "You always go quiet after we argue.",
            Hint(
                "You always",
                "You always go quiet after we argue.",
                "When you go quiet after we argue, I feel … I'd like to try …",
            ),
        ),
        ("你应该早点回家。", Hint("你应该", "你应该早点回家。", "我需要你早点回家。")),
        (
            "你为什么从来不问我呢？",
            Hint("你为什么从来不", "你为什么从来不问我呢？", "我需要你问我。"),
        ),
        ("你从来不听我说话", Hint("你从来不", "你从来不听我说话", "我需要你听我说话。")),
        (
            "你总是很晚才回消息。",
            Hint("你总是", "你总是很晚才回消息。", "当你很晚才回消息的时候，我感到……我想试试……"),
        ),
    ],
)
def test_it_flags_a_blaming_form_and_offers_a_need(text, expected):
    assert check(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "I need a hug when I come home upset.",
        "I'd like to try talking before bed.",
        "I'm afraid you will leave when things get hard.",
        "我需要你抱抱我。",
        "我害怕你会离开。",
        "",
    ],
)
def test_it_leaves_needs_and_fears_alone(text):
    assert check(text) == []


def test_it_gives_one_hint_for_each_blaming_sentence_in_order():
    text = "I'm scared. You never call. 你总是不回消息。I need you."

    assert [hint.found for hint in check(text)] == ["You never", "你总是"]


def test_the_blaming_words_alone_have_nothing_to_rewrite():
    assert check("You always!") == []
