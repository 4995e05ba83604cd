"""The production rehearsal: `make rehearse`, or `python -m tests.perf.rehearse`.

docker-compose.yml's topology as processes on this machine, each started with the script its
container runs (deploy/): the image build's step (deploy/build), nginx from Debian with the
compose file's template (deploy/nginx/default.conf.template, TLS with a certificate made for the
run) in front of 3 web replicas (deploy/web: gunicorn on the production settings, behind the
proxy), 2 Celery workers with the prefork pool (deploy/worker) and one beat (deploy/beat), on
this machine's PostgreSQL and Redis, with a mail server that keeps every message
(tests/perf/smtp_sink.py).

What it does, in order:
1. A fresh database (REHEARSE_DATABASE_URL, dropped afterwards) and an emptied Redis database
   (REHEARSE_REDIS_URL); the replicas start together and migrate one at a time.
2. The load bench's couples (tests/perf/load_people.py) and REHEARSE_BURST more people.
3. Proxy trust: a request straight to a replica with forged X-Forwarded headers is not taken
   for https; through nginx, a forged X-Forwarded-For does not escape the login rate limit,
   and different visitors have their own.
4. Signed-in visitors (tests/perf/rehearse_driver.py) through nginx for REHEARSE_SECONDS.
   Meanwhile every burst person's check-in reminder falls due at once; one web replica is
   killed with SIGKILL (and started again 5 seconds later, as Docker's restart policy would),
   and so is one worker child process while it is sending reminders.
5. It waits until every burst reminder is dealt with, then counts and runs every health check.

It prints `BENCH <name> <value> <unit>` lines and exits non-zero if an aim is missed: no failed
request (after nginx's retries), no reminder lost (a due slot with neither an in-app
notification nor an email), no duplicate in-app notification, every trust check and every
health check passing. Duplicate emails are counted, not aimed at. Every process it started is
stopped on the way out, whatever happens.
"""

import contextlib
import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis
from cryptography import x509
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.perf.conftest import bench
from tests.perf.load_driver import credentials
from tests.perf.rehearse_driver import Visitor
from tests.perf.smtp_sink import SmtpSink

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
HOST = "couplespace.test"
NGINX = os.environ.get("REHEARSE_NGINX", "/usr/sbin/nginx")
DATABASE_URL = os.environ.get(
    "REHEARSE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/couplespace_rehearse"
)
REDIS_URL = os.environ.get("REHEARSE_REDIS_URL", "redis://127.0.0.1:6379/8")
BURST = int(os.environ.get("REHEARSE_BURST", "3000"))
SECONDS = int(os.environ.get("REHEARSE_SECONDS", "60"))
COUPLES, USERS, REPLICAS, WORKERS = 12, 6, 3, 2
DRAIN_TIMEOUT = 180
# The one address gunicorn trusts for X-Forwarded-*: nginx connects from it. Visitors connect
# to nginx from 127.1.x.y, the trust checks from 127.2.x.y, and straight to gunicorn from:
STRANGER = "127.3.0.1"
BLOCKED = "Too many failed login attempts"
# The burst people's addresses end with it (tests/perf/rehearse_people.py); the stored name of
# their reminder kind, programs' CHECKPOINT_REMINDER (this module runs without Django).
DOMAIN = "burst.rehearse.test"
KIND = "checkpoint"
INSPECT = [sys.executable, "-m", "celery", "-A", "couplespace", "inspect"]


