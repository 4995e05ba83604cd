import io
import json
import zipfile
from datetime import UTC, datetime, timedelta

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement
from agreements.signals_and_pauses import come_back, send_signal, start_pause
from agreements.versions import accept_version, propose_version
from couplespace.models import Care, Couple, TherapistProfile, User
from couplespace.therapy import step_for
from programs.models import Checkpoint
from tests.agreements.conftest import PAUSE, SIGNAL
from tests.conftest import make_person, reauthenticated
from tests.programs_helpers import (
    SECOND,
    enrol,
    load_program,
    load_second_program,
    write_checkpoints,
)

WISH_LIST = reverse("programs:step", args=[SECOND, "wish-list"])
SAFETY_PLAN = reverse("programs:step", args=[SECOND, "safety-plan"])
TOUCH_LOG = reverse("programs:step", args=[SECOND, "touch-log"])


def exported(client) -> tuple[dict, dict[str, str]]:
    response = reauthenticated(client).post(reverse("export_data"))
    assert response["Content-Disposition"] == 'attachment; filename="couplespace-export.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    csvs = {
        name: archive.read(name).decode() for name in archive.namelist() if name.endswith(".csv")
    }
    return json.loads(archive.read("couplespace.json")), csvs


def test_export_has_what_i_wrote_as_json_and_csv_and_nothing_of_my_partners(
    client_for, alex, sam, couple
):
    agreement = Agreement.for_couple(couple)
    propose_version(
        agreement=agreement,
        author=alex,
        base_number=0,
        clauses=[SIGNAL],
        note="A first draft, to start somewhere.",
    )
    propose_version(
        agreement=agreement,
        author=sam,
        base_number=1,
        clauses=[SIGNAL, PAUSE],
        note="Sam's reason for a pause.",
    )

    data, csvs = exported(client_for(alex))

    assert data["account"][0]["email"] == "alex@example.com"
    assert [c["text"] for c in data["agreement_clauses_i_wrote"]] == [SIGNAL.text]
    assert [(v["number"], v["note"]) for v in data["agreement_versions_i_proposed"]] == [
        (1, "A first draft, to start somewhere.")
    ]
    assert PAUSE.text not in json.dumps(data)
    assert "Sam's reason for a pause." not in json.dumps(data)
    assert SIGNAL.text in csvs["csv/agreement_clauses_i_wrote.csv"]
    assert "A first draft, to start somewhere." in csvs["csv/agreement_versions_i_proposed.csv"]
    assert "csv/account.csv" in csvs


def test_export_has_the_signals_i_sent_and_the_pauses_i_took_not_my_partners(
    client_for, alex, sam, couple
):
    agreement = Agreement.for_couple(couple)
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL, PAUSE])
    accept_version(agreement=agreement, person=sam, number=1)
    agreement.refresh_from_db()
    with time_machine.travel(datetime(2026, 5, 4, 18, 0, tzinfo=UTC), tick=False) as clock:
        send_signal(agreement=agreement, sender=alex)
        clock.shift(timedelta(minutes=5))
        send_signal(agreement=agreement, sender=sam)
        clock.shift(timedelta(hours=1))
        pause = start_pause(agreement=agreement, person=alex, minutes=20)
        clock.shift(timedelta(minutes=15))
        come_back(pause=pause, person=alex, note="Calmer after a walk.")
        clock.shift(timedelta(hours=1))
        start_pause(agreement=agreement, person=sam, minutes=10)

    data, csvs = exported(client_for(alex))

    assert data["signals_i_sent"] == [
        {"agreement": agreement.pk, "sent_at": "2026-05-04T18:00:00Z", "answered_at": None}
    ]
    assert data["pauses_i_took"] == [
        {
            "agreement": agreement.pk,
            "started_at": "2026-05-04T19:05:00Z",
            "ends_at": "2026-05-04T19:25:00Z",
            "returned_at": "2026-05-04T19:20:00Z",
            "return_note": "Calmer after a walk.",
        }
    ]
    assert "2026-05-04 19:05:00+00:00" in csvs["csv/pauses_i_took.csv"]


