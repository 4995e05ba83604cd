"""The outcome check's answers are stored encrypted with their person's key (issue 15, item 6):
a copy of the database does not say how anyone rates their relationship."""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from couplespace.encryption import EncryptionError, is_token
from programs.maintenance import OUTCOME_ITEMS
from programs.models import OutcomeCheck
from tests.conftest import make_person
from tests.programs_helpers import enrol, load_program

SEALING = ("programs", "0013_encrypt_outcome_answers")
ANSWERS = {key: 4 for key in OUTCOME_ITEMS}


def stored(check) -> str:
    """The answers' column as the table holds it."""
    table = connection.ops.quote_name(OutcomeCheck._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT answers FROM {table} WHERE id = %s", [check.pk])
        value = cursor.fetchone()[0]
    return value if isinstance(value, str) else json.dumps(value)


@pytest.fixture
def alex(db):
    load_program()
    return make_person("alex")


def test_the_answers_given_on_the_page_are_stored_encrypted_and_read_back(client_for, alex):
    enrol(alex, day=1)
    client_for(alex).post(reverse("programs:outcome"), {**ANSWERS, "close": "2"})

    check = OutcomeCheck.objects.get(person=alex)
    assert is_token(stored(check)) and "close" not in stored(check)
    assert check.answers == {**ANSWERS, "close": 2}
    page = client_for(alex).get(reverse("programs:outcome"))
    assert str(page.context["start_score"]) == "3.6"


def test_selecting_people_by_their_answers_is_refused(alex):
    check = OutcomeCheck.objects.create(
        person=alex, enrollment=enrol(alex, day=1), when="start", answers=ANSWERS
    )

    assert is_token(stored(check))
    with pytest.raises(EncryptionError):
        OutcomeCheck.objects.filter(answers=ANSWERS).count()


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_seals_answers_given_before_it_and_undoing_it_opens_them():
    load_program()
    alex = make_person("alex")
    check = OutcomeCheck.objects.create(
        person=alex, enrollment=enrol(alex, day=1), when="start", answers=ANSWERS
    )
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    before = [node for node in executor.loader.graph.node_map[SEALING].parents]
    try:
        executor.migrate([parent.key for parent in before if parent.key[0] == "programs"])
        assert json.loads(stored(check)) == ANSWERS  # back in clear, as it was
    finally:
        executor.loader.build_graph()
        executor.migrate(leaves)

    assert is_token(stored(check))
    assert OutcomeCheck.objects.get(pk=check.pk).answers == ANSWERS
