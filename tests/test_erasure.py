"""Deleted means gone from the database's files too, not only from its tables."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from couplespace.management.commands.demo import PASSWORD
from couplespace.models import Care, Invitation, User
from programs.models import Enrollment, LogEntry, PlanPart, WishAnswer
from tests.conftest import make_person
from tests.erasure_probe import sealed_safety_answer_of, traces_of
from tests.test_encryption import dump

ROOT = Path(__file__).parent.parent


def test_a_deleted_persons_keys_words_and_address_are_gone_from_the_sqlite_files(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "tests.settings"}

    result = subprocess.run(
        [sys.executable, "-m", "tests.erasure_probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["captured"] > 20
    assert report["before"] == report["captured"]
    assert report["after"] == []
    assert report["safety_answer_traced"]


def test_invitations_others_sent_to_a_deleted_persons_address_keep_it_no_longer(
    client_for, alex, sam, casey, theo
):
    jordan = make_person("jordan")
    pending = Invitation.issue(inviter=casey, email=alex.email)
    used = Invitation.objects.create(
        inviter=jordan, email=alex.email, accepted_at=timezone.now(), accepted_by=sam
    )
    unanswered_care = Care.objects.create(therapist=theo, email=alex.email)
    care_of_casey = Care.objects.create(therapist=theo, email=casey.email)
    care_of_casey.accept(casey, set())
    # Accepted by another before invitations were bound to their address (issue 15, item 10).
    Care.objects.filter(pk=care_of_casey.pk).update(email=alex.email)

    client_for(alex).post(reverse("delete_account"), {"password": "alex-pass"})

    assert not Invitation.objects.filter(pk=pending.pk).exists()
    assert not Care.objects.filter(pk=unanswered_care.pk).exists()
    used.refresh_from_db()
    care_of_casey.refresh_from_db()
    assert (used.email, used.accepted_by) == ("", sam)
    assert (care_of_casey.email, care_of_casey.client, care_of_casey.is_current) == (
        "",
        casey,
        True,
    )
    assert "alex@example.com" not in dump()


def test_a_deleted_persons_second_program_goes_and_the_partner_keeps_the_plan(db, client):
    """The demo couple's wish lists, safety plan and touch log: alex's answers and lines go
    with alex; sam keeps sam's own, and a copy of the plan they wrote together, under sam's key."""
    call_command("demo", stdout=StringIO())
    alex, sam = (User.objects.get(email=f"{name}@example.com") for name in ("alex", "sam"))
    traces = [trace for trace in traces_of(alex) if trace.startswith("enc1:")]
    assert WishAnswer.objects.filter(person=alex).exists()
    assert LogEntry.objects.filter(author=alex).exists()
    client.force_login(alex)

    client.post(reverse("delete_account"), {"password": PASSWORD})

    assert not WishAnswer.objects.exclude(person=sam).exists()
    assert not LogEntry.objects.exclude(author=sam).exists()
    sams = Enrollment.objects.for_person(sam, "talking-about-sex")
    assert sams.person == sam
    plan = {part.section: part.text for part in PlanPart.objects.all()}
    assert set(plan) == {"signal", "after"} and "Pineapple" in plan["signal"]
    assert all(part.enrollment == sams for part in PlanPart.objects.all())
    assert [trace for trace in traces if trace.encode() in dump().encode()] == []


def database_files() -> bytes:
    """Every file of every table and index of the database, as on the server's disk."""
    with connection.cursor() as cursor:
        cursor.execute("CHECKPOINT")
        cursor.execute(
            "SELECT pg_read_binary_file(path) FROM (SELECT pg_relation_filepath(oid) AS path"
            " FROM pg_class WHERE relkind IN ('r', 't', 'i')) AS files"
            " WHERE path IS NOT NULL AND path NOT LIKE 'global/%%'"
        )
        return b"".join(bytes(content) for (content,) in cursor.fetchall())


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="reads PostgreSQL's own files; set DATABASE_URL to run",
)
def test_after_a_deletion_the_worker_rewrites_the_postgresql_tables_without_their_rows(client):
    call_command("demo", stdout=StringIO())
    alex = User.objects.get(email="alex@example.com")
    traces = traces_of(alex)
    assert sealed_safety_answer_of(alex) in traces
    assert [trace for trace in traces if trace.encode() not in database_files()] == []
    client.force_login(alex)

    client.post(reverse("delete_account"), {"password": PASSWORD})

    files = database_files()
    assert [trace for trace in traces if trace.encode() in files] == []
