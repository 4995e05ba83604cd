from agreements.diff import (
    ClauseChange,
    ClauseText,
    Collision,
    diff_clauses,
    has_changes,
    keep_mine,
    merge_clauses,
    word_diff,
)

SIGNAL = ClauseText("a", "signal", "We say lighthouse when we feel shaky.")
PAUSE = ClauseText("b", "pause_rule", "A pause lasts up to an hour.", 60)


def test_it_marks_the_words_that_changed():
    assert word_diff("give five minutes of attention", "give ten minutes of attention") == (
        ("same", "give "),
        ("removed", "five"),
        ("added", "ten"),
        ("same", " minutes of attention"),
    )


def test_it_compares_chinese_by_character():
    assert word_diff("暂停六十分钟", "暂停二十分钟") == (
        ("same", "暂停"),
        ("removed", "六"),
        ("added", "二"),
        ("same", "十分钟"),
    )


def test_an_edited_clause_is_changed_not_removed_and_added():
    edited = ClauseText("a", "signal", "We say harbour when we feel shaky.")

    changes = diff_clauses([SIGNAL, PAUSE], [edited, PAUSE])

    assert [change.status for change in changes] == ["changed", "unchanged"]
    assert ("removed", "lighthouse") in changes[0].words
    assert ("added", "harbour") in changes[0].words


def test_a_changed_pause_length_alone_is_a_change():
    shorter = ClauseText("b", "pause_rule", PAUSE.text, 30)

    assert diff_clauses([PAUSE], [shorter])[0].status == "changed"


def test_it_lists_added_clauses_in_place_and_removed_ones_last():
    added = ClauseText("c", "gentle_refusal", "Either of us can say no.")

    changes = diff_clauses([SIGNAL, PAUSE], [added, PAUSE])

    assert changes == [
        ClauseChange("added", None, added),
        ClauseChange("unchanged", PAUSE, PAUSE),
        ClauseChange("removed", SIGNAL, None),
    ]
    assert has_changes(changes)
    assert not has_changes(diff_clauses([SIGNAL], [SIGNAL]))


def test_edits_to_different_clauses_merge_and_only_a_clause_both_changed_collides():
    their_signal = ClauseText("a", "signal", "We say lighthouse, or text it.")
    my_signal = ClauseText("a", "signal", "We say lighthouse out loud.")
    my_pause = ClauseText("b", "pause_rule", "A pause lasts up to half an hour.", 30)
    mine_new = ClauseText("c", "response", "The other says: I am here.")

    merged, collisions = merge_clauses(
        [SIGNAL, PAUSE], [their_signal, PAUSE], [my_signal, my_pause, mine_new]
    )

    assert merged == [their_signal, my_pause, mine_new]  # theirs kept where we collide
    assert collisions == [Collision("a", their_signal, my_signal)]


def test_a_removal_merges_unless_the_other_side_changed_that_clause():
    my_pause = ClauseText("b", "pause_rule", "A pause lasts up to half an hour.", 30)
    assert merge_clauses([SIGNAL, PAUSE], [SIGNAL], [SIGNAL, PAUSE]) == ([SIGNAL], [])
    assert merge_clauses([SIGNAL, PAUSE], [SIGNAL, PAUSE], [PAUSE]) == ([PAUSE], [])
    assert merge_clauses([SIGNAL, PAUSE], [SIGNAL], [SIGNAL, my_pause]) == (
        [SIGNAL],
        [Collision("b", None, my_pause)],
    )
    assert merge_clauses([SIGNAL], [SIGNAL], [SIGNAL]) == ([SIGNAL], [])


def test_choosing_mine_for_a_collision_takes_my_words_my_removal_or_my_clause_back():
    response = ClauseText("c", "committed_response", "Five minutes of full attention.")
    their_signal = ClauseText("a", "signal", "We say lighthouse, or text it.")
    my_signal = ClauseText("a", "signal", "We say lighthouse out loud.")
    their_pause = ClauseText("b", "pause_rule", "A pause of twenty minutes.", 20)
    my_response = ClauseText("c", "committed_response", "Ten minutes, phones away.")
    merged, collisions = merge_clauses(
        [SIGNAL, PAUSE, response], [their_signal, their_pause], [my_signal, my_response]
    )
    assert merged == [their_signal, their_pause]
    assert {c.key for c in collisions} == {"a", "b", "c"}

    assert keep_mine(merged, {}) == merged
    assert keep_mine(merged, {"a": my_signal}) == [my_signal, their_pause]
    assert keep_mine(merged, {"b": None}) == [their_signal]
    assert keep_mine(merged, {"c": my_response, "a": my_signal}) == [
        my_signal,
        their_pause,
        my_response,
    ]
