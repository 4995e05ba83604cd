"""The instruction bench's program, run under callgrind: `python -m tests.perf.instruction_mix
KIND COUNT`, in the production settings over the bench's prepared database.

KIND is `visit` (the load bench's visit: open Today, save this moment's check-in, read the week,
one screen of the test, see load_driver.Person.visit) or `hello` (the load bench's hello-world,
requested by the same signed-in people). It signs the people in, makes one round of warm-up
requests (templates compiled, fragments cached), then COUNT more, and prints how many requests
it made in all. The clock is held at noon UTC
of today and the random choices are seeded, so a run asks for the same pages each time.
"""

import random
import sys
from datetime import UTC, datetime

import django
import time_machine

from tests.perf.load_driver import answers_to, check_in_form

PEOPLE = 5


class Visitor:
    requests = 0

    def __init__(self, client):
        self.client = client
        self.moment = 0
        self.test_screen: str | None = None

    def get(self, path: str, expect: int = 200):
        return self.check(self.client.get(path, secure=True), expect)

    def post(self, path: str, form: dict):
        return self.check(self.client.post(path, form, secure=True), 302)

    @staticmethod
    def check(response, expect: int):
        Visitor.requests += 1
        if response.status_code != expect:
            raise SystemExit(f"{response.request['PATH_INFO']}: {response.status_code}")
        return response

    def visit(self) -> None:
        self.get("/space/")
        self.moment = (self.moment + 1) % 3
        check_in = check_in_form(str(self.moment), shared=False)
        self.get(self.post("/program/check-in/", check_in)["Location"])
        if self.test_screen is None:
            self.get("/test/")
            self.test_screen = self.post("/test/begin/", {})["Location"]
        answers = answers_to(self.get(self.test_screen).content.decode())
        after = self.post(self.test_screen, answers)["Location"]
        self.test_screen = None if after.startswith("/test/result/") else after
        if self.test_screen is None:
            self.get(after)

    def hello(self) -> None:
        self.get("/hello/")


def main(kind: str, count: int) -> None:
    django.setup()
    from django.test import Client

    from couplespace.models import User

    random.seed(0)
    visitors = []
    for person in User.objects.filter(email__startswith="alex").order_by("pk")[:PEOPLE]:
        client = Client(HTTP_HOST="couplespace.test")
        client.force_login(person)
        visitors.append(Visitor(client))
    for number in range(len(visitors) + count):
        getattr(visitors[number % len(visitors)], kind)()
    print(Visitor.requests)


if __name__ == "__main__":
    noon = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    with time_machine.travel(noon, tick=False):
        main(sys.argv[1], int(sys.argv[2]))
