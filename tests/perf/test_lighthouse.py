"""Lighthouse (mobile, its default) on the main pages of the living demo, through Debian's
Chromium: the lowest performance, accessibility and best-practices scores, each 0 to 100.

Lighthouse is an npm package, not a Python one; install it where git does not look:
    npm install --prefix var/lighthouse lighthouse
or point LIGHTHOUSE at another lighthouse executable. Without it this bench is skipped."""

import json
import os
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


def scores(url: str, cookie: str | None) -> dict[str, float]:
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--only-categories=" + ",".join(CATEGORIES),
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    report = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
    )
    found = json.loads(report.stdout)
    categories, audits = found["categories"], found["audits"]
    for key in CATEGORIES:
        for ref in categories[key]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                print(f"  {url} {key}: {audit['id']} {audit.get('displayValue', '')}")
    return {key: round(categories[key]["score"] * 100) for key in CATEGORIES}


@pytest.mark.skipif(
    not LIGHTHOUSE.exists(),
    reason=f"Lighthouse is not installed at {LIGHTHOUSE}: npm install --prefix var/lighthouse "
    "lighthouse (or set LIGHTHOUSE)",
)
def test_lighthouse(live_server, transactional_db):
    alex = demo_people("en")["alex"]
    agreement = Agreement.for_couple(alex.couple)
    client = Client()
    client.force_login(alex)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    pages = {
        reverse("landing"): None,
        reverse("guide", args=["security-and-sexuality"]): None,
        reverse("assessments:start"): None,
        reverse("workspace"): cookie,
        reverse("programs:path"): cookie,
        reverse("programs:checkpoint"): cookie,
        reverse("agreements:detail", args=[agreement.pk]): cookie,
        reverse("assessments:result", args=[Result.objects.filter(owner=alex).first().pk]): cookie,
    }
    found = {url: scores(live_server.url + url, who) for url, who in pages.items()}
    for url, figures in found.items():
        print(f"\n{url}: {figures}")
    for key, name in CATEGORIES.items():
        lowest = min(found, key=lambda url: found[url][key])
        bench(name, found[lowest][key], f"({lowest})")
