"""The load bench's load tool, run in its own process: `python -m tests.perf.load_driver`.

It reads its plan as JSON on stdin and signs every person in. Then it measures, with the same
number of concurrent users and no think time, the people's mix (open home, save a check-in,
read the week's chart, take the test one screen at a time) and hello-world requested by the
same signed-in people, in alternating slices, so that both meet the same conditions on the
machine. It writes what it measured as JSON on stdout.

It talks plain HTTP to gunicorn as a TLS-terminating proxy would (X-Forwarded-Proto, and each
person's own address in X-Forwarded-For), one connection per request: gunicorn's sync workers
close each one. Every response must be the one the step expects, a redirect to the expected
page included; anything else is an error, and the rest of that visit is skipped.
"""

import http.client
import itertools
import json
import random
import re
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode

RADIO = re.compile(r'<input type="radio" name="([^"]+)" value="([^"]*)"')
BODY_RESPONSES = ["tense", "relaxed", "warm", "restless"]
BEHAVIOURS = ["approach", "withdraw", "other"]


class Failed(Exception):
    """A response other than the one the step expects (already recorded as an error)."""


class Recorder:
    """Latencies and errors of one kind of request; list.append is atomic, so threads share it."""

    def __init__(self):
        self.timings: list[tuple[str, float]] = []
        self.errors: list[str] = []
        self.seconds = 0.0

    def record(self, name: str, seconds: float, problem: str | None) -> None:
        self.timings.append((name, seconds))
        if problem:
            self.errors.append(problem)

    def summary(self) -> dict:
        return {
            **percentiles([seconds for _, seconds in self.timings]),
            "errors": len(self.errors),
            "per_s": len(self.timings) / self.seconds,
        }

    def pages(self) -> dict:
        """Each kind of request's figures (those seen at least twice)."""
        by_name: dict[str, list[float]] = {}
        for name, seconds in self.timings:
            by_name.setdefault(name, []).append(seconds)
        return {name: percentiles(times) for name, times in by_name.items() if len(times) > 1}


def credentials(couples: int) -> list[tuple[str, str]]:
    """Each person's email and password, as load_people.populate makes them (make_person)."""
    names = [name for n in range(couples) for name in (f"alex{n}", f"sam{n}")]
    return [(f"{name}@example.com", f"{name}-pass") for name in names]


def percentiles(seconds: list[float]) -> dict:
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return {"count": len(seconds), "p50_ms": cuts[49] * 1000, "p95_ms": cuts[94] * 1000}


def check_in_form(moment: str, *, shared: bool) -> dict:
    """A check-in of `moment` ("0", "1" or "2") as a person fills it in, with random answers."""
    return {
        "moment": moment,
        "temperature": str(random.randint(0, 10)),
        "affected": "A quiet evening together after a long day.",
        "body_responses": random.sample(BODY_RESPONSES, 2),
        "behaviour": random.choice(BEHAVIOURS),
        **({"shared_with_partner": "on"} if shared else {}),
    }


def answers_to(page: str) -> dict[str, str]:
    """A random answer to each question on a screen of the test."""
    choices: dict[str, list[str]] = {}
    for key, value in RADIO.findall(page):
        choices.setdefault(key, []).append(value)
    return {key: random.choice(values) for key, values in choices.items()}


