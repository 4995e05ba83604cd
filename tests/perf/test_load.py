"""Load: signed-in people against hello-world, on gunicorn with the production settings.

The bench makes a fresh PostgreSQL database beside the one in DATABASE_URL (its name plus
`_bench_load`), migrates it, loads the program and BENCH_LOAD_COUPLES couples with some
history (tests/perf/load_people.py). gunicorn serves it as deploy/web does, with the
production settings (DEBUG off, behind a TLS proxy, Redis from REDIS_URL) and one more page,
a hello-world view on the same server and middleware (tests/perf/load_settings.py).

The load tool, tests/perf/load_driver.py, runs in a second process. It signs everyone in, then
BENCH_LOAD_USERS concurrent users, without think time, run the people's mix and hello-world in
alternating two-second slices, BENCH_LOAD_SECONDS of each. The ratios are ours over
hello-world; the aims are p50 within 3x, p95 within 4x, and no errors.
"""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import psycopg
import pytest
from cryptography.fernet import Fernet

from tests.perf.conftest import bench
from tests.perf.load_driver import credentials

ROOT = Path(__file__).resolve().parents[2]
HOST = "couplespace.test"
COUPLES = int(os.environ.get("BENCH_LOAD_COUPLES", "50"))
USERS = int(os.environ.get("BENCH_LOAD_USERS", "12"))
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "20"))
WORKERS = int(os.environ.get("BENCH_LOAD_WORKERS", "3"))
SLICE_SECONDS = 2


def production_environment(*, database_url: str, var_dir: Path) -> dict[str, str]:
    """The server's whole environment: the production settings, set as in a deployment behind
    a TLS proxy. A variable that production comes to require goes here."""
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "tests.perf.load_settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"https://{HOST}",
        "EMAIL_HOST": "127.0.0.1",  # nothing in the mix sends email
        "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "BEHIND_PROXY": "1",
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ["REDIS_URL"],
        "VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
    }


@contextmanager
def fresh_database(bench: str):
    """A fresh database beside the one in DATABASE_URL (its name plus `_bench_<bench>`),
    dropped afterwards; the bench is skipped without PostgreSQL and Redis, as production has."""
    url = os.environ.get("DATABASE_URL", "")
    if dj_database_url.parse(url or "sqlite://")["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip(f"the {bench} bench needs PostgreSQL: set DATABASE_URL to a PostgreSQL server")
    if not os.environ.get("REDIS_URL"):
        pytest.skip(f"the {bench} bench needs Redis, as production does: set REDIS_URL")
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'couplespace'}_bench_{bench}"
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        yield parts._replace(path=f"/{name}").geturl()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def database_url():
    with fresh_database("load") as url:
        yield url


@pytest.fixture
def server(database_url, tmp_path):
    """gunicorn as deploy/web starts it, on a free local port, over the prepared data."""
    environment = production_environment(database_url=database_url, var_dir=tmp_path)

    def manage(*arguments):
        subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=environment,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    manage("collectstatic", "--noinput")
    manage("migrate", "--noinput")
    manage("load_programs")
    populate = f"from tests.perf.load_people import populate; populate({COUPLES})"
    manage("shell", "--no-imports", "--command", populate)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"127.0.0.1:{port}"
    command = [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"]
    environment |= {"PORT": str(port), "WEB_CONCURRENCY": str(WORKERS)}
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        gunicorn = subprocess.Popen(
            [*command, "couplespace.wsgi"], cwd=ROOT, env=environment, stdout=output, stderr=output
        )
    try:
        if not answers(address, gunicorn):
            pytest.fail(f"gunicorn did not answer /healthz/:\n{log.read_text()[-2000:]}")
        yield address
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


def answers(address: str, gunicorn: subprocess.Popen) -> bool:
    """Whether the server answers its health check within 20 seconds."""
    headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
    for _ in range(100):
        if gunicorn.poll() is not None:
            return False
        connection = http.client.HTTPConnection(address, timeout=5)
        try:
            connection.request("GET", "/healthz/", headers=headers)
            if connection.getresponse().status == 200:
                return True
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.2)
    return False


def test_load_signed_in_people_against_hello_world(server):
    plan = {
        "address": server,
        "host": HOST,
        "people": credentials(COUPLES),
        "users": USERS,
        "seconds": SECONDS,
        "rounds": max(SECONDS // SLICE_SECONDS, 1),
        "warm_up_seconds": 3,
    }
    driver = subprocess.run(
        [sys.executable, "-m", "tests.perf.load_driver"],
        cwd=ROOT,
        input=json.dumps(plan),
        capture_output=True,
        text=True,
        timeout=SECONDS * 4 + 300,
    )
    if driver.returncode:
        pytest.fail(f"The load tool failed:\n{driver.stderr[-2000:]}")
    measured = json.loads(driver.stdout)
    ours, hello = measured["ours"], measured["hello"]

    print(f"\n{COUPLES * 2} people, {USERS} users, {WORKERS} gunicorn workers, {SECONDS} s each")
    for name, page in measured["pages"].items():
        count, p50, p95 = page["count"], page["p50_ms"], page["p95_ms"]
        print(f"  {name:<20} {count:>6}  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms")
    print(f"  the load tool used {measured['load_tool_cpu_seconds']:.1f} s of CPU")
    for side, figures in (("ours", ours), ("hello", hello)):
        bench(f"load_{side}_p50_ms", figures["p50_ms"], "ms")
        bench(f"load_{side}_p95_ms", figures["p95_ms"], "ms")
        bench(f"load_{side}_per_s", figures["per_s"], "requests/s")
    bench("load_p50_ratio", ours["p50_ms"] / hello["p50_ms"], "x")
    bench("load_p95_ratio", ours["p95_ms"] / hello["p95_ms"], "x")
    bench("load_errors", measured["errors"], "requests")
    assert measured["errors"] == 0, measured["first_errors"]
