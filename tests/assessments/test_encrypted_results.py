"""What a person answers in the test, and what it says about them, is stored encrypted with their
key. A visitor's result, which names no one, is kept in clear until it is claimed, then sealed."""

from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection

from assessments.models import Result
from couplespace.encryption import EncryptionError, is_token
from tests.assessments.conftest import answers_for, make_result
from tests.assessments.test_taking import take_whole_test

COLUMNS = ("answers", "anxiety", "avoidance", "style", "stress_response", "sexual_level")


def db_id(result):
    return Result._meta.pk.get_db_prep_value(result.pk, connection)


def stored(result) -> dict[str, str]:
    """The result's columns as the table holds them."""
    columns = ", ".join(connection.ops.quote_name(column) for column in COLUMNS)
    table = connection.ops.quote_name(Result._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM {table} WHERE id = %s",
            [db_id(result)],
        )
        return dict(zip(COLUMNS, (str(value) for value in cursor.fetchone()), strict=True))


def read_back(result) -> tuple:
    again = Result.objects.get(pk=result.pk)
    return (
        again.answers,
        again.anxiety,
        again.avoidance,
        again.style,
        again.stress_response,
        again.sexual_level,
    )


AS_GIVEN = (
    answers_for(anxiety=6, avoidance=2, stress="withdraw", level="meaning"),
    Decimal("6.00"),
    Decimal("2.00"),
    "anxious",
    "withdraw",
    "meaning",
)


def test_a_result_is_stored_encrypted_and_reads_back_as_given(alex):
    result = make_result(alex, anxiety=6, avoidance=2, stress="withdraw", level="meaning")

    assert [column for column, value in stored(result).items() if not is_token(value)] == []
    assert read_back(result) == AS_GIVEN


def test_a_visitors_result_is_sealed_with_their_key_once_they_log_in(client, alex):
    take_whole_test(client, answers_for(anxiety=6, avoidance=2, stress="withdraw", level="meaning"))
    result = Result.objects.get()
    assert stored(result)["sexual_level"] == "meaning"

    client.login(email="alex@example.com", password="alex-pass")

    assert [column for column, value in stored(result).items() if not is_token(value)] == []
    assert read_back(result) == AS_GIVEN


def test_results_stored_in_clear_before_are_sealed_by_the_migration(alex):
    result = make_result(alex, anxiety=6, avoidance=2, stress="withdraw", level="meaning")
    before = {"anxiety": "6", "avoidance": "2.00", "style": "anxious"}
    before |= {"stress_response": "withdraw", "sexual_level": "meaning"}
    assignments = ", ".join(f"{connection.ops.quote_name(column)} = %s" for column in before)
    with connection.cursor() as cursor:  # as the first migration left them
        cursor.execute(
            f"UPDATE {Result._meta.db_table} SET {assignments}, answers = %s WHERE id = %s",
            [
                *before.values(),
                '{"stress_response": "withdraw", "sexual_level": "meaning"}',
                db_id(result),
            ],
        )

    import_module("assessments.migrations.0002_encrypt_results").seal_existing_results(apps, None)

    assert [column for column, value in stored(result).items() if not is_token(value)] == []
    assert read_back(result)[1:] == AS_GIVEN[1:]


def test_looking_results_up_by_what_they_say_is_refused(alex):
    make_result(alex)

    with pytest.raises(EncryptionError):
        Result.objects.filter(sexual_level="meaning").count()
