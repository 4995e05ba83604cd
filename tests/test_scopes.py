"""Every model that holds what people write has one scope, `objects.visible_to(person)`, or is
reached only through an object that has one (or, for the therapist's own words, through their
care of a client)."""

from datetime import date

import pytest
from django.apps import apps

from agreements.models import Commitment
from couplespace.encryption import EncryptedMixin
from couplespace.privacy import shareable_models
from programs.models import Checkpoint, Debrief, Enrollment, LogEntry, PracticeEntry
from tests.conftest import make_couple, make_person
from tests.programs_helpers import enrol, load_program

REACHED_THROUGH = {
    "agreements.Version": "its agreement",
    "agreements.Clause": "its version's agreement",
    "agreements.Need": "its dialogue",
    "agreements.Reply": "its dialogue",
    "agreements.Pause": "its agreement",
    "couplespace.TherapistNote": "the therapist's care (couplespace.therapy.care_given_by)",
    "couplespace.Assignment": "the care it belongs to",
}


def models_holding_words() -> list[str]:
    return sorted(
        model._meta.label
        for model in apps.get_models()
        if any(isinstance(field, EncryptedMixin) for field in model._meta.fields)
    )


def test_each_model_holding_words_has_a_scope_or_is_reached_through_one():
    without = [
        label
        for label in models_holding_words()
        if not hasattr(apps.get_model(label).objects, "visible_to")
    ]

    assert without == sorted(REACHED_THROUGH)


def write_one(kind: str, person, *, shared: bool):
    """One entry of a shareable kind, written by `person`."""
    if kind == "agreements.commitment":
        return Commitment.objects.create(
            person=person, text="I breathe", shared_with_partner=shared
        )
    if kind == "programs.debrief":
        return Debrief.objects.create(
            author=person,
            local_date=date(2030, 1, 1 + shared),
            high="a walk",
            shared_with_partner=shared,
        )
    enrollment = Enrollment.objects.for_person(person) or enrol(person, day=3)
    if kind == "programs.logentry":
        return LogEntry.objects.create(
            author=person,
            enrollment=enrollment,
            step="touch-log",
            local_date=date(2030, 1, 1),
            day=3,
            text="a long hug",
            shared_with_partner=shared,
        )
    if kind == "programs.practiceentry":
        return PracticeEntry.objects.create(
            author=person,
            enrollment=enrollment,
            kind=PracticeEntry.Kind.DEPOSIT,
            local_date=date(2030, 1, 1),
            day=3,
            text="a good moment",
            shared_with_partner=shared,
        )
    return Checkpoint.objects.create(
        author=person,
        enrollment=enrollment,
        local_date=date(2030, 1, 1),
        day=3,
        moment=int(shared),
        temperature=6,
        behaviour=Checkpoint.Behaviour.APPROACH,
        shared_with_partner=shared,
    )


SHAREABLE = [
    "agreements.commitment",
    "programs.checkpoint",
    "programs.debrief",
    "programs.logentry",
    "programs.practiceentry",
]


def test_the_shareable_kinds_are_found_by_themselves():
    assert [model._meta.label_lower for model in shareable_models()] == SHAREABLE


@pytest.mark.parametrize("kind", SHAREABLE)
def test_a_shareable_entry_is_its_writers_and_the_partners_once_shared(db, kind):
    load_program()
    alex, sam, casey = make_person("alex"), make_person("sam"), make_person("casey")
    couple = make_couple(alex, sam)
    private = write_one(kind, alex, shared=False)
    shared = write_one(kind, alex, shared=True)
    objects = apps.get_model(kind).objects

    assert set(objects.visible_to(alex)) == {private, shared}
    assert list(objects.visible_to(sam)) == [shared]
    assert list(objects.visible_to(casey)) == []

    couple.end()  # what was shared with that partner is not shared with whoever comes next

    assert list(objects.visible_to(sam)) == []
    shared.refresh_from_db()
    assert shared.shared_with_partner is False