class Person:
    """One person's browser: cookies, address, the visit under way, how far in the test."""

    def __init__(self, plan: dict, number: int, email: str, password: str):
        self.address, self.host = plan["address"], plan["host"]
        self.email, self.password = email, password
        self.client_ip = f"10.{number // 250}.{number % 250}.1"
        self.cookies: dict[str, str] = {}
        self.moments = itertools.cycle(["0", "1", "2"])
        self.test_screen: str | None = None
        self.visits: dict[str, Iterator[None]] = {}
        self.recorder = Recorder()

    def request(self, method, path, *, name, form=None, expect=200, to=""):
        """One request; returns the redirect's target and the page. Raises Failed if the
        status is not `expect`, or a redirect does not go to a page starting with `to`."""
        headers = {"Host": self.host, **self.forwarded()}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode({"csrfmiddlewaretoken": self.cookies["csrftoken"], **form}, True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{self.host}"
        connection = self.connect()
        started = time.perf_counter()
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            page = response.read().decode()
        except OSError as error:
            problem = f"{method} {path}: {error}"
            self.recorder.record(name, time.perf_counter() - started, problem)
            raise Failed(problem) from error
        finally:
            connection.close()
        elapsed = time.perf_counter() - started
        self.take_cookies(response.headers.get_all("Set-Cookie") or [])
        location = response.getheader("Location", "")
        problem = None
        if response.status != expect or not location.startswith(to):
            problem = f"{method} {path}: {response.status} {location}, expected {expect} {to}"
        self.recorder.record(name, elapsed, problem)
        if problem:
            raise Failed(problem)
        return location, page

    def connect(self) -> http.client.HTTPConnection:
        """A new connection for one request (gunicorn's sync workers close each one)."""
        return http.client.HTTPConnection(self.address, timeout=60)

    def forwarded(self) -> dict[str, str]:
        """What the pretend TLS proxy in front of gunicorn adds: the scheme, the address."""
        return {"X-Forwarded-Proto": "https", "X-Forwarded-For": self.client_ip}

    def take_cookies(self, headers: list[str]) -> None:
        for header in headers:
            for key, morsel in SimpleCookie(header).items():
                if morsel.value:
                    self.cookies[key] = morsel.coded_value
                else:
                    self.cookies.pop(key, None)

    # Each kind of visit yields after every request, so that a slice can end between any two.

    def sign_in(self) -> Iterator[None]:
        self.request("GET", "/account/login/", name="sign in: page")
        yield
        form = {"login": self.email, "password": self.password}
        self.request("POST", "/account/login/", name="sign in", form=form, expect=302, to="/space/")
        yield

    def visit(self) -> Iterator[None]:
        """Open home, save this moment's check-in, read the week's chart, one screen of test."""
        self.request("GET", "/space/", name="home")
        yield
        check_in = check_in_form(next(self.moments), shared=random.random() < 0.5)
        chart, _ = self.request(
            "POST",
            "/program/check-in/",
            name="save a check-in",
            form=check_in,
            expect=302,
            to="/program/check-in/?week=",
        )
        yield
        self.request("GET", chart, name="the week's chart")
        yield
        yield from self.take_the_test()

    def take_the_test(self) -> Iterator[None]:
        if self.test_screen is None:
            self.request("GET", "/test/", name="test: start")
            yield
            self.test_screen, _ = self.request(
                "POST", "/test/begin/", name="test: begin", form={}, expect=302, to="/test/step/"
            )
            yield
        _, page = self.request("GET", self.test_screen, name="test: questions")
        yield
        answers = answers_to(page)
        after, _ = self.request(
            "POST", self.test_screen, name="test: answer", form=answers, expect=302, to="/test/"
        )
        self.test_screen = None if after.startswith("/test/result/") else after
        yield
        if self.test_screen is None:
            self.request("GET", after, name="test: result")
            yield

    def hello(self) -> Iterator[None]:
        self.request("GET", "/hello/", name="hello")
        yield


def phase(groups, kind, recorder: Recorder, *, seconds: float | None = None) -> None:
    """Each user takes their people in turn through a visit of `kind`: each person once, or
    over and over until `seconds` have passed. A visit cut short goes on in the next phase."""
    started = time.perf_counter()
    deadline = started + (seconds or 0)
    for person in itertools.chain(*groups):
        person.recorder = recorder

    def user(group: list[Person]) -> None:
        for person in itertools.cycle(group) if seconds else group:
            visit = person.visits.pop(kind.__name__, None) or kind(person)
            try:
                while not seconds or time.perf_counter() < deadline:
                    next(visit)
            except StopIteration:
                continue
            except Failed:
                person.test_screen = None
                continue
            person.visits[kind.__name__] = visit
            return

    with ThreadPoolExecutor(len(groups)) as pool:
        list(pool.map(user, groups))
    recorder.seconds += time.perf_counter() - started


def main() -> None:
    plan = json.load(sys.stdin)
    people = [
        Person(plan, number, email, password)
        for number, (email, password) in enumerate(plan["people"])
    ]
    groups = [people[user :: plan["users"]] for user in range(plan["users"])]
    signed_in = Recorder()
    phase(groups, Person.sign_in, signed_in)
    if signed_in.errors:
        sys.exit(f"Signing in failed: {signed_in.errors[:5]}")
    warm_up, ours, hello = Recorder(), Recorder(), Recorder()
    for kind in (Person.visit, Person.hello):
        phase(groups, kind, warm_up, seconds=plan["warm_up_seconds"])
    for _ in range(plan["rounds"]):
        phase(groups, Person.visit, ours, seconds=plan["seconds"] / plan["rounds"])
        phase(groups, Person.hello, hello, seconds=plan["seconds"] / plan["rounds"])
    errors = [*warm_up.errors, *ours.errors, *hello.errors]
    usage = resource.getrusage(resource.RUSAGE_SELF)
    measured = {
        "ours": ours.summary(),
        "hello": hello.summary(),
        "pages": ours.pages(),
        "errors": len(errors),
        "first_errors": errors[:10],
        "load_tool_cpu_seconds": usage.ru_utime + usage.ru_stime,
    }
    json.dump(measured, sys.stdout)


if __name__ == "__main__":
    main()