def test_a_therapists_export_has_what_they_wrote_and_nothing_their_client_wrote(
    client_for, alex, sam, couple
):
    theo = make_person("theo")
    client_for(theo).post(
        reverse("therapist_apply"),
        {"professional_name": "Theo Lin, MFT", "credentials": "CA LMFT 0001, check at bbs.ca.gov"},
    )
    TherapistProfile.objects.update(verified_at=timezone.now())
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, {"agreement"})
    agreement = Agreement.for_couple(couple)
    propose_version(
        agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL], note="Alex's own note."
    )
    accept_version(agreement=agreement, person=sam, number=1)
    theo_client = client_for(theo)
    assert SIGNAL.text in theo_client.get(reverse("agreements:for_therapist", args=[care.pk])).text
    page = reverse("therapist_client", args=[care.pk])
    theo_client.post(page, {"text": "Explore the pursuit pattern next session."})
    due = (timezone.now() + timedelta(days=7)).date().isoformat()
    theo_client.post(page, {"step": "agreement", "due_date": due, "note": "Read it together."})

    data, csvs = exported(theo_client)

    assert [
        (row["professional_name"], row["credentials"], row["verified_at"] is not None)
        for row in data["therapist_application"]
    ] == [("Theo Lin, MFT", "CA LMFT 0001, check at bbs.ca.gov", True)]
    assert [(row["care"], row["email"]) for row in data["therapist_invitations_sent"]] == [
        (care.pk, "alex@example.com")
    ]
    assert [(row["care"], row["text"]) for row in data["therapist_notes"]] == [
        (care.pk, "Explore the pursuit pattern next session.")
    ]
    assert [
        (row["care"], row["step"], row["note"], row["due_date"])
        for row in data["therapist_assignments_set"]
    ] == [(care.pk, "agreement", "Read it together.", due)]
    assert "Explore the pursuit pattern" in csvs["csv/therapist_notes.csv"]
    assert SIGNAL.text not in json.dumps(data)
    assert "Alex's own note." not in json.dumps(data)
    assert alex.display_name not in json.dumps(data)

    alexs = json.dumps(exported(client_for(alex))[0])
    assert "Explore the pursuit pattern" not in alexs
    assert "Read it together." not in alexs
    assert "Theo Lin" not in alexs


def test_export_asks_for_the_password_again_then_comes_back_to_its_page(client_for, alex):
    client = client_for(alex)

    asked = client.get(reverse("export_data"))

    assert asked.url.startswith(reverse("account_reauthenticate"))
    back = client.post(asked.url, {"password": "alex-pass"})
    assert back.status_code == 302 and back.url == reverse("export_data")
    page = client.get(back.url)
    assert "Download the zip file" in page.text and "unencrypted" in page.text
    done = client.post(reverse("export_data"))
    assert done["Content-Disposition"] == 'attachment; filename="couplespace-export.zip"'


def test_a_download_asked_for_without_the_page_still_needs_the_password(client_for, alex):
    client = client_for(alex)

    asked = client.post(reverse("export_data"))

    assert asked.url.startswith(reverse("account_reauthenticate"))
    done = client.post(asked.url, {"password": "alex-pass"})
    assert done["Content-Disposition"] == 'attachment; filename="couplespace-export.zip"'


def test_a_wrong_password_exports_nothing(client_for, alex):
    client = client_for(alex)
    asked = client.get(reverse("export_data"))

    response = client.post(asked.url, {"password": "nope"})

    assert "Content-Disposition" not in response
    assert "Download the zip file" not in response.text
    assert client.get(reverse("export_data")).url.startswith(reverse("account_reauthenticate"))
    assert client.post(reverse("export_data")).url.startswith(reverse("account_reauthenticate"))


def test_export_needs_an_account(client, db):
    for method in (client.get, client.post):
        response = method(reverse("export_data"))

        assert response.url.startswith(reverse("account_login"))


