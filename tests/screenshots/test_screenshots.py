"""`make screenshots`: the main pages of the living demo, on a phone and a desktop, in the light
and the dark theme, as full-page PNGs in var/screenshots/ (git-ignored), so every change to the
look can be seen. Not part of `make test` (pyproject ignores this folder)."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from agreements.models import Agreement
from assessments.models import Result
from tests.browser.test_accessibility import VIEWPORTS, demo_people, sign_in

OUT = Path(settings.BASE_DIR) / "var" / "screenshots"


def main_pages(people) -> dict[str, list[str]]:
    alex = people["alex"]
    agreement = Agreement.for_couple(alex.couple)
    return {
        "visitor": [reverse("landing"), reverse("guide", args=["security-and-sexuality"])],
        "alex": [
            reverse("workspace"),
            reverse("programs:path"),
            reverse("programs:checkpoint"),
            reverse("programs:outcome"),
            reverse("agreements:detail", args=[agreement.pk]),
            reverse("agreements:version", args=[agreement.pk, 2]),
            reverse("assessments:result", args=[Result.objects.filter(owner=alex).first().pk]),
        ],
    }


def name_of(url: str) -> str:
    return urlsplit(url).path.strip("/").replace("/", "-") or "landing"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(browser, live_server, transactional_db, scheme):
    people = demo_people("en")
    OUT.mkdir(parents=True, exist_ok=True)
    heights = []
    for who, urls in main_pages(people).items():
        for size, viewport in VIEWPORTS.items():
            context = browser.new_context(
                base_url=live_server.url, viewport=viewport, color_scheme=scheme, locale="en-GB"
            )
            if who in people:
                sign_in(context, people[who], live_server.url)
            page = context.new_page()
            for url in urls:
                assert page.goto(url).status == 200, url
                path = OUT / f"{name_of(url)}-{size}-{scheme}.png"
                page.screenshot(path=path, full_page=True)
                height = page.evaluate("document.documentElement.scrollHeight")
                heights.append(f"{url} {size} {scheme}: {height} px")
            context.close()
    print("\n".join(["", f"Screenshots in {OUT}:", *heights]))
