"""The in-app list, reminder settings (switch, email, snooze, quiet hours) and unsubscribing."""

import re
from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation

from couplespace.models import (
    Delivery,
    Notification,
    NotificationPreference,
    NotificationSettings,
    Reminder,
    UnsubscribeLink,
)
from couplespace.notify import build_email, send_after_commit
from couplespace.reminders import KINDS
from tests.programs_helpers import enrol, load_program
from tests.reminders import dispatch

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_the_list_shows_a_persons_own_notifications_newest_first(client_for, alex, sam):
    Notification.objects.create(person=alex, kind="checkpoint", title="Older")
    with time_machine.travel(datetime(2026, 6, 1, 9, 5, tzinfo=UTC), tick=False):
        Notification.objects.create(person=alex, kind="checkpoint", title="Newer")
    Notification.objects.create(person=sam, kind="checkpoint", title="Sam's own")

    response = client_for(alex).get(reverse("notifications"))

    assert [str(n) for n in response.context["notifications"]] == ["Newer", "Older"]


def test_mark_all_as_read(client_for, alex):
    Notification.objects.create(person=alex, kind="checkpoint", title="Time for a check-in")

    client_for(alex).post(reverse("mark_notifications_read"))

    assert Notification.objects.get().read_at == NOW


def test_it_saves_the_switch_email_choice_snooze_and_quiet_hours(client_for, alex):
    response = client_for(alex).post(
        reverse("notification_preferences"),
        {
            "checkpoint-enabled": "on",
            "checkpoint-snooze": "1d",
            "quiet_from": "22:00",
            "quiet_until": "07:00",
        },
    )

    assert response.status_code == 302
    preference = NotificationPreference.objects.get(person=alex, kind="checkpoint")
    assert (preference.enabled, preference.by_email, preference.snoozed_until) == (
        True,
        False,
        datetime(2026, 6, 2, 9, 0, tzinfo=UTC),
    )
    quiet = NotificationSettings.objects.get(person=alex)
    assert (quiet.quiet_from, quiet.quiet_until) == (time(22), time(7))


def test_half_a_quiet_hours_window_is_refused_and_kept(client_for, alex):
    response = client_for(alex).post(
        reverse("notification_preferences"), {"checkpoint-enabled": "on", "quiet_from": "22:00"}
    )

    assert response.status_code == 400
    assert "Give both ends of your quiet hours" in response.text
    assert 'value="22:00"' in response.text


def test_the_page_lists_every_registered_kind(client_for, alex):
    response = client_for(alex).get(reverse("notification_preferences"))

    listed = sorted(str(row["label"]) for row in response.context["form"].rows())
    assert listed == sorted(str(kind.label) for kind in KINDS.values())
    assert "Check-in reminders" in listed


def test_each_kind_of_reminder_opens_its_page():
    opens = {
        name: kind.message_for(datetime(2026, 3, 2, 19, 0)).url for name, kind in KINDS.items()
    }

    assert opens == {
        "assignment_due": "/space/",
        "partner_joined": "/space/",
        "guide_section_sent": "/notifications/",
        "checkpoint": "/program/check-in/",
        "daily_step": "/program/all/",
        "weekly_check_in": "/program/weekly/",
        "monthly_review": "/program/weekly/#review-heading",
        "morning_connection": "/program/rituals/",
        "evening_debrief": "/program/rituals/",
        "signal": "/agreements/",
        "signal_answered": "/agreements/",
        "pause_started": "/agreements/",
        "pause_ended": "/agreements/",
        "pause_end": "/agreements/",
        "version_proposed": "/agreements/",
        "agreement_review": "/agreements/",
        "dialogue_turn": "/agreements/dialogue/",
    }


def test_following_an_unsubscribe_link_only_asks(client, alex):
    """A mail scanner opens every link: that alone must not silence a partner's signal."""
    response = client.get(reverse("unsubscribe", args=[UnsubscribeLink.issue(alex, "signal")]))

    assert response.status_code == 200
    assert "Stop these emails?" in response.text
    assert '<form method="post">' in response.text
    assert not NotificationPreference.objects.exists()


def test_the_button_on_the_page_turns_off_that_kinds_email(client, alex):
    response = client.post(reverse("unsubscribe", args=[UnsubscribeLink.issue(alex, "checkpoint")]))

    assert "You are unsubscribed" in response.text
    preference = NotificationPreference.objects.get(person=alex, kind="checkpoint")
    assert (preference.enabled, preference.by_email) == (True, False)


