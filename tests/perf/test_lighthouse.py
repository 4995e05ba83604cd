"""Lighthouse (mobile, its default) on the main pages of the living demo, through Debian's
Chromium: the lowest performance, accessibility and best-practices scores, each 0 to 100.
Lighthouse drives a Chromium this test starts for each page (a fresh profile and a debugging
port), so alex's session cookie can be put in it before his pages are measured: a Cookie header
passed with --extra-headers does not reach the page.

Lighthouse is an npm package, not a Python one; install it where git does not look:
    npm install --prefix var/lighthouse lighthouse
or point LIGHTHOUSE at another lighthouse executable. Without it this bench is skipped."""

import json
import os
import socket
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from agreements.models import Agreement
from assessments.models import Result
from tests.browser.conftest import CHROMIUM
from tests.browser.test_accessibility import demo_people
from tests.perf.conftest import bench

LIGHTHOUSE = Path(
    os.environ.get(
        "LIGHTHOUSE", Path(settings.BASE_DIR) / "var/lighthouse/node_modules/.bin/lighthouse"
    )
)
CATEGORIES = {
    "performance": "lighthouse_performance_min",
    "accessibility": "lighthouse_accessibility_min",
    "best-practices": "lighthouse_best_practices_min",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def scores(url: str, port: int) -> dict[str, float]:
    command = [
        str(LIGHTHOUSE),
        url,
        f"--port={port}",
        "--disable-storage-reset",
        "--quiet",
        "--output=json",
        "--only-categories=" + ",".join(CATEGORIES),
    ]
    report = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if report.returncode:
        pytest.fail(f"lighthouse failed on {url}:\n{report.stderr[-3000:]}")
    found = json.loads(report.stdout)
    categories, audits = found["categories"], found["audits"]
    for key in CATEGORIES:
        for ref in categories[key]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                items = (audit.get("details") or {}).get("items") or [{}]
                where = (items[0].get("node") or {}).get("selector", "")
                print(f"  {url} {key}: {audit['id']} {audit.get('displayValue', '')} {where}")
    return {key: round(categories[key]["score"] * 100) for key in CATEGORIES}


@pytest.mark.skipif(
    not LIGHTHOUSE.exists(),
    reason=f"Lighthouse is not installed at {LIGHTHOUSE}: npm install --prefix var/lighthouse "
    "lighthouse (or set LIGHTHOUSE)",
)
def test_lighthouse(live_server, transactional_db, playwright, tmp_path):
    alex = demo_people("en")["alex"]
    agreement = Agreement.for_couple(alex.couple)
    client = Client()
    client.force_login(alex)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    visitor = [
        reverse("landing"),
        reverse("guide", args=["security-and-sexuality"]),
        reverse("assessments:start"),
    ]
    signed_in = [
        reverse("workspace"),
        reverse("programs:path"),
        reverse("programs:checkpoint"),
        reverse("agreements:detail", args=[agreement.pk]),
        reverse("assessments:result", args=[Result.objects.filter(owner=alex).first().pk]),
    ]
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
    found = {}
    for number, url in enumerate(visitor + signed_in):
        # A fresh browser and profile for each page, as the lighthouse command starts its own:
        # one browser kept across pages would carry the work of the page before into the next
        # (axe-core's scripts from its accessibility pass, re-parsed once the debugger is on,
        # as the service worker keeps the renderer alive).
        port = free_port()
        chromium = playwright.chromium.launch_persistent_context(
            tmp_path / f"profile-{number}",
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", f"--remote-debugging-port={port}"],
        )
        try:
            if url in signed_in:
                chromium.add_cookies([cookie])
            found[url] = scores(live_server.url + url, port)
        finally:
            chromium.close()
    for url, figures in found.items():
        print(f"\n{url}: {figures}")
    for key, name in CATEGORIES.items():
        lowest = min(found, key=lambda url: found[url][key])
        bench(name, found[lowest][key], f"({lowest})")
