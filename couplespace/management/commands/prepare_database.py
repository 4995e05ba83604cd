"""Bring the database up to this release: `manage.py prepare_database`.

Applies the migrations, then loads the program content (`load_programs`). Each web replica runs
it as it starts (deploy/web). When several start together, as with `--scale web=3` or in a
rolling deploy, a PostgreSQL advisory lock lets one of them work while the others wait; those
then find nothing left to do, instead of racing to create the same tables.
"""

from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

# Any constant shared by every replica: the advisory lock's key ("CoupleSpace" in ASCII).
LOCK_KEY = 0x436F75706C655370


@contextmanager
def one_at_a_time():
    """Hold the release lock on PostgreSQL; elsewhere (SQLite, one host) there is no race."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])


class Command(BaseCommand):
    help = "Apply migrations and load program content, one process at a time."

    def handle(self, *args, **options):
        with one_at_a_time():
            call_command("migrate", interactive=False, verbosity=options["verbosity"])
            call_command("load_programs", verbosity=options["verbosity"])
