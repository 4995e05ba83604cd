"""Queries and time per test page with 1 and with 1,000 results per partner
(tests/assessments/test_queries.py asserts the query counts match)."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.instrument import instrument
from assessments.models import Result
from tests.assessments.conftest import answers_for, consent, make_result
from tests.conftest import make_couple, make_person
from tests.perf.conftest import bench


def pile_up(person, count):
    """`count` older results for `person`, written in one go."""
    now = timezone.now()
    Result.objects.bulk_create(
        Result.score(
            instrument=instrument(),
            answers=answers_for(anxiety=1 + n % 7, avoidance=1 + n % 5),
            owner=person,
            taken_at=now - timedelta(days=n + 1),
        )
        for n in range(count)
    )


@pytest.mark.parametrize("page", ["result", "history", "couple"])
def test_queries_and_time_per_page(db, client, page):
    for results in (1, 1000):
        person, partner = make_person(f"p{results}"), make_person(f"q{results}")
        make_couple(person, partner)
        latest = make_result(person, anxiety=6, avoidance=2)
        make_result(partner, anxiety=2, avoidance=6)
        pile_up(person, results - 1)
        pile_up(partner, results - 1)
        consent(person, partner)
        client.force_login(person)
        url = {
            "result": reverse("assessments:result", args=[latest.pk]),
            "history": reverse("assessments:history"),
            "couple": reverse("assessments:couple"),
        }[page]
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        elapsed = (time.perf_counter() - started) * 1000
        bench(f"queries_{page}_page_{results}_results", len(queries), "queries")
        bench(f"time_{page}_page_{results}_results", elapsed, "ms")
