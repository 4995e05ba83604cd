"""The production path: the image build, the containers' scripts (deploy/), the compose file.

There is no Docker engine here, so these run what the Dockerfile and docker-compose.yml run,
with the environment they give. `make rehearse` runs the whole topology.
"""

import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
import yaml
from django.core.management import CommandError, call_command

from couplespace.reminders import dispatch_due
from couplespace.tasks import dispatch_reminders
from programs.content import program_files
from programs.models import Program
from programs.reminders import CHECKPOINT_REMINDER
from tests.perf import rehearse_people
from tests.perf.rehearse import KIND, nginx_configuration
from tests.test_settings import PRODUCTION, load_settings

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ["web", "worker", "beat"]
MORNING = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
GUNICORN, WSGI = "deploy/gunicorn.conf.py", "couplespace.wsgi"


def dockerfile_environment() -> dict[str, str]:
    """The variables the Dockerfile's ENV lines set for the build and the containers."""
    pairs = [
        item.split("=", 1)
        for line in (ROOT / "Dockerfile").read_text().splitlines()
        if line.startswith("ENV ")
        for item in line.split()[1:]
    ]
    return dict(pairs)


def build_environment(var_dir: Path) -> dict[str, str]:
    """Only what the image build has: the Dockerfile's ENV, and Python on the PATH."""
    path = f"{Path(sys.executable).parent}:/usr/bin:/bin"
    return {**dockerfile_environment(), "VAR_DIR": str(var_dir), "PATH": path}


def test_the_image_build_collects_static_files_with_only_the_dockerfiles_environment(tmp_path):
    assert "RUN deploy/build " in (ROOT / "Dockerfile").read_text()

    result = subprocess.run(
        [DEPLOY / "build"], cwd=ROOT, env=build_environment(tmp_path), capture_output=True
    )

    assert result.returncode == 0, result.stderr.decode()
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    assert re.fullmatch(r"css/app\.[0-9a-f]{12}\.css", manifest["paths"]["css/app.css"])


def test_outside_the_image_build_the_same_environment_still_asks_for_the_secrets(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=build_environment(tmp_path),
        capture_output=True,
        text=True,
    )

    assert result.returncode != 0
    assert "Set the environment variable SECRET_KEY" in result.stderr


def test_the_image_builds_settings_can_serve_sign_or_encrypt_nothing():
    probe = (
        "import couplespace.settings as s; "
        "print(s.ALLOWED_HOSTS, repr(s.SECRET_KEY), s.ENCRYPTION_KEYS, s.DEBUG)"
    )

    result = load_settings(probe, IMAGE_BUILD="1")

    assert result.stdout == "[] '' [] False\n"


@pytest.mark.django_db
def test_beat_is_healthy_while_the_dispatcher_it_sends_keeps_running(capsys):
    with time_machine.travel(MORNING, tick=False):
        dispatch_reminders()
    with time_machine.travel(MORNING + timedelta(minutes=5), tick=False):
        call_command("dispatch_health")

    assert capsys.readouterr().out == "The reminder dispatcher finished a run 300 s ago.\n"


@pytest.mark.django_db
def test_beat_is_unhealthy_once_the_last_dispatch_is_older_than_five_minutes():
    with time_machine.travel(MORNING, tick=False):
        dispatch_reminders()

    with (
        time_machine.travel(MORNING + timedelta(minutes=5, seconds=1), tick=False),
        pytest.raises(CommandError, match="last finished a run 301 s ago"),
    ):
        call_command("dispatch_health")


@pytest.mark.django_db
def test_beat_is_unhealthy_until_a_dispatch_has_run():
    with pytest.raises(CommandError, match="has not finished a run yet"):
        call_command("dispatch_health")


@pytest.mark.django_db
def test_preparing_the_database_twice_loads_each_program_once():
    call_command("prepare_database", verbosity=0)
    call_command("prepare_database", verbosity=0)

    assert Program.objects.count() == len(list(program_files()))


