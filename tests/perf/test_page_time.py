"""Time per page, in-process: the load run's pages against hello-world, with no server or load
tool in between, so a change to one page shows in a minute and with little noise.

Each page is asked for many times in turn by a signed-in person of tests/perf/load_people.py
(day 9 of the program together, a week of check-ins); the median of each is printed, and its
ratio to hello-world's median, which is the baseline run alongside. No test's transaction wraps
the requests (transactional_db), as in production. The load run (test_load.py) says what a
server under load does with these costs.
"""

import itertools
import statistics
import time

import pytest
from django.test import Client, RequestFactory
from django.test.client import ClientHandler

from couplespace.models import User
from tests.perf.conftest import bench
from tests.perf.load_driver import RADIO
from tests.perf.load_people import populate
from tests.programs_helpers import load_program

ROUNDS = 60


class QuietClient(RequestFactory):
    """Django's test client without its capture of every template's context, which on a page of
    many small templates costs as much as rendering them."""

    def __init__(self, person):
        super().__init__()
        self.handler = ClientHandler(enforce_csrf_checks=False)
        signed_in = Client()
        signed_in.force_login(person)
        self.cookies = signed_in.cookies

    def request(self, **request):
        response = self.handler(self._base_environ(**request))
        self.cookies.update(response.cookies)
        return response


def check_in(moment: str) -> dict:
    return {
        "moment": moment,
        "temperature": "4",
        "affected": "A quiet evening together after a long day.",
        "body_responses": ["tense", "warm"],
        "behaviour": "approach",
    }


@pytest.mark.urls("tests.perf.load_urls")
def test_time_per_page(transactional_db):
    load_program()
    populate(2)
    client = QuietClient(User.objects.get(email="alex0@example.com"))
    moments = itertools.cycle("012")
    screen = client.post("/test/begin/")["Location"]
    answers = dict(RADIO.findall(client.get(screen).content.decode()))
    pages = {
        "hello": lambda: client.get("/hello/"),
        "home": lambda: client.get("/space/"),
        "save_a_check_in": lambda: client.post("/program/check-in/", check_in(next(moments))),
        "the_weeks_chart": lambda: client.get("/program/check-in/?week=2"),
        "test_questions": lambda: client.get(screen),
        "test_answer": lambda: client.post(screen, answers),
    }
    medians = {}
    for name, ask in pages.items():
        for _ in range(5):
            assert ask().status_code in (200, 302), name
        timings = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            ask()
            timings.append(time.perf_counter() - started)
        medians[name] = statistics.median(timings) * 1000

    for name, median in medians.items():
        bench(f"page_ms_{name}", median, "ms")
    for name, median in medians.items():
        if name != "hello":
            bench(f"page_ratio_{name}", median / medians["hello"], "x hello-world")
