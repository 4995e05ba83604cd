"""The phrasing helper: blaming forms found in English and Chinese, each with a rewrite."""

import pytest

from agreements.phrasing import Hint, check, take


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
        (
            "you're always late",
            Hint(
                "you're always",
                "you're always late",
                "When you are late, I feel … I'd like to try …",
            ),
        ),
        (
            "You are always on your phone at dinner.",
            Hint(
                "You are always",
                "You are always on your phone at dinner.",
                "When you are on your phone at dinner, I feel … I'd like to try …",
            ),
        ),
        (
            "You’re always so busy!",
            Hint(
                "You’re always",
                "You’re always so busy!",
                "When you are so busy, I feel … I'd like to try …",
            ),
        ),
        (
            "It's your fault that we missed the train.",
            Hint(
                "It's your fault",
                "It's your fault that we missed the train.",
                "When we missed the train, I feel … What I need now is …",
            ),
        ),
        (
            "it is all your fault!",
            Hint(
                "it is all your fault",
                "it is all your fault!",
                "I feel … about what happened. What I need now is …",
            ),
        ),
        (
            "你老是不接电话",
            Hint("你老是", "你老是不接电话", "当你不接电话的时候，我感到……我想试试……"),
        ),
        ("都是你的错。", Hint("都是你的错", "都是你的错。", "对发生的事，我感到……我现在需要……")),
        (
            "我们迟到全怪你！",
            Hint("全怪你", "我们迟到全怪你！", "对发生的事，我感到……我现在需要……"),
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
        "我觉得很奇怪你今天没来。",
        "I'm always the one who waits, and that is not your fault.",
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


def test_taking_a_rewrite_keeps_the_rest_and_selects_the_first_gap():
    text = "I was sad. You're always late! Hug me."
    hint = check(text)[0]

    taken, (start, end) = take(text, hint)

    assert taken == "I was sad. When you are late, I feel … I'd like to try … Hug me."
    assert taken[start:end] == "…"
    assert taken[:start] == "I was sad. When you are late, I feel "


def test_taking_a_rewrite_without_a_gap_puts_the_cursor_after_it():
    text = "You never listen. Please."

    taken, selection = take(text, check(text)[0])

    assert taken == "I need you to listen. Please."
    assert selection == (len("I need you to listen."),) * 2


def test_a_chinese_gap_is_selected_whole():
    text = "你总是很晚回家。"

    taken, (start, end) = take(text, check(text)[0])

    assert taken[start:end] == "……"


def test_a_sentence_changed_meanwhile_leaves_the_text_as_it_is():
    hint = check("You never call.")[0]

    assert take("You rarely call.", hint) == ("You rarely call.", (16, 16))