def test_only_the_proxy_publishes_ports_so_web_can_be_scaled():
    assert {name for name, service in SERVICES.items() if "ports" in service} == {"proxy"}


@pytest.mark.parametrize("name", list(SERVICES))
def test_every_service_has_a_health_check(name):
    assert SERVICES[name]["healthcheck"]["test"]


@pytest.mark.parametrize("name", APP_SERVICES)
def test_each_app_container_runs_and_checks_itself_with_a_deploy_script(name):
    service = SERVICES[name]
    command, check = service["command"], service["healthcheck"]["test"]

    assert command == [f"deploy/{name}"]
    assert check == ["CMD", f"deploy/healthcheck-{name}"]
    for script in (command[0], check[1]):
        assert os.access(ROOT / script, os.X_OK), script


@pytest.mark.parametrize("name", ["worker", "beat"])
def test_worker_and_beat_wait_for_a_web_replica_to_have_migrated(name):
    assert SERVICES[name]["depends_on"]["web"] == {"condition": "service_healthy"}


def test_the_proxy_is_given_exactly_the_variables_its_template_uses():
    template = (DEPLOY / "nginx" / "default.conf.template").read_text()
    environment = dict(SERVICES["proxy"]["environment"])
    only = re.compile(environment.pop("NGINX_ENVSUBST_FILTER").replace("$$", "$"))

    used = set(re.findall(r"\$\{(\w+)\}", template))

    assert used == set(environment)
    assert all(only.search(name) for name in used)
    assert not only.search("host")  # nginx's own variables are left alone


def test_the_web_replicas_trust_the_network_only_they_share_with_the_proxy():
    network = COMPOSE["networks"]["proxy"]["ipam"]["config"][0]["subnet"]

    assert SERVICES["web"]["environment"]["TRUSTED_PROXIES"] == network
    assert SERVICES["proxy"]["networks"] == ["proxy"]
    assert sorted(SERVICES["web"]["networks"]) == ["default", "proxy"]
    assert not any("proxy" in SERVICES[name].get("networks", []) for name in ("worker", "beat"))


def gunicorn_setting(name: str, **environment) -> str:
    """A setting as gunicorn reads it from deploy/gunicorn.conf.py with `environment`."""
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--config", GUNICORN, "--print-config", WSGI],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "VAR_DIR": str(ROOT / "var" / "test"), **environment},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return re.search(rf"^{name}\s+= (.*)$", result.stdout, re.MULTILINE)[1]


def test_gunicorn_takes_the_scheme_from_the_trusted_proxies_only():
    behind = gunicorn_setting(
        "forwarded_allow_ips", **PRODUCTION, BEHIND_PROXY="1", TRUSTED_PROXIES="10.213.47.0/24"
    )
    alone = gunicorn_setting("forwarded_allow_ips", **PRODUCTION, TRUSTED_PROXIES="10.0.0.1")

    assert (behind, alone) == ("['10.213.47.0/24']", "[]")


@pytest.mark.skipif(not Path("/usr/sbin/nginx").exists(), reason="needs Debian's nginx")
def test_nginx_accepts_the_proxy_template(tmp_path):
    configuration = nginx_configuration(
        tmp_path, servers=["127.0.0.1:8001", "127.0.0.1:8002"], http="8080", https="8443"
    )

    result = subprocess.run(
        ["/usr/sbin/nginx", "-t", "-p", str(tmp_path), "-c", str(configuration)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_the_rehearsals_burst_falls_due_through_the_reminder_engine():
    """The rehearsal's burst is planned as the engine plans a check-in reminder: a refactor of
    the engine that broke it would otherwise show only as every reminder lost in CI's rehearsal."""
    rehearse_people.add(4)
    with time_machine.travel(datetime(2026, 6, 1, 12, 0, 30, tzinfo=UTC), tick=False):
        rehearse_people.make_due()
        due = dispatch_due(enqueue=lambda ids: None)

    assert (KIND, due) == (CHECKPOINT_REMINDER.name, 4)
