"""Instructions: the load bench's mix and hello-world, counted by callgrind instead of timed.

The load bench's ratio moves by a tenth from run to run on the same code (the machine's speed
drifts), more than most changes move it. This bench counts the instructions the Django process
executes for the same requests (tests/perf/instruction_mix.py, under `valgrind --tool=callgrind`):
two runs of the same code agree to a hundredth of a million, whatever else the machine is doing.
Each kind runs twice, with few and many rounds after the same warm-up (ROUNDS), each on its own
copy of the data: the difference, over the difference in requests, is the cost of one request
without start-up. Hashing is seeded, so that sets and dicts are laid out the same way each run.
What it leaves out: PostgreSQL's own work, gunicorn and the network, which the load bench
includes.
"""

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from urllib.parse import urlsplit

import psycopg
import pytest

from tests.perf.conftest import bench
from tests.perf.test_load import ROOT, fresh_database, production_environment

# Rounds of each kind, few and many: a visit is about six requests, hello-world one.
ROUNDS = {"visit": (5, 15), "hello": (50, 150)}
COLLECTED = re.compile(r"Collected : (\d+)")
PEOPLE = "from tests.perf.load_people import populate; populate(5)"


@pytest.fixture
def environment(tmp_path):
    if shutil.which("valgrind") is None:
        pytest.skip("the instruction bench needs valgrind")
    with fresh_database("instructions") as url:
        environment = production_environment(database_url=url, var_dir=tmp_path)
        for arguments in (
            ["collectstatic", "--noinput"],
            ["migrate", "--noinput"],
            ["load_programs"],
            ["shell", "--no-imports", "--command", PEOPLE],
        ):
            manage = [sys.executable, "manage.py", *arguments]
            subprocess.run(manage, cwd=ROOT, env=environment, check=True, stdout=subprocess.DEVNULL)
        yield environment


@contextmanager
def copy_of(database_url: str, suffix: str):
    """A copy of the prepared database, so that every run starts from the same data and runs
    that save check-ins side by side do not meet (dropped afterwards)."""
    parts = urlsplit(database_url)
    name, copy = parts.path.lstrip("/"), f"{parts.path.lstrip('/')}_{suffix}"
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        admin.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
        try:
            yield parts._replace(path=f"/{copy}").geturl()
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')


def counted(environment: dict[str, str], kind: str, rounds: int) -> tuple[int, int]:
    """Instructions executed and requests made by one run of the mix under callgrind, on its
    own copy of the data."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "tests.perf.instruction_mix",
        kind,
        str(rounds),
    ]
    with copy_of(environment["DATABASE_URL"], f"{kind}_{rounds}") as url:
        done = subprocess.run(
            command,
            cwd=ROOT,
            env={**environment, "DATABASE_URL": url, "PYTHONHASHSEED": "0"},
            capture_output=True,
            text=True,
            timeout=1800,
        )
    if done.returncode:
        pytest.fail(f"{kind} ×{rounds} failed:\n{done.stdout[-1000:]}\n{done.stderr[-2000:]}")
    return int(COLLECTED.search(done.stderr)[1]), int(done.stdout.split()[-1])


def test_instructions_per_request_of_the_mix_against_hello_world(environment):
    runs = [(kind, rounds) for kind, both in ROUNDS.items() for rounds in both]
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        results = dict(
            zip(runs, pool.map(lambda run: counted(environment, *run), runs), strict=True)
        )
    per_request = {}
    for kind, (few_rounds, many_rounds) in ROUNDS.items():
        (few, few_requests), (many, many_requests) = (
            results[kind, few_rounds],
            results[kind, many_rounds],
        )
        per_request[kind] = (many - few) / (many_requests - few_requests)
        bench(f"instructions_{kind}_per_request", per_request[kind] / 1e6, "M")
    bench("instructions_ratio", per_request["visit"] / per_request["hello"], "x")
    assert per_request["visit"] > per_request["hello"] > 0
