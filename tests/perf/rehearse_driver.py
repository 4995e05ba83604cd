"""The rehearsal's visitors, run in their own process: `python -m tests.perf.rehearse_driver`.

The load bench's people (tests/perf/load_driver.py), as browsers: each connects to nginx over
TLS from an address of their own (127.1.x.y; the whole of 127.0.0.0/8 is this machine), and
sends no X-Forwarded header: nginx writes those. It reads its plan as JSON on stdin, signs
everyone in, then runs the people's mix for the plan's seconds, and writes what it measured as
JSON on stdout. A request that failed even after nginx's retries is an error.
"""

import http.client
import json
import ssl
import sys

from tests.perf.load_driver import Person, Recorder, percentiles, phase

# The rehearsal's certificate is its own, made for the run: nothing to verify it against.
UNVERIFIED = ssl._create_unverified_context()


class Visitor(Person):
    def __init__(self, plan: dict, number: int, email: str, password: str):
        super().__init__(plan, number, email, password)
        self.client_ip = f"127.1.{number // 250}.{number % 250 + 1}"

    def connect(self) -> http.client.HTTPSConnection:
        return http.client.HTTPSConnection(
            self.address, timeout=60, context=UNVERIFIED, source_address=(self.client_ip, 0)
        )

    def forwarded(self) -> dict[str, str]:
        return {}


def main() -> None:
    plan = json.load(sys.stdin)
    people = [
        Visitor(plan, number, email, password)
        for number, (email, password) in enumerate(plan["people"])
    ]
    groups = [people[user :: plan["users"]] for user in range(plan["users"])]
    signed_in, visits = Recorder(), Recorder()
    phase(groups, Person.sign_in, signed_in)
    phase(groups, Person.visit, visits, seconds=plan["seconds"])
    requests = signed_in.timings + visits.timings
    errors = signed_in.errors + visits.errors
    json.dump(
        {
            "requests": len(requests),
            "errors": len(errors),
            "first_errors": errors[:10],
            **percentiles([seconds for _, seconds in requests]),
            "per_s": len(visits.timings) / visits.seconds,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
