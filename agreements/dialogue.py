"""The needs dialogue: prepare alone, then take turns, one speaking and the other listening.

The steps, for a couple:

1. Prepare: each writes what they are afraid of and what they need. Neither reads the other's
   until both have written.
2. Turn 1: the first to have prepared speaks. The listener writes back what they heard; the
   speaker confirms ("yes, that's it") or writes what was missed, and the listener tries again.
3. Turn 2: the same with the roles swapped. Then the dialogue is done, and the agreement is next.

Where a dialogue stands is worked out from what has been written (`stage_of`), never stored, so
it cannot drift. Each change is made in one locked transaction, and the person whose turn it
becomes is told through the reminder engine, in generic words.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Dialogue, Need, Reply
from agreements.reminders import DIALOGUE_TURN_REMINDER
from couplespace.tasks import notify_now

SOLO = "solo"
PREPARE = "prepare"
LISTEN = "listen"
CONFIRM = "confirm"
DONE = "done"


@dataclass(frozen=True)
class Stage:
    step: str
    turn: int = 0
    speaker: int | None = None
    listener: int | None = None
    waiting_for: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_revealed(self) -> bool:
        """Both have prepared: each reads what the other wrote."""
        return self.step in (LISTEN, CONFIRM, DONE)


def turn_roles(parties: list[int], first_speaker: int | None) -> list[tuple[int, int]]:
    """(speaker, listener) for each turn: whoever prepared first speaks first, then they swap."""
    first = first_speaker if first_speaker in parties else parties[0]
    second = next(party for party in parties if party != first)
    return [(first, second), (second, first)]


def stage_of(
    *,
    parties: list[int],
    prepared: set[int],
    first_speaker: int | None,
    replies: list[tuple[int, str]],
) -> Stage:
    """Where a dialogue stands, from who prepared and the (turn, kind) of each reply so far."""
    if len(parties) < 2:
        return Stage(SOLO)
    if not prepared >= set(parties):
        return Stage(PREPARE, waiting_for=frozenset(set(parties) - prepared))
    for turn, (speaker, listener) in enumerate(turn_roles(parties, first_speaker), start=1):
        kinds = [kind for reply_turn, kind in replies if reply_turn == turn]
        last = kinds[-1] if kinds else None
        if last in (None, Reply.Kind.MISSED):
            return Stage(LISTEN, turn, speaker, listener, frozenset({listener}))
        if last == Reply.Kind.HEARD:
            return Stage(CONFIRM, turn, speaker, listener, frozenset({speaker}))
    return Stage(DONE)


def stage(dialogue: Dialogue) -> Stage:
    """The stage of a dialogue whose parties, needs and replies are loaded (or prefetched)."""
    return stage_of(
        parties=sorted(party.pk for party in dialogue.parties.all()),
        prepared={need.person_id for need in dialogue.needs.all()},
        first_speaker=dialogue.first_speaker_id,
        replies=[(reply.turn, reply.kind) for reply in dialogue.replies.all()],
    )


def visible_needs(dialogue: Dialogue, viewer, now: Stage) -> list[Need]:
    """One's own needs always; the partner's once both have prepared, while the couple lasts."""
    revealed = now.is_revealed and not dialogue.is_archived
    return [need for need in dialogue.needs.all() if need.person_id == viewer.pk or revealed]


def visible_replies(dialogue: Dialogue, viewer) -> list[Reply]:
    """Replies answer what the other has already written, so both read them, while it lasts."""
    return [
        reply
        for reply in dialogue.replies.all()
        if reply.person_id == viewer.pk or not dialogue.is_archived
    ]


class DialogueError(Exception):
    """Why a step in the dialogue was not taken, in words for the person."""


def dialogues_of(person):
    """Every dialogue the person took part in, newest first: the open one and the past ones."""
    return Dialogue.objects.visible_to(person).select_related("couple")


def current_dialogue(person) -> Dialogue | None:
    """The dialogue open now: the couple's (at most one at a time), or for someone without a
    partner, their solo reflection."""
    return dialogues_of(person).filter(couple=person.couple, closed_at__isnull=True).first()


def latest_dialogue(person) -> Dialogue | None:
    """The newest of the person's dialogues in their present couple (or solo), open or not."""
    return dialogues_of(person).filter(couple=person.couple).first()


