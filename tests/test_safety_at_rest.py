"""The private answer to "do you ever feel afraid of your partner?" is stored encrypted with its
person's key (issue 15, item 6): a stolen copy of the database does not say who said "yes"."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from couplespace.encryption import EncryptionError, is_token
from couplespace.export import core_sections
from couplespace.models import SafetyAnswer
from programs.models import WeeklyCheckIn
from tests.conftest import make_couple, make_person
from tests.programs_helpers import enrol, load_program

SEALING = ("couplespace", "0015_encrypt_safety_answer")
READING_IN_CLEAR = ("programs", "0008_reveal_weeks_for_good")


def stored(answer) -> str:
    """The answer's column as the table holds it."""
    table = connection.ops.quote_name(SafetyAnswer._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT feels_afraid FROM {table} WHERE id = %s", [answer.pk])
        return str(cursor.fetchone()[0])


def answer(client, choice):
    return client.post(reverse("safety"), {"feels_afraid": choice})


def test_the_answer_is_stored_encrypted_and_reads_back_as_given(client_for, alex, couple):
    answer(client_for(alex), "yes")

    row = SafetyAnswer.objects.get(person=alex)
    assert is_token(stored(row))
    assert "yes" not in stored(row) and stored(row) not in {"1", "true", "True"}
    assert row.feels_afraid is True and alex.feels_afraid_of_partner()


def test_a_yes_and_a_no_are_sealed_to_the_same_length(client_for, alex, sam, couple):
    answer(client_for(alex), "yes")
    answer(client_for(sam), "no")

    yes, no = (stored(SafetyAnswer.objects.get(person=p)) for p in (alex, sam))
    assert len(yes) == len(no)
    assert SafetyAnswer.objects.get(person=sam).feels_afraid is False


def test_changing_the_answer_seals_it_again(client_for, alex, couple):
    answer(client_for(alex), "yes")
    first = stored(SafetyAnswer.objects.get(person=alex))

    answer(client_for(alex), "no")

    again = SafetyAnswer.objects.get(person=alex)
    assert is_token(stored(again)) and stored(again) != first
    assert not alex.feels_afraid_of_partner()


def test_selecting_people_by_their_answer_is_refused(alex, couple):
    SafetyAnswer.objects.create(person=alex, couple=couple, feels_afraid=True)

    with pytest.raises(EncryptionError):
        SafetyAnswer.objects.filter(feels_afraid=True).count()
    with pytest.raises(EncryptionError):
        SafetyAnswer.objects.update(feels_afraid=False)


def test_only_the_person_who_answered_reaches_the_answer(alex, sam, couple):
    theirs = SafetyAnswer.objects.create(person=alex, couple=couple, feels_afraid=True)

    assert list(SafetyAnswer.objects.visible_to(alex)) == [theirs]
    assert list(SafetyAnswer.objects.visible_to(sam)) == []
    assert not sam.feels_afraid_of_partner()


def test_the_export_gives_its_person_the_answer_in_clear(client_for, alex, couple):
    answer(client_for(alex), "yes")

    exported = core_sections(alex)["safety_answers"]

    assert [(row["couple"], row["feels_afraid"]) for row in exported] == [(couple.pk, True)]


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_reveals_the_weeks_before_a_yes_and_then_seals_the_answer():
    """From before both migrations: programs/0008 reads who said "yes" in clear, so it runs
    first; then the answers are sealed."""
    load_program()
    alex, sam = make_person("alex"), make_person("sam")
    couple = make_couple(alex, sam)
    together = enrol(alex, day=23, together=True)
    for week, offset in ((1, 0), (2, 2)):
        for person in (alex, sam):
            WeeklyCheckIn.objects.create(
                person=person,
                enrollment=together,
                week=week,
                temperature=5,
                created_at=timezone.now() + timedelta(days=offset),
            )
    yes = SafetyAnswer.objects.create(
        person=alex,
        couple=couple,
        feels_afraid=True,
        answered_at=timezone.now() + timedelta(days=1),
    )
    executor = MigrationExecutor(connection)
    assert READING_IN_CLEAR in executor.loader.graph.forwards_plan(SEALING)
    leaves = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([("programs", "0007_part_ways_after_past_break_ups")])
        assert stored(yes) in {"1", "True", "true"}  # the answer is back in clear, as it was
    finally:
        executor.loader.build_graph()
        executor.migrate(leaves)

    assert is_token(stored(yes)) and SafetyAnswer.objects.get(pk=yes.pk).feels_afraid is True
    assert [c.week for c in WeeklyCheckIn.objects.visible_to(sam).filter(person=alex)] == [1]
