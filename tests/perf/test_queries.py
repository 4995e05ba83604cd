"""Queries per page with 10 and with 1,000 check-ins (tests/test_programs.py asserts they match)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import make_couple, make_person
from tests.perf.conftest import bench
from tests.programs_helpers import enrol, load_program, write_checkpoints


@pytest.mark.parametrize("page", ["path", "checkpoint", "partner"])
def test_queries_per_page(db, client, page):
    load_program()
    for entries in (10, 1000):
        person, partner = make_person(f"p{entries}"), make_person(f"q{entries}")
        make_couple(person, partner)
        enrollment = enrol(person, day=9, together=True)
        write_checkpoints(person, enrollment, entries, shared_with_partner=True)
        write_checkpoints(partner, enrollment, entries, shared_with_partner=True)
        client.force_login(person)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(f"programs:{page}")).status_code == 200
        bench(f"queries_{page}_page_{entries}_entries", len(queries), "queries")
