"""Commitments to oneself: the agreement step for someone following the program on their own."""

import json

import pytest
from django.urls import reverse

from agreements.models import Commitment
from couplespace.models import Care
from tests.programs_helpers import enrol, load_program
from tests.test_account_data import exported

PROMISE = "When I feel the old panic, I take ten slow breaths before I answer."


def test_someone_on_their_own_writes_changes_and_deletes_a_commitment(client_for, casey):
    client = client_for(casey)

    added = client.post(reverse("agreements:commitments"), {"text": PROMISE}, follow=True)

    assert "Added to your commitments." in added.text
    assert PROMISE in added.text
    commitment = Commitment.objects.get()
    edit = reverse("agreements:edit_commitment", args=[commitment.pk])
    changed = client.post(edit, {"text": "I call Jo on Sundays."}, follow=True)
    assert "I call Jo on Sundays." in changed.text and PROMISE not in changed.text
    client.post(reverse("agreements:delete_commitment", args=[commitment.pk]))
    assert not Commitment.objects.exists()


@pytest.mark.parametrize(
    "text, message",
    [("", "This field is required."), ("x" * 501, "at most 500 characters")],
)
def test_a_commitment_that_is_empty_or_too_long_is_explained_and_kept(
    client_for, casey, text, message
):
    response = client_for(casey).post(reverse("agreements:commitments"), {"text": text})

    assert response.status_code == 400
    assert message in response.text
    assert text in response.text
    assert not Commitment.objects.exists()


def test_only_the_writer_reaches_a_commitment(client_for, alex, sam, casey, couple, theo):
    Care.objects.create(therapist=theo, email=alex.email).accept(alex, {"checkpoint_entries"})
    commitment = Commitment.objects.create(person=alex, text=PROMISE)

    for someone in (sam, casey, theo):
        client = client_for(someone)
        edit = reverse("agreements:edit_commitment", args=[commitment.pk])
        delete = reverse("agreements:delete_commitment", args=[commitment.pk])
        assert client.get(edit).status_code == 404
        assert client.post(edit, {"text": "changed"}).status_code == 404
        assert client.post(delete).status_code == 404
        assert PROMISE not in client.get(reverse("agreements:commitments")).text
    commitment.refresh_from_db()
    assert commitment.text == PROMISE


def test_commitments_are_in_their_writers_export_only(client_for, alex, sam, couple):
    Commitment.objects.create(person=alex, text=PROMISE)

    mine, _ = exported(client_for(alex))
    theirs, _ = exported(client_for(sam))

    assert [row["text"] for row in mine["commitments_to_myself"]] == [PROMISE]
    assert PROMISE not in json.dumps(theirs)


def test_the_agreement_page_and_the_solo_path_lead_to_the_commitments(client_for, casey):
    load_program()
    enrol(casey, day=16)
    client = client_for(casey)
    link = f'<a href="{reverse("agreements:commitments")}">'

    assert link + "Write commitments to myself</a>" in client.get(reverse("agreements:index")).text
    assert link + "Commitments to myself</a>" in client.get(reverse("programs:path")).text