def test_a_wrong_password_deletes_nothing(client_for, alex):
    response = client_for(alex).post(reverse("delete_account"), {"password": "nope"})

    assert response.status_code == 400
    assert "That password is not right." in response.content.decode()
    assert User.objects.filter(pk=alex.pk).exists()


def test_deleting_ends_every_session_and_leaves_the_partner_their_copy(alex, sam, couple):
    agreement = Agreement.for_couple(couple)
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL])
    accept_version(agreement=agreement, person=sam, number=1)
    phone, laptop = Client(), Client()
    for device in (phone, laptop):
        device.post(
            reverse("account_login"), {"login": "alex@example.com", "password": "alex-pass"}
        )

    response = laptop.post(reverse("delete_account"), {"password": "alex-pass"}, follow=True)

    assert "Your account and everything you wrote have been deleted." in response.content.decode()
    assert not User.objects.filter(email="alex@example.com").exists()
    assert phone.get(reverse("workspace")).status_code == 302
    assert Couple.objects.get(pk=couple.pk).ended_at is not None
    sam.forget_membership()
    assert sam.couple is None
    assert list(Agreement.objects.visible_to(sam)) == [agreement]
    agreement.refresh_from_db()
    assert agreement.is_archived
    assert agreement.active_version.clause_texts() == [SIGNAL]


def test_the_partner_keeps_their_entries_in_a_program_the_deleted_person_started(
    client_for, alex, sam, couple
):
    load_program()
    together = enrol(alex, day=3, together=True)
    write_checkpoints(sam, together, 2, affected="sam's own words")

    alex.delete_account()

    assert [entry.affected for entry in Checkpoint.objects.filter(author=sam)] == [
        "sam's own words",
        "sam's own words",
    ]
    assert "Day 3" in client_for(sam).get(reverse("programs:path")).text


def test_export_has_my_check_ins_and_not_my_partners(client_for, alex, sam, couple):
    load_program()
    write_checkpoints(alex, enrol(alex, day=3, together=True), 2, affected="my words")
    write_checkpoints(sam, enrol(sam, day=3), 2, affected="sam's words", shared_with_partner=True)

    data, csvs = exported(client_for(alex))

    assert [entry["affected"] for entry in data["check_ins"]] == ["my words", "my words"]
    assert "sam's words" not in json.dumps(data)
    assert "my words" in csvs["csv/check_ins.csv"]


def test_a_therapist_can_assign_the_test(db):
    assert step_for("test").url == "/test/"


def test_a_password_typed_again_long_ago_is_not_enough_to_export(client_for, alex):
    """allauth's reauthentication counts only while it is recent (five minutes)."""
    client = reauthenticated(client_for(alex))
    assert "Content-Disposition" in client.post(reverse("export_data"))

    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        asked = client.post(reverse("export_data"))

    assert asked.url.startswith(reverse("account_reauthenticate"))


def test_the_export_has_my_wish_answers_plan_and_log_and_nothing_of_my_partners(
    client_for, alex, sam, couple
):
    load_program()
    load_second_program()
    enrol(alex, day=9, together=True, slug=SECOND)
    client_for(alex).post(WISH_LIST, {"massage": "no"})
    client_for(sam).post(WISH_LIST, {"toys": "yes"})
    client_for(alex).post(SAFETY_PLAN, {"signal": "pineapple", "after": "", "refusal": ""})
    client_for(sam).post(TOUCH_LOG, {"text": "Sam's hug.", "shared_with_partner": "on"})
    client_for(alex).post(TOUCH_LOG, {"text": "Alex's hug."})

    data, csvs = exported(client_for(alex))

    assert [(a["item"], a["answer"]) for a in data["wish_list_answers"]] == [("massage", "no")]
    assert [(p["section"], p["text"]) for p in data["plans_written_together"]] == [
        ("signal", "pineapple")
    ]
    assert [line["text"] for line in data["program_logs"]] == ["Alex's hug."]
    assert "Sam's hug." not in str(data)
    assert "toys" not in str(data)
    assert "pineapple" in csvs["csv/plans_written_together.csv"]
