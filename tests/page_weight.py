"""How much a page's first load ships: its HTML with every stylesheet and script it names, and
the app's manifest and service worker, each compressed with gzip as WhiteNoise serves them."""

import gzip
import re

from django.contrib.staticfiles import finders
from django.urls import reverse

ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src|img[^>]+src|use href)="/static/([^"?#]+)')
# Not static files: the views that make them are asked for them.
APP = re.compile(r'<link rel="manifest" href="([^"]+)"|data-service-worker="([^"]+)"')


def gzipped_kb(data: bytes) -> float:
    return len(gzip.compress(data, compresslevel=9)) / 1024


def first_load_kb(client, url: str) -> float:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content
    total = gzipped_kb(html)
    for path in set(ASSET.findall(html.decode())):
        with open(finders.find(path), "rb") as asset:
            total += gzipped_kb(asset.read())
    for url in {found for pair in APP.findall(html.decode()) for found in pair if found}:
        total += gzipped_kb(client.get(url).content)
    return total


def main_pages(world) -> dict[str, list[str]]:
    """Public pages for a visitor, and the main pages of the demo-like couple for alex."""
    return {
        "visitor": [
            reverse("landing"),
            reverse("help"),
            reverse("guide", args=["security-and-sexuality"]),
            reverse("assessments:start"),
            reverse("account_login"),
            reverse("account_signup"),
        ],
        "alex": [
            reverse("workspace"),
            reverse("programs:path"),
            reverse("programs:checkpoint"),
            reverse("agreements:detail", args=[world["agreement"].pk]),
            reverse("privacy"),
            reverse("notifications"),
            reverse("preferences"),
        ],
    }
