import threading

import pytest
from django.db import connection

from agreements.diff import ClauseText
from agreements.models import Agreement, Version
from agreements.versions import (
    AgreementError,
    EditConflict,
    VersionChanged,
    accept_version,
    propose_version,
)
from tests.agreements.conftest import PAUSE, RESPONSE, SIGNAL
from tests.conftest import make_couple, make_person


def propose(agreement, author, base, clauses, note=""):
    return propose_version(
        agreement=agreement, author=author, base_number=base, clauses=clauses, note=note
    )


def test_the_first_proposal_is_version_one_and_counts_as_its_authors_acceptance(agreement, alex):
    version = propose(agreement, alex, 0, [SIGNAL, RESPONSE])

    assert version.number == 1
    assert version.clause_texts() == [SIGNAL, RESPONSE]
    assert version.accepted_by() == {alex.pk}
    agreement.refresh_from_db()
    assert agreement.active_version is None


def test_it_becomes_active_only_when_both_accept_the_same_version(agreement, alex, sam):
    propose(agreement, alex, 0, [SIGNAL])

    assert accept_version(agreement=agreement, person=sam, number=1) is True

    agreement.refresh_from_db()
    assert agreement.active_version.number == 1


def test_every_change_makes_a_new_version_and_keeps_the_old_one(agreement, alex, sam):
    propose(agreement, alex, 0, [SIGNAL])
    accept_version(agreement=agreement, person=sam, number=1)
    edited = ClauseText(SIGNAL.key, "signal", "We say harbour when we feel shaky.")

    propose(agreement, sam, 1, [edited, PAUSE], note="A softer word, and a pause rule")

    assert list(agreement.versions.values_list("number", flat=True)) == [1, 2]
    assert Version.objects.get(agreement=agreement, number=1).clause_texts() == [SIGNAL]
    agreement.refresh_from_db()
    assert agreement.active_version.number == 1, "version 2 waits for alex"


def test_a_second_save_from_a_stale_version_is_not_applied(agreement, alex, sam):
    propose(agreement, alex, 0, [SIGNAL])
    propose(agreement, alex, 1, [SIGNAL, RESPONSE])

    with pytest.raises(EditConflict) as conflict:
        propose(agreement, sam, 1, [SIGNAL, PAUSE])

    assert conflict.value.latest.number == 2
    assert agreement.versions.count() == 2


def test_accepting_a_version_that_has_since_changed_is_refused(agreement, alex, sam):
    propose(agreement, alex, 0, [SIGNAL])
    propose(agreement, alex, 1, [SIGNAL, RESPONSE])

    with pytest.raises(VersionChanged) as changed:
        accept_version(agreement=agreement, person=sam, number=1)

    assert changed.value.latest.number == 2
    agreement.refresh_from_db()
    assert agreement.active_version is None


def test_saving_the_same_clauses_again_is_refused(agreement, alex):
    propose(agreement, alex, 0, [SIGNAL])

    with pytest.raises(AgreementError, match="Nothing has changed"):
        propose(agreement, alex, 1, [SIGNAL])


def test_an_ended_couples_agreement_is_archived_but_still_readable_by_both(
    agreement, alex, sam, couple
):
    propose(agreement, alex, 0, [SIGNAL])
    accept_version(agreement=agreement, person=sam, number=1)
    couple.end()
    agreement.refresh_from_db()

    assert agreement.is_archived
    assert list(Agreement.objects.visible_to(sam)) == [agreement]
    assert list(Agreement.objects.visible_to(alex)) == [agreement]
    with pytest.raises(AgreementError, match="archived"):
        propose(agreement, sam, 1, [RESPONSE])


def test_the_pause_limit_comes_from_the_active_pause_rule(agreement, alex, sam):
    assert agreement.pause_limit_minutes() == 60
    propose(agreement, alex, 0, [SIGNAL, PAUSE])
    accept_version(agreement=agreement, person=sam, number=1)

    agreement.refresh_from_db()
    assert agreement.pause_limit_minutes() == 45


def test_nobody_else_can_see_an_agreement(agreement, casey):
    assert list(Agreement.objects.visible_to(casey)) == []


def test_a_new_couple_starts_a_new_agreement(agreement, alex, sam, couple):
    couple.end()
    casey = make_person("casey")
    new_couple = make_couple(alex, casey)

    assert Agreement.for_couple(new_couple) != agreement


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite has none)"
)
@pytest.mark.django_db(transaction=True)
def test_two_partners_saving_at_once_never_lose_an_edit(alex, sam):
    agreement = Agreement.for_couple(make_couple(alex, sam))
    propose(agreement, alex, 0, [SIGNAL])
    start = threading.Barrier(2)
    outcomes = {}

    def save(person, clauses):
        start.wait()
        try:
            outcomes[person.email] = propose(agreement, person, 1, clauses).number
        except EditConflict as conflict:
            outcomes[person.email] = f"conflict with {conflict.latest.number}"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(alex, [SIGNAL, RESPONSE])),
        threading.Thread(target=save, args=(sam, [SIGNAL, PAUSE])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes.values(), key=str) == [2, "conflict with 2"]
    assert agreement.versions.count() == 2
