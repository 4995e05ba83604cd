"""Web Push, the third channel of the one notify path: a generic nudge on each of a person's
devices, signed with the site's VAPID key and encrypted for the device (RFC 8291, aes128gcm,
through pywebpush).

`notify` builds the pushes with the in-app notification, in the person's language; they are sent
after the delivery's transaction commits, in the worker, next to the email
(`reminders.send_after_commit`). A push says only that there is a reminder, the same for every
kind, and the service worker shows it under one tag per delivery, so a repeat replaces the
first instead of adding a second. A push service that answers 404 or 410 has forgotten the
device: its subscription is deleted. Any other failure is logged; the in-app notification and
the email stay the record, so a push is never tried again.
"""

import json
import logging
import re
from dataclasses import dataclass
from email.utils import parseaddr
from functools import cache
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.utils.translation import gettext as _
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

from couplespace.models import PushSubscription

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
# A push waits at the push service while the device is off, up to a day: later, it is stale.
TIME_TO_LIVE_SECONDS = 24 * 60 * 60
GONE = {404, 410}
# The push services of the browsers people use. A device's endpoint must be on one of them: the
# worker posts to it, and must never be sent to an address someone made up (this network's own
# services, say).
PUSH_SERVICES = (
    "fcm.googleapis.com",  # Chrome, Edge on Android, Samsung Internet, Opera
    "updates.push.services.mozilla.com",  # Firefox
    "push.apple.com",  # Safari (web.push.apple.com)
    "notify.windows.com",  # Edge on Windows
)


@dataclass(frozen=True)
class Push:
    """One message for one device, plain data until `send` encrypts it for the device."""

    subscription_id: int
    info: dict
    payload: str


def enabled() -> bool:
    return bool(settings.VAPID_PRIVATE_KEY)


def payload(*, url: str, tag: str) -> str:
    """What the service worker shows, in the active language: the same words for every kind,
    since a lock screen shows them to whoever holds the phone ("Your partner sent your agreed
    signal" says too much); what the reminder is about is in the app, on the page it opens. And
    the tag that folds repeats of one delivery into one notification."""
    words = {"title": "CoupleSpace", "body": _("Something new is waiting for you in CoupleSpace.")}
    return json.dumps({**words, "url": url, "tag": tag}, ensure_ascii=False)


def pushes_for(person, *, url: str, tag: str) -> list[Push]:
    """One push for each of the person's devices (one query; none when push is not set up)."""
    if not enabled():
        return []
    data = payload(url=url, tag=tag)
    return [
        Push(subscription.pk, subscription.info(), data)
        for subscription in PushSubscription.objects.filter(person=person)
    ]


def to_task(pushes) -> list[list]:
    """Pushes as a worker's task carries them: the device's id and the words, not its keys."""
    return [[one.subscription_id, one.payload] for one in pushes]


def from_task(pairs: list) -> list[Push]:
    """The pushes a task carried, for the devices still there (one query)."""
    devices = PushSubscription.objects.in_bulk([device_id for device_id, _ in pairs])
    return [
        Push(device_id, devices[device_id].info(), payload)
        for device_id, payload in pairs
        if device_id in devices
    ]


@cache
def _vapid() -> Vapid:
    return Vapid.from_raw(settings.VAPID_PRIVATE_KEY.encode())


def _claims() -> dict:
    """The contact a push service can write to about our pushes (VAPID's `sub`)."""
    return {"sub": "mailto:" + (parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "no-reply@localhost")}


def send(pushes: list[Push]) -> int:
    """Send each push; drop the devices their push service has forgotten. Returns how many the
    push services took."""
    taken = 0
    for push in pushes:
        try:
            webpush(
                push.info,
                push.payload,
                vapid_private_key=_vapid(),
                vapid_claims=_claims(),
                timeout=TIMEOUT_SECONDS,
                ttl=TIME_TO_LIVE_SECONDS,
            )
        except WebPushException as error:
            status = getattr(error.response, "status_code", None)
            if status in GONE:
                PushSubscription.objects.filter(pk=push.subscription_id).delete()
            else:
                logger.warning("A push to device %s failed: %s", push.subscription_id, status)
        except requests.RequestException as error:
            logger.warning("A push to device %s failed: %s", push.subscription_id, error)
        else:
            taken += 1
    return taken


def is_push_service(endpoint: str) -> bool:
    """Whether an endpoint is https on a known push service (or one of its subdomains)."""
    url = urlsplit(endpoint)
    host = (url.hostname or "").lower()
    known = any(host == name or host.endswith("." + name) for name in PUSH_SERVICES)
    return url.scheme == "https" and known


BROWSERS = [
    ("Edge", r"Edg(e|A|iOS)?/"),
    ("Samsung Internet", r"SamsungBrowser/"),
    ("Opera", r"OPR/|Opera"),
    ("Firefox", r"Firefox/|FxiOS/"),
    ("Chrome", r"Chrome/|CriOS/|Chromium/"),
    ("Safari", r"Safari/"),
]
SYSTEMS = [
    ("Android", r"Android"),
    ("iPhone", r"iPhone"),
    ("iPad", r"iPad"),
    ("ChromeOS", r"CrOS"),
    ("Windows", r"Windows"),
    ("macOS", r"Macintosh|Mac OS X"),
    ("Linux", r"Linux|X11"),
]


def _first(names: list[tuple[str, str]], user_agent: str) -> str:
    return next((name for name, pattern in names if re.search(pattern, user_agent)), "")


def device_label(user_agent: str) -> str:
    """A name a person recognises their device by, such as "Chrome on Android"."""
    browser, system = _first(BROWSERS, user_agent), _first(SYSTEMS, user_agent)
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or _("A browser")
