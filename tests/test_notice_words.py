"""A stored notification says its words in the reader's language of the moment: it keeps its
kind and plain values, and is rendered when read."""

import importlib
import re
from datetime import datetime

from django.apps import apps
from django.urls import reverse
from django.utils import translation

from couplespace import notices
from couplespace.models import ANOTHER_ADDRESS, Notification
from couplespace.notify import notify
from couplespace.reminders import KINDS
from tests.reminders import PING

CHINESE = re.compile(r"[\u4e00-\u9fff]")
HOURS = [datetime(2026, 6, 1, hour, 30) for hour in range(24)]


def switch_language(client, language):
    client.post(reverse("set_language"), {"language": language, "next": "/"})


def test_a_notice_written_in_english_reads_in_chinese_after_a_switch_and_back(client_for, alex):
    kind = KINDS["checkpoint"]
    notify(alex, kind.name, kind.message_for(datetime(2026, 6, 1, 8, 0)))
    client = client_for(alex)

    assert "Time for your morning check-in" in client.get(reverse("notifications")).text
    switch_language(client, "zh-hans")
    page = client.get(reverse("notifications")).text
    assert "该做早间记录了" in page
    assert "Time for your morning check-in" not in page
    switch_language(client, "en")
    assert "Time for your morning check-in" in client.get(reverse("notifications")).text


def test_a_notice_written_in_chinese_reads_in_english_after_a_switch(client_for, alex):
    alex.language = "zh-hans"
    alex.save()
    notify(alex, "signal", KINDS["signal"].message_for(datetime(2026, 6, 1, 8, 0)))
    client = client_for(alex)
    assert "你的伴侣发出了你们约定的信号" in client.get(reverse("notifications")).text

    switch_language(client, "en")

    page = client.get(reverse("notifications")).text
    assert "Your partner sent your agreed signal" in page
    assert not CHINESE.search(page.split("<main", 1)[1].split("</main>", 1)[0])


def test_a_notice_stores_its_kind_and_values_never_its_words(alex):
    kind = KINDS["checkpoint"]
    notify(alex, kind.name, kind.message_for(datetime(2026, 6, 1, 20, 0)))

    stored = Notification.objects.get()
    assert (stored.kind, stored.values, stored.title, stored.body) == (
        "checkpoint",
        {"part_of_day": "evening"},
        "",
        "",
    )


def every_notice():
    """Each kind of notice with each set of values it is written with."""
    for kind in KINDS.values():
        seen = []
        for local in HOURS:
            values = kind.message_for(local).values
            if values not in seen:
                seen.append(values)
                yield kind.name, values
    for invited in ("partner", "client"):
        yield ANOTHER_ADDRESS, {"invited": invited}


def test_every_kind_of_notice_is_rendered_in_both_languages(alex):
    said = {}
    for kind, values in every_notice():
        notice = Notification.objects.create(person=alex, kind=kind, values=values)
        for language in ("en", "zh-hans"):
            with translation.override(language):
                words = notice.words()
                said[kind, repr(values), language] = (str(words.title), str(words.body))

        english = said[kind, repr(values), "en"]
        chinese = said[kind, repr(values), "zh-hans"]
        assert all(english) and not any(CHINESE.search(text) for text in english), kind
        assert all(CHINESE.search(text) for text in chinese), (kind, chinese)
    # PING is the tests' own kind: a reminder test registers it for a while, and its words stay.
    assert {kind for kind, _, _ in said} == set(notices.WORDS) - {PING.name}


def test_a_notice_of_a_kind_no_longer_known_shows_its_stored_words(alex):
    gone = Notification.objects.create(person=alex, kind="retired", values={}, title="Old words")

    assert str(gone) == "Old words"


def test_the_migration_gives_older_notices_the_values_that_say_them_again(alex):
    written = {
        "evening": Notification.objects.create(
            person=alex, kind="checkpoint", title="该做晚间记录了"
        ),
        "signal": Notification.objects.create(
            person=alex, kind="signal", title="Your partner sent your agreed signal"
        ),
        "client": Notification.objects.create(
            person=alex, kind=ANOTHER_ADDRESS, title="Someone…", url="/therapist/"
        ),
        "unknown title": Notification.objects.create(
            person=alex, kind="checkpoint", title="Check in, please"
        ),
    }
    migration = importlib.import_module("couplespace.migrations.0014_notification_values")

    migration.values_of_older_notices(apps, None)

    values = {name: Notification.objects.get(pk=n.pk).values for name, n in written.items()}
    assert values == {
        "evening": {"part_of_day": "evening"},
        "signal": {},
        "client": {"invited": "client"},
        "unknown title": None,
    }
    with translation.override("en"):
        shown = [str(Notification.objects.get(pk=n.pk)) for n in written.values()]
    assert shown == [
        "Time for your evening check-in",
        "Your partner sent your agreed signal",
        "Someone signed in with another address opened your invitation",
        "Check in, please",
    ]
