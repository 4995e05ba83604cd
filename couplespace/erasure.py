"""Deleted means gone from the database's files, not only from its tables.

A deleted row's bytes stay in the file until something happens to overwrite them. On SQLite
every connection overwrites what it deletes with zeros (`PRAGMA secure_delete=ON` in
settings.py, whatever the build's default), and after a deletion the write-ahead log, which
still holds the pages as they were, is folded into the file and emptied. On PostgreSQL a plain
VACUUM is not enough: a row deleted from the end of a page was still in the page after it
(read with pageinspect), and gone after VACUUM FULL, which writes each table anew. So the
tables that hold what people wrote and who they are get a VACUUM FULL, in the worker.
"""

import logging

from allauth.account.models import EmailAddress
from django.db import DEFAULT_DB_ALIAS, connection, connections

from couplespace.encryption import encrypted_fields
from couplespace.models import Care, Invitation, PersonKey, User

logger = logging.getLogger(__name__)
# Long enough for the site's short transactions; a worker waiting longer would hold up every
# request that reads the table behind it. The task tries again later instead.
LOCK_TIMEOUT = "5s"


def tables_to_rewrite() -> list[str]:
    """The tables whose rows carry a person's keys, words or address."""
    models = {PersonKey, User, EmailAddress, Invitation, Care}
    models.update(model for model, _fields in encrypted_fields())
    return sorted(model._meta.db_table for model in models)


def erase_deleted_rows() -> None:
    if connection.vendor == "sqlite":
        fold_write_ahead_log()
    elif connection.vendor == "postgresql":
        rewrite_tables(tables_to_rewrite())


def fold_write_ahead_log() -> None:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        busy, _pages, _moved = cursor.fetchone()
    if busy:
        logger.warning("A reader kept the write-ahead log from being emptied after a deletion.")


def rewrite_tables(tables: list[str]) -> None:
    """VACUUM FULL each table, on a connection of its own: VACUUM cannot run in a transaction,
    and the caller's connection may be in one."""
    own = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with own.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
            for table in tables:
                cursor.execute(f"VACUUM FULL {own.ops.quote_name(table)}")
    finally:
        own.close()
