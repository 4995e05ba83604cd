"""What people write about themselves is encrypted at rest, with a key per person.

The tests read the tables the way a database dump would: raw rows, no model in between.
"""

import base64
from io import StringIO

import pytest
import time_machine
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Agreement, Clause
from couplespace import encryption
from couplespace.encryption import EncryptionError, encrypted_fields, is_token
from couplespace.models import PersonKey, User
from programs.models import Checkpoint, PracticeEntry
from tests.programs_helpers import enrol, load_program

SECRET = "I am scared the debt will end us and I have not told Sam"


def raw_column(model, field_name: str) -> list[str]:
    column = connection.ops.quote_name(model._meta.get_field(field_name).column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {connection.ops.quote_name(model._meta.db_table)}")
        return [value for (value,) in cursor.fetchall()]


def dump() -> str:
    """Every row of every table, as text: what a stolen backup would show."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        text = []
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            text.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(text)


@pytest.fixture
def demo(db):
    call_command("demo", stdout=StringIO())
    return {person.email.split("@")[0]: person for person in User.objects.all()}


@time_machine.travel("2026-12-02 08:30Z", tick=False)  # the morning check-in is the one open
def test_a_check_in_note_is_shown_to_its_writer_and_absent_from_a_dump(client_for, alex):
    load_program()
    enrol(alex, day=2)
    client = client_for(alex)

    client.post(
        reverse("programs:checkpoint"),
        {"moment": "0", "temperature": "3", "affected": SECRET, "behaviour": "withdraw"},
    )

    assert SECRET in client.get(reverse("programs:checkpoint")).text
    assert SECRET not in dump()
    assert "debt" not in dump()  # not even a word of it
    assert is_token(raw_column(Checkpoint, "affected")[0])


def test_changing_a_check_in_reads_its_writers_keys_once(client_for, alex, transactional_db):
    """Without a test's wrapping transaction, as a request runs in production."""
    load_program()
    enrol(alex, day=2)
    client = client_for(alex)
    answers = {"moment": "0", "temperature": "3", "affected": SECRET, "behaviour": "withdraw"}
    client.post(reverse("programs:checkpoint"), answers)
    encryption.forget_keys()

    with CaptureQueriesContext(connection) as queries:
        client.post(reverse("programs:checkpoint"), {**answers, "affected": "Better now."})

    key_reads = [q for q in queries if 'FROM "couplespace_personkey"' in q["sql"]]
    assert len(key_reads) == 1  # opening the old note and sealing the new one share it
    assert Checkpoint.objects.get().affected == "Better now."


def test_no_encrypted_column_of_the_demo_holds_plain_text(demo):
    for model, fields in encrypted_fields():
        for field in fields:
            values = [value for value in raw_column(model, field.name) if value]
            assert values, f"the demo writes no {field.model.__name__}.{field.name}"
            assert all(is_token(value) for value in values), f"{model.__name__}.{field.name}"


def test_the_demo_text_reads_back_through_the_models(demo):
    texts = set(PracticeEntry.objects.values_list("text", flat=True))

    assert "Coffee in bed, and we laughed about the cat." in texts
    assert "Coffee in bed" not in dump()


def test_each_person_has_their_own_key(demo):
    writers = {
        encryption.key_id_of(token)
        for token in raw_column(Checkpoint, "affected") + raw_column(PracticeEntry, "text")
        if token
    }

    owners = set(PersonKey.objects.filter(pk__in=writers).values_list("person__email", flat=True))
    assert owners == {"alex@example.com", "sam@example.com"}


def test_a_token_moved_into_another_column_does_not_open(demo):
    token = raw_column(PracticeEntry, "text")[0]

    with pytest.raises(EncryptionError):
        encryption.decrypt(token, "programs.Checkpoint.affected")


def test_search_and_update_by_text_are_refused_rather_than_silently_wrong(demo):
    with pytest.raises(EncryptionError):
        PracticeEntry.objects.filter(text="Coffee in bed, and we laughed about the cat.").count()
    with pytest.raises(EncryptionError):
        PracticeEntry.objects.update(text="overwritten in plain text")


def test_deleting_an_account_destroys_the_key_so_an_old_backup_cannot_be_read(demo):
    alex = demo["alex"]
    backup = raw_column(PracticeEntry, "text")
    alex_tokens = [
        token
        for token in backup
        if PersonKey.objects.get(pk=encryption.key_id_of(token)).person_id == alex.pk
    ]

    alex.delete_account()
    encryption.forget_keys()

    assert not PersonKey.objects.filter(person_id=alex.pk).exists()
    for token in alex_tokens:
        assert encryption.decrypt(token, "programs.PracticeEntry.text") is None


def test_the_partner_keeps_a_readable_agreement_after_its_writer_deletes_their_account(demo):
    alex, sam = demo["alex"], demo["sam"]
    agreement = Agreement.objects.get(parties=sam)
    before = {
        clause.pk: clause.text for clause in Clause.objects.filter(version__agreement=agreement)
    }
    assert agreement.versions.filter(created_by=alex).exists()

    alex.delete_account()
    encryption.forget_keys()

    after = {
        clause.pk: clause.text for clause in Clause.objects.filter(version__agreement=agreement)
    }
    assert after == before
    keys = {encryption.key_id_of(token) for token in raw_column(Clause, "text")}
    assert set(PersonKey.objects.filter(pk__in=keys).values_list("person", flat=True)) == {sam.pk}


def test_a_deleted_writers_words_restored_from_a_backup_read_as_gone(demo):
    alex, sam = demo["alex"], demo["sam"]
    alex_key = PersonKey.objects.get(person=alex).pk
    token = next(
        t for t in raw_column(PracticeEntry, "text") if encryption.key_id_of(t) == alex_key
    )
    alex.delete_account()
    encryption.forget_keys()
    entry = PracticeEntry.objects.filter(author=sam).first()
    with connection.cursor() as cursor:  # as if alex's row came back from an old backup
        cursor.execute(
            f"UPDATE {PracticeEntry._meta.db_table} SET text = %s WHERE id = %s", [token, entry.pk]
        )

    entry.refresh_from_db()

    assert entry.text == "(This text can no longer be read.)"


def test_rotation_rewraps_every_key_so_the_old_environment_key_can_go(demo, settings):
    old = settings.ENCRYPTION_KEYS[0]
    new = Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [new, old]
    before = sorted(PracticeEntry.objects.values_list("text", flat=True))

    call_command("rotate_encryption_keys", stdout=StringIO())

    settings.ENCRYPTION_KEYS = [new]
    encryption.forget_keys()
    for key in PersonKey.objects.all():
        Fernet(new).decrypt(key.wrapped.encode())
    assert sorted(PracticeEntry.objects.values_list("text", flat=True)) == before


def test_without_rotation_dropping_the_old_key_is_refused_loudly(demo, settings):
    settings.ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    encryption.forget_keys()

    with pytest.raises(EncryptionError, match="ENCRYPTION_KEYS"):
        list(PracticeEntry.objects.values_list("text", flat=True))


def test_renewing_data_keys_re_encrypts_every_value_and_the_next_run_deletes_the_old_keys(demo):
    before_keys = set(PersonKey.objects.values_list("pk", flat=True))
    before = {
        model: sorted(map(repr, model.objects.values_list(*[f.name for f in fields])))
        for model, fields in encrypted_fields()
    }

    out = StringIO()
    call_command("rotate_encryption_keys", "--data-keys", stdout=out)

    encryption.forget_keys()
    for model, fields in encrypted_fields():
        assert (
            sorted(map(repr, model.objects.values_list(*[f.name for f in fields])))
            == (before[model])
        )
        for field in fields:
            for token in filter(None, raw_column(model, field.name)):
                assert encryption.key_id_of(token) not in before_keys
    assert "deleted 0 old keys" in out.getvalue()
    assert PersonKey.objects.filter(pk__in=before_keys).count() == len(before_keys)

    out = StringIO()
    call_command("rotate_encryption_keys", "--data-keys", stdout=out)

    assert not PersonKey.objects.filter(pk__in=before_keys).exists()
    assert f"deleted {len(before_keys)} old keys" in out.getvalue()


def test_a_write_with_the_old_key_just_after_a_renewal_stays_readable(demo):
    """A request that read its person's key just before the renewal committed writes with it
    just after: that key is kept, and the next renewal re-encrypts the text and deletes it."""
    entry = PracticeEntry.objects.first()
    field = PracticeEntry._meta.get_field("text")
    old_key = PersonKey.objects.filter(person=entry.author).latest("pk")

    call_command("rotate_encryption_keys", "--data-keys", stdout=StringIO())
    nonce = b"\0" * encryption.NONCE_BYTES
    sealed = AESGCM(old_key.unwrap()).encrypt(nonce, b"written late", field.context.encode())
    late = f"{encryption.PREFIX}{old_key.pk}:{base64.b64encode(nonce + sealed).decode()}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {PracticeEntry._meta.db_table} SET text = %s WHERE id = %s", [late, entry.pk]
        )
    encryption.forget_keys()

    entry.refresh_from_db()
    assert entry.text == "written late"

    call_command("rotate_encryption_keys", "--data-keys", stdout=StringIO())
    encryption.forget_keys()

    assert not PersonKey.objects.filter(pk=old_key.pk).exists()
    entry.refresh_from_db()
    assert entry.text == "written late"


def test_rotation_encrypts_text_written_before_encryption(demo):
    entry = PracticeEntry.objects.first()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {PracticeEntry._meta.db_table} SET text = %s WHERE id = %s",
            ["written before the upgrade", entry.pk],
        )

    call_command("rotate_encryption_keys", stdout=StringIO())

    assert "written before the upgrade" not in dump()
    entry.refresh_from_db()
    assert entry.text == "written before the upgrade"


def test_new_key_prints_a_key_the_settings_accept():
    out = StringIO()

    call_command("rotate_encryption_keys", "--new-key", stdout=out)

    Fernet(out.getvalue().strip())
