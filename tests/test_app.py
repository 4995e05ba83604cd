"""The installable app: manifest, service worker and the offline page it keeps."""

import json

from django.urls import reverse

from couplespace.app_views import worker_source


def test_every_page_links_the_manifest_and_names_the_worker(client):
    page = client.get(reverse("landing")).text

    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert 'data-service-worker="/sw.js"' in page


def test_the_manifest_opens_a_persons_space_standalone_with_its_icons(client):
    response = client.get("/manifest.webmanifest")

    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert (manifest["name"], manifest["start_url"], manifest["display"], manifest["scope"]) == (
        "CoupleSpace",
        "/space/",
        "standalone",
        "/",
    )
    assert [(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]] == [
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    ]
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_the_icons_are_the_sizes_they_say(client):
    for path, size in [
        ("/static/icons/icon-192.png", 192),
        ("/static/icons/icon-512.png", 512),
        ("/static/icons/maskable-512.png", 512),
    ]:
        png = b"".join(client.get(path).streaming_content)
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert (int.from_bytes(png[16:20]), int.from_bytes(png[20:24])) == (size, size)
        assert len(png) < 8 * 1024


def test_the_worker_comes_from_the_root_knowing_what_to_keep(client):
    response = client.get("/sw.js")

    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    config = json.loads(response.text.split("var CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert config["offline"] == "/offline/"
    assert config["precache"] == [
        "/static/css/app.css",
        "/static/js/app.js",
        "/static/favicon.svg",
        "/static/icons/icon-192.png",
    ]
    assert "__CONFIG__" not in response.text


def test_the_offline_page_speaks_both_languages_with_quick_exit_and_help(client):
    page = client.get(reverse("offline")).text

    for words in ["You are offline", "你已离线", "Quick exit", "快速离开", "Get help", "寻求帮助"]:
        assert words in page
    assert 'href="tel:911"' in page
    assert "data-quick-exit" in page


def test_the_offline_page_has_nothing_of_the_person_asking(client_for, alex):
    page = client_for(alex).get(reverse("offline")).text

    assert "csrfmiddlewaretoken" not in page
    assert "alex" not in page.lower()
    assert "Log out" not in page


def test_a_new_offline_page_is_a_new_worker_so_browsers_keep_the_new_one(settings):
    before = worker_source()
    settings.QUICK_EXIT_URL = "https://example.org/weather"

    assert worker_source() != before
