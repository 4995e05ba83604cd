"""`make run`: what the three processes it starts are given."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.real_clock

ROOT = Path(__file__).resolve().parent.parent


def test_every_process_links_to_the_port_make_run_serves(tmp_path):
    """honcho gives each process type its own PORT (web 8811, worker 8911, beat 9011), but an
    invitation the worker emails must link to the web server like the one on the page."""
    probe = f"{sys.executable} -c 'import couplespace.settings as s; print(s.SITE_URL)'; sleep 3"
    procfile = tmp_path / "Procfile"
    procfile.write_text("".join(f"{name}: {probe}\n" for name in ("web", "worker", "beat")))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # Stand-ins for the venv's: no migration or demo, and honcho runs the probes instead.
    (bin_dir / "python").write_text("#!/bin/sh\n")
    honcho = shutil.which("honcho", path=Path(sys.executable).parent)
    (bin_dir / "honcho").write_text(f"#!/bin/sh\nexec {honcho} start --no-colour -f {procfile}\n")
    for stand_in in bin_dir.iterdir():
        stand_in.chmod(0o755)

    result = subprocess.run(
        ["make", "-s", "-o", ".venv/.installed", "run", f"BIN={bin_dir}", "PORT=8811"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "VAR_DIR": str(tmp_path / "var")},
        capture_output=True,
        text=True,
    )

    links = dict(re.findall(r"^\S+ (\w+)\.1 +\| (http\S+)$", result.stdout, re.MULTILINE))
    assert links == {
        "web": "http://127.0.0.1:8811",
        "worker": "http://127.0.0.1:8811",
        "beat": "http://127.0.0.1:8811",
    }, result.stdout + result.stderr
