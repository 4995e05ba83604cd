"""The production path: the image build and the containers' scripts (deploy/).

There is no Docker engine here, so these run what the Dockerfile runs, with the environment
it gives.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.test_settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


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
