"""The needs dialogue: prepare alone, then take turns; words shown only when both have written."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction

from agreements.dialogue import (
    CONFIRM,
    DONE,
    LISTEN,
    PREPARE,
    SOLO,
    DialogueError,
    Stage,
    current_dialogue,
    prepare,
    reply,
    stage,
    stage_of,
    start_again,
    start_dialogue,
    visible_needs,
)
from agreements.models import Dialogue
from couplespace.models import Notification
from tests.reminders import dispatch

NOW = datetime(2026, 5, 11, 19, 0, 10, tzinfo=UTC)
ALEX_NEEDS = [("being left alone when we argue", "to hear that you are coming back")]
SAM_NEEDS = [("being told I am cold", "time to find my words")]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def dialogue(couple, alex):
    return start_dialogue(alex)


@pytest.fixture
def prepared(dialogue, alex, sam):
    prepare(dialogue=dialogue, person=alex, pairs=ALEX_NEEDS)
    prepare(dialogue=dialogue, person=sam, pairs=SAM_NEEDS)
    return dialogue


def fresh(dialogue):
    return Dialogue.objects.prefetch_related("parties", "needs", "replies").get(pk=dialogue.pk)


def test_the_stage_follows_what_has_been_written():
    parties = [1, 2]

    def at(prepared, replies):
        return stage_of(parties=parties, prepared=prepared, first_speaker=2, replies=replies)

    assert at(set(), []) == Stage(PREPARE, waiting_for=frozenset({1, 2}))
    assert at({2}, []) == Stage(PREPARE, waiting_for=frozenset({1}))
    assert at({1, 2}, []) == Stage(LISTEN, 1, 2, 1, frozenset({1}))
    assert at({1, 2}, [(1, "heard")]) == Stage(CONFIRM, 1, 2, 1, frozenset({2}))
    assert at({1, 2}, [(1, "heard"), (1, "missed")]) == Stage(LISTEN, 1, 2, 1, frozenset({1}))
    assert at({1, 2}, [(1, "heard"), (1, "confirmed")]) == Stage(LISTEN, 2, 1, 2, frozenset({2}))
    assert at({1, 2}, [(1, "heard"), (1, "confirmed"), (2, "heard")]) == Stage(
        CONFIRM, 2, 1, 2, frozenset({1})
    )
    assert at({1, 2}, [(1, "heard"), (1, "confirmed"), (2, "heard"), (2, "confirmed")]) == Stage(
        DONE
    )
    assert stage_of(parties=[1], prepared={1}, first_speaker=None, replies=[]) == Stage(SOLO)


def test_a_couple_has_one_dialogue_for_both(couple, alex, sam):
    assert start_dialogue(alex) == start_dialogue(sam)
    assert sorted(p.name for p in start_dialogue(sam).parties.all()) == ["Alex", "Sam"]


def test_nobody_reads_the_other_until_both_have_prepared(dialogue, alex, sam):
    prepare(dialogue=dialogue, person=alex, pairs=ALEX_NEEDS)

    current = fresh(dialogue)
    assert [n.need for n in visible_needs(current, sam, stage(current))] == []
    assert [n.need for n in visible_needs(current, alex, stage(current))] == [
        "to hear that you are coming back"
    ]

    prepare(dialogue=dialogue, person=sam, pairs=SAM_NEEDS)

    current = fresh(dialogue)
    assert sorted(n.need for n in visible_needs(current, sam, stage(current))) == [
        "time to find my words",
        "to hear that you are coming back",
    ]


def test_the_first_to_prepare_speaks_first(prepared, alex, sam):
    assert stage(fresh(prepared)) == Stage(LISTEN, 1, alex.pk, sam.pk, frozenset({sam.pk}))


def test_a_preparation_can_be_rewritten_until_both_have_written(dialogue, alex, sam):
    prepare(dialogue=dialogue, person=alex, pairs=ALEX_NEEDS)
    prepare(dialogue=dialogue, person=alex, pairs=[("a", "b"), ("c", "d")])

    assert list(dialogue.needs.values_list("afraid_of", "need")) == [("a", "b"), ("c", "d")]

    prepare(dialogue=dialogue, person=sam, pairs=SAM_NEEDS)
    with pytest.raises(DialogueError, match="shared now and stays as it is"):
        prepare(dialogue=dialogue, person=alex, pairs=ALEX_NEEDS)


def test_the_listener_tries_again_until_the_speaker_confirms_then_they_swap(prepared, alex, sam):
    reply(dialogue=prepared, person=sam, kind="heard", text="You want me to stay.")
    reply(dialogue=prepared, person=alex, kind="missed", text="To say I am coming back.")
    reply(dialogue=prepared, person=sam, kind="heard", text="You need to hear I'll be back.")
    reply(dialogue=prepared, person=alex, kind="confirmed", text="ignored")

    assert stage(fresh(prepared)) == Stage(LISTEN, 2, sam.pk, alex.pk, frozenset({alex.pk}))
    reply(dialogue=prepared, person=alex, kind="heard", text="You need time.")
    reply(dialogue=prepared, person=sam, kind="confirmed")

    assert stage(fresh(prepared)) == Stage(DONE)
    assert list(prepared.replies.values_list("turn", "person__display_name", "kind", "text")) == [
        (1, "Sam", "heard", "You want me to stay."),
        (1, "Alex", "missed", "To say I am coming back."),
        (1, "Sam", "heard", "You need to hear I'll be back."),
        (1, "Alex", "confirmed", ""),
        (2, "Alex", "heard", "You need time."),
        (2, "Sam", "confirmed", ""),
    ]


@pytest.mark.parametrize(
    "who, kind", [("alex", "heard"), ("sam", "confirmed"), ("sam", "missed"), ("alex", "bogus")]
)
def test_only_the_person_whose_turn_it_is_writes_that_step(prepared, alex, sam, who, kind):
    person = {"alex": alex, "sam": sam}[who]

    with pytest.raises(DialogueError, match="not your turn"):
        reply(dialogue=prepared, person=person, kind=kind, text="words")


def test_a_reply_needs_words(prepared, sam):
    with pytest.raises(DialogueError, match="Write a few words first"):
        reply(dialogue=prepared, person=sam, kind="heard", text="   ")


def test_the_partner_is_told_once_in_generic_words_when_it_is_their_turn(dialogue, alex, sam):
    prepare(dialogue=dialogue, person=alex, pairs=ALEX_NEEDS)
    prepare(dialogue=dialogue, person=alex, pairs=ALEX_NEEDS)
    dispatch(NOW + timedelta(minutes=2))
    prepare(dialogue=dialogue, person=sam, pairs=SAM_NEEDS)
    dispatch(NOW + timedelta(minutes=4))
    reply(dialogue=dialogue, person=sam, kind="heard", text="You fear being left.")
    dispatch(NOW + timedelta(minutes=6))

    assert [(n.person.name, str(n)) for n in Notification.objects.order_by("pk")] == [
        ("Sam", "It’s your turn in the needs dialogue"),
        ("Alex", "It’s your turn in the needs dialogue"),
    ]
    assert all("left" not in message.body for message in mail.outbox)


def test_a_person_without_a_partner_prepares_alone(casey):
    dialogue = start_dialogue(casey)
    prepare(dialogue=dialogue, person=casey, pairs=ALEX_NEEDS)
    prepare(dialogue=dialogue, person=casey, pairs=SAM_NEEDS)

    assert dialogue.is_solo
    assert stage(fresh(dialogue)) == Stage(SOLO)
    assert list(dialogue.needs.values_list("need", flat=True)) == ["time to find my words"]
    assert start_dialogue(casey) == dialogue


def test_after_a_break_up_each_keeps_only_their_own_words(prepared, couple, alex, sam):
    reply(dialogue=prepared, person=sam, kind="heard", text="You need to hear it.")
    couple.end()

    current = fresh(prepared)
    assert [n.person_id for n in visible_needs(current, alex, stage(current))] == [alex.pk]
    with pytest.raises(DialogueError, match="archived"):
        reply(dialogue=prepared, person=alex, kind="confirmed")


def finish(dialogue, alex, sam):
    reply(dialogue=dialogue, person=sam, kind="heard", text="You need to hear it.")
    reply(dialogue=dialogue, person=alex, kind="confirmed")
    reply(dialogue=dialogue, person=alex, kind="heard", text="You need time.")
    reply(dialogue=dialogue, person=sam, kind="confirmed")


def test_a_dialogue_closes_when_both_have_been_heard_and_the_next_one_starts_empty(
    prepared, couple, alex, sam
):
    finish(prepared, alex, sam)
    prepared.refresh_from_db()

    assert prepared.closed_at == NOW
    assert current_dialogue(alex) is None
    second = start_dialogue(sam)
    assert second != prepared
    assert second == start_dialogue(alex) == current_dialogue(alex)
    assert sorted(p.name for p in second.parties.all()) == ["Alex", "Sam"]
    assert stage(fresh(second)).step == PREPARE
    assert stage(fresh(prepared)) == Stage(DONE)


def test_a_couple_has_at_most_one_open_dialogue(prepared, couple):
    with pytest.raises(IntegrityError), transaction.atomic():
        Dialogue.objects.create(couple=couple)
    prepared.close()
    Dialogue.objects.create(couple=couple)


def test_a_dialogue_set_aside_takes_no_more_words(dialogue, alex, sam):
    prepare(dialogue=dialogue, person=alex, pairs=ALEX_NEEDS)

    second = start_again(sam, instead_of=dialogue)

    assert second != dialogue
    assert current_dialogue(alex) == second
    assert [n.need for n in dialogue.needs.all()] == [ALEX_NEEDS[0][1]]
    with pytest.raises(DialogueError, match="closed"):
        prepare(dialogue=dialogue, person=sam, pairs=SAM_NEEDS)


def test_both_starting_again_at_once_share_the_new_dialogue(dialogue, alex, sam):
    assert start_again(alex, instead_of=dialogue) == start_again(sam, instead_of=dialogue)
    assert Dialogue.objects.filter(closed_at__isnull=True).count() == 1
