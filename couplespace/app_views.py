"""The installable app: its web manifest, its service worker (static/js/sw.js, served from the
site's root so that it may answer for every page) and the offline page the worker keeps."""

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from couplespace.crisis_lines import CRISIS_LINES

# What the worker keeps from the start: what the offline page needs, and the icon pushes show.
PRECACHED = ["css/app.css", "js/app.js", "favicon.svg", "icons/icon-192.png"]


@require_safe
@vary_on_headers("Accept-Language")
@cache_control(public=True, max_age=60 * 60)
def manifest(request):
    """The web manifest: what an installed CoupleSpace is called and looks like, and where it
    opens (a person's own space, or the login page when signed out)."""
    data = {
        "id": "/",
        "name": "CoupleSpace",
        "short_name": "CoupleSpace",
        "description": _("Guided self-help for couples"),
        "lang": request.LANGUAGE_CODE,
        "start_url": reverse("workspace"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#fbfaf7",
        "theme_color": "#3d5a99",
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )


def offline_context() -> dict:
    """The offline page's context: the same for everyone, from settings and code alone."""
    return {
        "languages": [code for code, _name in settings.LANGUAGES],
        "lines": CRISIS_LINES,
        "quick_exit_url": settings.QUICK_EXIT_URL,
    }


def worker_source() -> str:
    """The worker with what it needs to know, and a version that changes with any of it, with
    the offline page, and (in development, where file names carry no hash) with the files'
    contents, so that a new release replaces the old cache."""
    config = {
        "offline": reverse("offline"),
        "static": settings.STATIC_URL,
        "precache": [static(path) for path in PRECACHED],
        "icon": static("icons/icon-192.png"),
        "staticFirst": not settings.DEBUG,
    }
    digest = hashlib.sha256(json.dumps(config, sort_keys=True).encode())
    digest.update(render_to_string("app/offline.html", offline_context()).encode())
    if settings.DEBUG:
        for path in PRECACHED:
            with open(finders.find(path), "rb") as file:
                digest.update(file.read())
    config["version"] = digest.hexdigest()[:12]
    with open(finders.find("js/sw.js"), encoding="utf-8") as file:
        return file.read().replace("__CONFIG__", json.dumps(config, sort_keys=True))


release_worker_source = cache(worker_source)


@require_safe
@cache_control(no_cache=True)
def service_worker(request):
    """The worker, from the root so that its scope is the whole site; the browser asks for it
    again on every visit (no-cache) and installs it anew when a byte changed. Made once per
    process, except in development."""
    source = worker_source() if settings.DEBUG else release_worker_source()
    return HttpResponse(source, content_type="text/javascript; charset=utf-8")


@require_safe
def offline(request):
    """The page the worker shows when a page cannot load: in both languages, since it is kept
    once for every visitor, with Quick exit and the crisis lines. Nothing of anyone's is on it:
    the worker asks for it without cookies."""
    return HttpResponse(render_to_string("app/offline.html", offline_context()))