def test_mail_clients_can_unsubscribe_with_a_one_click_post(client, alex):
    token = UnsubscribeLink.issue(alex, "checkpoint")

    client.post(
        reverse("unsubscribe", args=[token]),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert NotificationPreference.objects.get(person=alex).by_email is False


def test_email_can_be_turned_back_on_from_the_same_page(client, alex):
    token = UnsubscribeLink.issue(alex, "checkpoint")
    client.post(reverse("unsubscribe", args=[token]))

    response = client.post(reverse("unsubscribe", args=[token]), {"resubscribe": "1"})

    assert "Emails are back on" in response.text
    assert NotificationPreference.objects.get(person=alex).by_email is True


def test_an_unknown_unsubscribe_token_is_404(client, alex):
    token = UnsubscribeLink.issue(alex, "checkpoint")

    assert client.post(reverse("unsubscribe", args=[token[:-2] + "xx"])).status_code == 404
    assert NotificationPreference.objects.count() == 0


def test_the_token_is_random_and_only_its_digest_is_kept(alex):
    token = UnsubscribeLink.issue(alex, "checkpoint")

    assert token != UnsubscribeLink.issue(alex, "checkpoint")
    assert [len(token), UnsubscribeLink.objects.filter(digest__contains=token).count()] == [32, 0]


def test_an_expired_link_says_so_and_changes_nothing(client, frozen, alex):
    token = UnsubscribeLink.issue(alex, "checkpoint")
    frozen.shift(timedelta(days=60))

    response = client.post(reverse("unsubscribe", args=[token]))

    assert response.status_code == 410
    assert "This link has expired" in response.text
    assert reverse("notification_preferences") in response.text
    assert not NotificationPreference.objects.exists()


def test_expired_links_go_when_a_new_one_is_issued(frozen, alex, sam):
    UnsubscribeLink.issue(alex, "checkpoint")
    UnsubscribeLink.issue(sam, "checkpoint")
    frozen.shift(timedelta(days=61))

    UnsubscribeLink.issue(alex, "signal")

    assert sorted(UnsubscribeLink.objects.values_list("person__email", "kind")) == [
        ("alex@example.com", "signal"),
        ("sam@example.com", "checkpoint"),
    ]


def test_the_link_in_a_real_reminder_email_unsubscribes(client, alex):
    load_program()
    enrol(alex, day=1)
    dispatch(now=datetime(2026, 6, 1, 13, 0, tzinfo=UTC))
    link = next(line for line in mail.outbox[0].body.splitlines() if "/unsubscribe/" in line)

    client.post(link.split("http://testserver", 1)[1].strip())

    assert NotificationPreference.objects.get(person=alex, kind="checkpoint").by_email is False


def test_a_new_time_zone_in_preferences_moves_the_reminders(client_for, alex):
    load_program()
    enrol(alex, day=1)  # alex lives in UTC: next check-in 13:00 UTC

    client_for(alex).post(
        reverse("preferences"),
        {"display_name": "Alex", "timezone": "Asia/Shanghai", "language": "en"},
    )

    reminder = Reminder.objects.get(person=alex, kind="checkpoint")
    assert (reminder.next_slot, reminder.next_due_at) == (
        "2026-06-01T21:00",
        datetime(2026, 6, 1, 13, 0, tzinfo=UTC),
    )


WORDS_THAT_SAY_TOO_MUCH = re.compile(
    r"therapist|partner|step|signal|pause|agreement|dialogue|check-in|review|debrief|due"
    r"|咨询师|伴侣|步骤|信号|暂停|协议|对话|签到|回顾",
    re.IGNORECASE,
)


GENERIC_SUBJECT = {"en": "A reminder from CoupleSpace", "zh-hans": "来自 CoupleSpace 的提醒"}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("kind", sorted(KINDS), ids=str)
def test_every_reminder_kinds_email_subject_is_generic(alex, kind, language):
    """A partner may see the inbox: the subject never says what the reminder is about."""
    alex.language = language
    alex.save()

    with translation.override(language):  # as send_after_commit builds it
        subject = build_email(alex, kind).subject

    assert not WORDS_THAT_SAY_TOO_MUCH.search(subject), subject
    assert subject == GENERIC_SUBJECT[language]


GENERIC_LINE = {
    "en": "Something new is waiting for you in CoupleSpace.",
    "zh-hans": "CoupleSpace 里有新消息等你查看。",
}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("kind", sorted(KINDS), ids=str)
def test_every_reminder_kinds_email_body_is_the_same_generic_nudge(alex, kind, language):
    """An inbox preview or a lock screen shows the body's first line, and its link names its
    page: the body says only that something is waiting, and links to the notifications, where
    the words of the kind are read once signed in."""
    alex.language = language
    alex.save()

    for hour in (8, 13, 21):
        message = KINDS[kind].message_for(datetime(2026, 6, 1, hour, 0))
        send_after_commit(alex, kind, delivery=Delivery(pk=1))
        body = mail.outbox.pop().body
        lines = body.splitlines()

        with translation.override(language):
            said = [str(message.title), str(message.body)]
        assert [text for text in said if text in body] == []
        # The unsubscribe link's token is random: "dUE" in it is not a word the body says.
        words = re.sub(r"(/unsubscribe/)[^/\s]+", r"\1", body)
        assert not WORDS_THAT_SAY_TOO_MUCH.search(words), body
        assert lines[:2] == [GENERIC_LINE[language], "http://testserver/notifications/"]
