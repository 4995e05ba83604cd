"""Delete alex's account on a SQLite file and report what of theirs the files still hold.

tests/test_erasure.py runs this in a process of its own, with VAR_DIR naming an empty folder:
the test suite's database lives in memory, and only a file shows what a stolen disk would.
SQLite is made to behave as when it is built without SECURE_DELETE (Debian's is built with it,
others are not), so the result does not depend on how it was built. It prints, as JSON, how many
of the byte strings it captured (alex's wrapped keys, the start of each of their ciphertexts and
their address) the files held before the deletion and which they still hold after it.
"""

import json
import os
import sqlite3
import sys
from io import StringIO
from pathlib import Path

import django

real_connect = sqlite3.dbapi2.connect


def connect_as_if_built_without_secure_delete(*args, **kwargs):
    connection = real_connect(*args, **kwargs)
    connection.execute("PRAGMA secure_delete=OFF")
    return connection


def traces_of(person) -> list[str]:
    from couplespace import encryption
    from couplespace.models import PersonKey

    keys = dict(PersonKey.objects.filter(person=person).values_list("pk", "wrapped"))
    traces = [person.email, *keys.values()]
    for model, fields in encryption.encrypted_fields():
        for row in encryption._raw_columns(model, fields):
            for field in fields:
                token = row[f"raw_{field.name}"]
                if encryption.is_token(token) and encryption.key_id_of(token) in keys:
                    traces.append(token[:64])
    return traces


def sealed_safety_answer_of(person) -> str:
    """The person's safety answer as its table holds it, as traced (its first 64 characters)."""
    from django.db.models import TextField
    from django.db.models.functions import Cast

    from couplespace.models import SafetyAnswer

    stored = SafetyAnswer.objects.filter(person=person).annotate(
        raw=Cast("feels_afraid", TextField())
    )
    return stored.values_list("raw", flat=True).get()[:64]


def held(traces: list[str], folder: Path) -> list[str]:
    files = b"".join(path.read_bytes() for path in sorted(folder.glob("db.sqlite3*")))
    return [trace for trace in traces if trace.encode() in files]


def main() -> None:
    sqlite3.dbapi2.connect = connect_as_if_built_without_secure_delete
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from couplespace.management.commands.demo import PASSWORD
    from couplespace.models import User

    folder = Path(os.environ["VAR_DIR"])
    call_command("migrate", verbosity=0)
    call_command("demo", stdout=StringIO())
    # A worker's connection stays open, as on a running site: SQLite folds the WAL into the
    # file and removes it only when the last connection closes.
    worker = real_connect(folder / "db.sqlite3")
    alex = User.objects.get(email="alex@example.com")
    traces = traces_of(alex)
    answer = sealed_safety_answer_of(alex)
    before = held(traces, folder)
    client = Client()
    client.force_login(alex)
    response = client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 302, response.status_code
    assert not User.objects.filter(email="alex@example.com").exists()
    after = held(traces, folder)
    worker.close()
    report = {"captured": len(traces), "before": len(before), "after": after}
    report["safety_answer_traced"] = answer in traces
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