def say(text: str) -> None:
    print(f"rehearse: {text}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Processes:
    """Every process the rehearsal starts, each in its own process group, all stopped on exit."""

    def __init__(self, logs: Path, environment: dict[str, str]):
        self.logs, self.environment = logs, environment
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, command: list[str], **extra: str) -> subprocess.Popen:
        with (self.logs / f"{name}.log").open("a") as log:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env={**self.environment, **extra},
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.running[name] = process
        return process

    def run(self, command: list[str], timeout: float = 120, **extra: str) -> str:
        """Run a command to its end (in the same environment) and return its output."""
        result = subprocess.run(
            command,
            cwd=ROOT,
            env={**self.environment, **extra},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def healthy(self, script: str, **extra: str) -> bool:
        """Whether a health check script from deploy/ passes, as Docker would run it."""
        try:
            check = subprocess.run(
                [str(DEPLOY / script)],
                cwd=ROOT,
                env={**self.environment, **extra},
                capture_output=True,
                timeout=60,
            )
        except subprocess.TimeoutExpired:
            return False
        return check.returncode == 0

    def kill(self, name: str) -> None:
        """SIGKILL a process and everything it started, as when a container dies."""
        process = self.running.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        for process in self.running.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in self.running.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(max(deadline - time.monotonic(), 0.1))
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # what is left of the group, if anything
            process.wait()
        self.running.clear()

    def log_tail(self, name: str, lines: int = 30) -> str:
        text = (self.logs / f"{name}.log").read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def render(template: str, values: dict[str, str]) -> str:
    """What the nginx image does to a template: each ${NAME} of `values` replaced, nothing else
    (nginx's own variables, like $host, stay as they are)."""
    return re.sub(r"\$\{(\w+)\}", lambda found: values.get(found[1], found[0]), template)


def nginx_configuration(folder: Path, *, servers: list[str], http: str, https: str) -> Path:
    """The compose file's site template, rendered for this machine, inside a main file that
    keeps everything nginx writes in `folder` (the image's own main file does the rest)."""
    certificate, key = make_certificate(folder)
    site = render(
        (DEPLOY / "nginx" / "default.conf.template").read_text(),
        {
            "WEB_SERVERS": "\n    ".join(f"server {server};" for server in servers),
            "HTTP_LISTEN": http,
            "HTTPS_LISTEN": https,
            "TLS_CERTIFICATE": str(certificate),
            "TLS_CERTIFICATE_KEY": str(key),
            "ACCESS_LOG": str(folder / "access.log"),
        },
    )
    (folder / "default.conf").write_text(site)
    temporary = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    main = folder / "nginx.conf"
    main.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\n"
        + f"error_log {folder / 'error.log'} warn;\nevents {{ worker_connections 1024; }}\n"
        + f"http {{\n{temporary}\n    include {folder / 'default.conf'};\n}}\n"
    )
    return main


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for the rehearsal's host name, made for this run."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    certificate_path, key_path = folder / "fullchain.pem", folder / "privkey.pem"
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return certificate_path, key_path


def fresh_database() -> None:
    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def drop_database() -> None:
    parts = urlsplit(DATABASE_URL)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def burst_deliveries(grouped_by: str = "d.status") -> dict:
    """The burst's check-in deliveries, counted by status (or by another column)."""
    with psycopg.connect(DATABASE_URL) as database:
        rows = database.execute(
            f"SELECT {grouped_by}, count(*) FROM couplespace_delivery d"
            " JOIN couplespace_user u ON u.id = d.person_id"
            f" WHERE d.kind = %s AND u.email LIKE %s GROUP BY {grouped_by}",
            [KIND, f"%@{DOMAIN}"],
        ).fetchall()
    return dict(rows)


def wait_until(check, *, seconds: float, every: float = 0.5) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(every)
    return False


class ForgingVisitor(Visitor):
    """A visitor who writes an X-Forwarded-For of their choosing, new for every request."""

    def forwarded(self) -> dict[str, str]:
        return {"X-Forwarded-For": f"198.51.100.{secrets.randbelow(250) + 1}"}


def failed_logins(visitor: Visitor, attempts: int) -> list[bool]:
    """Sign-ins with wrong passwords; True where the limit refused. Each uses a new email, so
    that only the limit per address (10 a minute) is in play, not the one per email."""
    visitor.request("GET", "/account/login/", name="login page")
    refused = []
    for _ in range(attempts):
        form = {"login": f"{secrets.token_hex(6)}@example.com", "password": "wrong"}
        _, page = visitor.request("POST", "/account/login/", name="login", form=form)
        refused.append(BLOCKED in page)
    return refused


def trust_checks(proxy: str, replica: str) -> list[str]:
    """What a visitor can and cannot make the site believe; returns the checks that failed."""
    failed = []
    connection = http.client.HTTPConnection(replica, timeout=30, source_address=(STRANGER, 0))
    forged = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
    connection.request("GET", "/account/login/", headers=forged)
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status != 301 or not response.getheader("Location", "").startswith("https://"):
        failed.append(f"straight to gunicorn, forged https was served: {response.status}")
    plan = {"address": proxy, "host": HOST}
    forger = ForgingVisitor(plan, 0, "", "")
    forger.client_ip = "127.2.0.1"
    if failed_logins(forger, 11) != [False] * 10 + [True]:
        failed.append("through nginx, a forged X-Forwarded-For escaped the login limit")
    visitors = [Visitor(plan, 0, "", "") for _ in range(11)]
    for number, visitor in enumerate(visitors):
        visitor.client_ip = f"127.2.1.{number + 1}"
    if any(refused for visitor in visitors for refused in failed_logins(visitor, 1)):
        failed.append("through nginx, different visitors shared one login limit")
    return failed