def open_or_latest_dialogue(person) -> Dialogue | None:
    """The open dialogue if there is one, else the newest: in one query, both whether a
    dialogue is open now and whether the couple ever began one."""
    return (
        dialogues_of(person)
        .filter(couple=person.couple)
        .order_by(F("closed_at").asc(nulls_first=True), "-created_at", "-pk")
        .first()
    )


@transaction.atomic
def start_dialogue(person) -> Dialogue:
    """The open dialogue, made if there is none; if both partners start at once, they share
    one (the model allows one open dialogue per couple)."""
    couple = person.couple
    if couple is None:
        dialogue = current_dialogue(person) or Dialogue.objects.create()
        dialogue.parties.add(person)
        return dialogue
    dialogue, created = Dialogue.objects.get_or_create(couple=couple, closed_at=None)
    if created:
        dialogue.parties.set(couple.members)
    return dialogue


@transaction.atomic
def start_again(person, instead_of: Dialogue) -> Dialogue:
    """Set the open dialogue aside (it stays readable) and open a new one. If it was closed
    meanwhile (both partners asked at once, or it just ended), the open one is shared."""
    current = Dialogue.objects.locked(instead_of.pk)
    if current.is_archived:
        raise DialogueError(_("This dialogue is archived: the couple it belonged to has ended."))
    if current.closed_at is None:
        current.close()
    return start_dialogue(person)


def locked(dialogue: Dialogue) -> Dialogue:
    current = Dialogue.objects.locked(dialogue.pk)
    if current.is_archived:
        raise DialogueError(_("This dialogue is archived: the couple it belonged to has ended."))
    if current.closed_at is not None:
        raise DialogueError(
            _("This dialogue is closed: it stays as it is. Start a new one to talk again.")
        )
    return current


@transaction.atomic
def prepare(*, dialogue: Dialogue, person, pairs: list[tuple[str, str]]) -> None:
    """Save (or rewrite) a person's fears and needs, until both have prepared."""
    current = locked(dialogue)
    before = stage(current)
    if before.is_revealed:
        raise DialogueError(
            _("You have both prepared: what you wrote is shared now and stays as it is.")
        )
    now = timezone.now()
    current.needs.filter(person=person).delete()
    Need.objects.bulk_create(
        Need(
            dialogue=current,
            person=person,
            position=position,
            afraid_of=afraid_of,
            need=need,
            written_at=now,
        )
        for position, (afraid_of, need) in enumerate(pairs)
    )
    if current.first_speaker_id is None and not current.is_solo:
        current.first_speaker = person
        current.save(update_fields=["first_speaker"])
    tell_whose_turn(current, person, before)


@transaction.atomic
def reply(*, dialogue: Dialogue, person, kind: str, text: str = "") -> Reply:
    """The listener writes what they heard; the speaker confirms it or says what was missed."""
    current = locked(dialogue)
    before = stage(current)
    allowed = {
        LISTEN: (before.listener, {Reply.Kind.HEARD}),
        CONFIRM: (before.speaker, {Reply.Kind.CONFIRMED, Reply.Kind.MISSED}),
    }.get(before.step)
    if allowed is None or allowed[0] != person.pk or kind not in allowed[1]:
        raise DialogueError(
            _("It is not your turn to write this. Your partner may have just written.")
        )
    text = "" if kind == Reply.Kind.CONFIRMED else text.strip()
    if kind != Reply.Kind.CONFIRMED and not text:
        raise DialogueError(_("Write a few words first."))
    written = Reply.objects.create(
        dialogue=current, turn=before.turn, person=person, kind=kind, text=text
    )
    if stage(current).step == DONE:
        current.close()
    tell_whose_turn(current, person, before)
    return written


def tell_whose_turn(dialogue: Dialogue, person, before: Stage) -> None:
    """When a step makes it the partner's turn, they are told: generic words, never the text."""
    after = stage(dialogue)
    if after == before:
        return
    for party in dialogue.parties.all():
        if party.pk != person.pk and party.pk in after.waiting_for:
            notify_now(person=party, kind=DIALOGUE_TURN_REMINDER, topic=dialogue.reminder_topic)
