"""Migration agreements/0009 closes the dialogues that were finished before it."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("agreements", "0008_share_commitments")
AFTER = ("agreements", "0009_dialogues_again")


def every_app_at(executor, node) -> list[tuple[str, str]]:
    """Each app at its latest migration, and the agreements at `node`."""
    leaves = executor.loader.graph.leaf_nodes()
    return [node if app == "agreements" else (app, name) for app, name in leaves]


CONFIRMED = datetime(2026, 5, 2, 9, 0, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_a_dialogue_both_turns_of_which_were_confirmed_is_closed():
    executor = MigrationExecutor(connection)
    before = every_app_at(executor, BEFORE)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    User, Couple = apps.get_model("couplespace", "User"), apps.get_model("couplespace", "Couple")
    Dialogue, Reply = (
        apps.get_model("agreements", "Dialogue"),
        apps.get_model("agreements", "Reply"),
    )
    alex = User.objects.create(email="alex@example.com")
    finished = Dialogue.objects.create(couple=Couple.objects.create())
    halfway = Dialogue.objects.create(couple=Couple.objects.create())
    for dialogue, turns in [(finished, [1, 2]), (halfway, [1])]:
        for turn in turns:
            Reply.objects.create(
                dialogue=dialogue, turn=turn, person=alex, kind="confirmed", written_at=CONFIRMED
            )

    executor = MigrationExecutor(connection)
    after = every_app_at(executor, AFTER)
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    closed = dict(apps.get_model("agreements", "Dialogue").objects.values_list("pk", "closed_at"))

    assert closed == {finished.pk: CONFIRMED, halfway.pk: None}