def kill_a_sending_child(processes: Processes) -> str | None:
    """SIGKILL a worker's child process while it runs send_reminders; what was killed."""
    for number in range(1, WORKERS + 1):
        name = f"worker{number}@rehearse"
        try:
            found = processes.run(
                [*INSPECT, "active", "--json", "--timeout", "10", "--destination", name],
                timeout=60,
            )
        except (RuntimeError, subprocess.TimeoutExpired):
            continue
        for task in json.loads(found.splitlines()[-1]).get(name, []):
            if task["name"] == "couplespace.tasks.send_reminders":
                os.kill(task["worker_pid"], signal.SIGKILL)
                ids = task["args"][0] if task["args"] else []
                return f"{name} child {task['worker_pid']} (send_reminders of {len(ids)} ids)"
    return None


def proxy_log(path: Path) -> tuple[int, int]:
    """How many requests nginx passed to a second replica, and answered with a 5xx."""
    retried = answered_5xx = 0
    for line in path.read_text().splitlines():
        upstream = line.partition(" upstream=")[2].partition(" ")[0]
        retried += "," in upstream
        answered_5xx += bool(re.search(r'" 5\d\d ', line))
    return retried, answered_5xx


def main() -> int:
    started = time.monotonic()
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, lambda number, frame: sys.exit(128 + number))
    if not Path(NGINX).exists():
        say(f"needs nginx at {NGINX} (apt-get install nginx)")
        return 1
    with tempfile.TemporaryDirectory(prefix="couplespace-rehearse-") as scratch:
        folder = Path(scratch)
        (folder / "logs").mkdir()
        (folder / "nginx").mkdir()
        sink = SmtpSink().start()
        environment = {
            "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
            "HOME": os.environ.get("HOME", scratch),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "SITE_URL": f"https://{HOST}",
            "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(sink.port),
            "EMAIL_USE_TLS": "0",
            "BEHIND_PROXY": "1",
            "TRUSTED_PROXIES": "127.0.0.1",
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": REDIS_URL,
            "VAR_DIR": str(folder / "var"),
            "WEB_CONCURRENCY": "2",
            "WORKER_CONCURRENCY": "2",
            "LOG_LEVEL": "WARNING",
        }
        processes = Processes(folder / "logs", environment)
        try:
            return rehearse(processes, folder, sink, started)
        finally:
            processes.stop_all()
            sink.stop()
            for clean_up in (drop_database, redis.Redis.from_url(REDIS_URL).flushdb):
                try:
                    clean_up()
                except Exception as error:
                    say(f"could not clean up: {error}")
            say(f"stopped everything it started, in {time.monotonic() - started:.0f} s in all")


def rehearse(processes: Processes, folder: Path, sink: SmtpSink, started: float) -> int:
    fresh_database()
    redis.Redis.from_url(REDIS_URL).flushdb()
    processes.run([str(DEPLOY / "build")])
    ports = [free_port() for _ in range(REPLICAS)]
    for number, port in enumerate(ports, 1):
        processes.start(f"web{number}", [str(DEPLOY / "web")], PORT=str(port))
    if not all(
        wait_until(
            lambda port=port: processes.healthy("healthcheck-web", PORT=str(port)), seconds=180
        )
        for port in ports
    ):
        say("a web replica never became healthy:\n" + processes.log_tail("web1"))
        return 1
    say(f"{REPLICAS} web replicas healthy after {time.monotonic() - started:.0f} s")
    for number in range(1, WORKERS + 1):
        name = f"worker{number}@rehearse"
        processes.start(f"worker{number}", [str(DEPLOY / "worker")], WORKER_NAME=name)
    processes.start("beat", [str(DEPLOY / "beat")])
    http_port, https_port = free_port(), free_port()
    configuration = nginx_configuration(
        folder / "nginx",
        servers=[f"127.0.0.1:{port}" for port in ports],
        http=f"127.0.0.1:{http_port}",
        https=f"127.0.0.1:{https_port}",
    )
    processes.start("nginx", [NGINX, "-p", str(folder / "nginx"), "-c", str(configuration)])
    if not wait_until(
        lambda: processes.healthy("healthcheck-proxy", HTTP_LISTEN=str(http_port)), seconds=30
    ):
        say("nginx never answered:\n" + (folder / "nginx" / "error.log").read_text())
        return 1
    people = (
        f"from tests.perf.load_people import populate; populate({COUPLES}); "
        f"from tests.perf.rehearse_people import add; add({BURST})"
    )
    processes.run([sys.executable, "manage.py", "shell", "--no-imports", "--command", people])
    proxy = f"127.0.0.1:{https_port}"
    say(f"nginx, workers, beat and the people ready after {time.monotonic() - started:.0f} s")

    untrusted = trust_checks(proxy, f"127.0.0.1:{ports[0]}")
    for problem in untrusted:
        say(f"trust check failed: {problem}")

    plan = {
        "address": proxy,
        "host": HOST,
        "people": credentials(COUPLES),
        "users": USERS,
        "seconds": SECONDS,
    }
    with (folder / "logs" / "driver.log").open("w") as errors:
        driver = subprocess.Popen(
            [sys.executable, "-m", "tests.perf.rehearse_driver"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            start_new_session=True,
        )
    processes.running["driver"] = driver
    driver.stdin.write(json.dumps(plan))
    driver.stdin.close()
    load_started = time.monotonic()

    timeline = Timeline(processes, sink, ports, load_started)
    while driver.poll() is None:
        timeline.step()
        time.sleep(0.2)
    measured = json.loads(driver.stdout.read() or "{}")
    if not measured:
        say("the visitors' driver failed:\n" + processes.log_tail("driver"))
        return 1
    say("load finished; waiting for every burst reminder to be dealt with")
    drained = False
    while not drained and time.monotonic() < load_started + SECONDS + DRAIN_TIMEOUT:
        timeline.step()
        statuses = burst_deliveries()
        drained = bool(timeline.burst_due) and (
            sum(statuses.values()) == BURST and not {"pending", "sending"} & set(statuses)
        )
        time.sleep(1)
    drain_seconds = time.monotonic() - (timeline.burst_due or load_started)
    return report(
        processes=processes,
        folder=folder,
        sink=sink,
        measured=measured,
        ports=ports,
        http_port=http_port,
        timeline=timeline,
        untrusted=untrusted,
        drained=drained,
        drain_seconds=drain_seconds,
        started=started,
    )


class Timeline:
    """What happens during the load: the burst falls due, a web replica and a worker child die."""

    def __init__(self, processes: Processes, sink: SmtpSink, ports: list[int], load_started):
        self.processes, self.sink, self.ports = processes, sink, ports
        self.load_started = load_started
        self.burst: subprocess.Popen | None = None
        self.burst_due: float | None = None
        self.web_killed: float | None = None
        self.web_restarted = False
        self.worker_child: str | None = None
        self.kill_tries = 0

    def step(self) -> None:
        elapsed = time.monotonic() - self.load_started
        if self.burst is None and elapsed > 5:
            command = "from tests.perf.rehearse_people import make_due; make_due()"
            self.burst = self.processes.start(
                "burst", [sys.executable, "manage.py", "shell", "--no-imports", "-c", command]
            )
        if self.burst is not None and self.burst_due is None and self.burst.poll() is not None:
            self.burst_due = time.monotonic()
            say(f"{BURST} check-in reminders are due (exit {self.burst.returncode})")
        if self.web_killed is None and elapsed > 20:
            self.processes.kill("web2")
            self.web_killed = time.monotonic()
            say("killed web replica 2 (SIGKILL to gunicorn and its workers)")
        if self.web_killed and not self.web_restarted and time.monotonic() > self.web_killed + 5:
            self.processes.start("web2", [str(DEPLOY / "web")], PORT=str(self.ports[1]))
            self.web_restarted = True
            say("started web replica 2 again")
        burst_mail = sum(1 for mail in self.sink.received if mail.recipients[0].endswith(DOMAIN))
        if self.worker_child is None and self.kill_tries < 3 and burst_mail >= BURST // 20:
            self.kill_tries += 1
            self.worker_child = kill_a_sending_child(self.processes)
            if self.worker_child:
                say(f"killed {self.worker_child} after {burst_mail} burst emails")


def report(
    *,
    processes,
    folder,
    sink,
    measured,
    ports,
    http_port,
    timeline,
    untrusted,
    drained,
    drain_seconds,
    started,
) -> int:
    command = "from tests.perf.rehearse_people import tally; tally()"
    notifications = json.loads(
        processes.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", command])
    )
    emails = Counter(
        recipient
        for mail in sink.received
        for recipient in mail.recipients
        if recipient.endswith(f"@{DOMAIN}")
    )
    message_ids = Counter(
        (mail.recipients, mail.message_id)
        for mail in sink.received
        if mail.recipients[0].endswith(f"@{DOMAIN}")
    )
    lost = sum(1 for email, count in notifications.items() if not count and not emails[email])
    duplicate_notifications = sum(max(count - 1, 0) for count in notifications.values())
    duplicate_emails = sum(max(count - 1, 0) for count in emails.values())
    repeated_ids = sum(max(count - 1, 0) for count in message_ids.values())
    retried, answered_5xx = proxy_log(folder / "nginx" / "access.log")
    checks = {
        f"web{n}": ("healthcheck-web", {"PORT": str(port)}) for n, port in enumerate(ports, 1)
    }
    checks |= {
        f"worker{n}": ("healthcheck-worker", {"WORKER_NAME": f"worker{n}@rehearse"})
        for n in range(1, WORKERS + 1)
    }
    checks |= {
        "beat": ("healthcheck-beat", {}),
        "proxy": ("healthcheck-proxy", {"HTTP_LISTEN": str(http_port)}),
    }
    # As Docker judges a container: a check that fails is tried again for a while (a replica
    # started again late in the run may still be bringing itself up) before it counts.
    unhealthy = [
        name
        for name, (script, extra) in checks.items()
        if not wait_until(lambda s=script, e=extra: processes.healthy(s, **e), seconds=60, every=5)
    ]
    say(f"statuses of the burst's deliveries: {burst_deliveries()}")
    tries = burst_deliveries("d.attempts")
    say(f"burst deliveries by email tries: {dict(sorted(tries.items()))}")
    if measured["first_errors"]:
        say(f"first failed requests: {measured['first_errors']}")
    for name in unhealthy:
        say(f"unhealthy at the end: {name}; its log ends:\n{processes.log_tail(name)}")

    bench("rehearse_requests_total", measured["requests"], "requests")
    bench("rehearse_requests_failed", measured["errors"], "requests")
    bench("rehearse_requests_retried_by_proxy", retried, "requests")
    bench("rehearse_proxy_5xx", answered_5xx, "responses")
    bench("rehearse_p50_ms", measured["p50_ms"], "ms")
    bench("rehearse_p95_ms", measured["p95_ms"], "ms")
    bench("rehearse_reminders_due", len(notifications), "reminders")
    bench("rehearse_reminders_lost", lost, "reminders")
    bench("rehearse_duplicate_notifications", duplicate_notifications, "notifications")
    bench("rehearse_duplicate_emails", duplicate_emails, "emails")
    bench("rehearse_duplicate_emails_same_message_id", repeated_ids, "emails")
    bench(
        "rehearse_emails_tried_again", sum(n for tried, n in tries.items() if tried > 1), "emails"
    )
    bench("rehearse_drain_seconds", drain_seconds, "s")
    bench("rehearse_trust_checks_failed", len(untrusted), "checks")
    bench("rehearse_unhealthy_services", len(unhealthy), "services")
    bench("rehearse_seconds", time.monotonic() - started, "s")

    missed = [
        aim
        for aim, met in {
            "every request answered": measured["errors"] == 0,
            f"all {BURST} burst people due": len(notifications) == BURST,
            "no reminder lost": lost == 0,
            "no duplicate in-app notification": duplicate_notifications == 0,
            "every burst reminder dealt with": drained,
            "a web replica was killed": timeline.web_killed is not None,
            "a worker child was killed while sending": timeline.worker_child is not None,
            "every trust check": not untrusted,
            "every health check": not unhealthy,
        }.items()
        if not met
    ]
    for aim in missed:
        say(f"MISSED: {aim}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
