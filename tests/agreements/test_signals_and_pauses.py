"""Signals and pauses: sent once through the reminder engine, in generic words."""

from datetime import UTC, datetime, timedelta
from importlib import import_module

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.db import connection, transaction
from django.urls import reverse
from django.utils import translation

from agreements.dialogue import current_dialogue, prepare, start_dialogue
from agreements.diff import ClauseText
from agreements.models import Agreement, Pause, Signal
from agreements.signals_and_pauses import answer_signal, come_back, send_signal, start_pause
from agreements.versions import AgreementError, accept_version, propose_version
from couplespace.models import Couple, Delivery, Notification, Reminder
from programs.templatetags.programs import duration_words
from tests.agreements.conftest import PAUSE, SIGNAL
from tests.conftest import make_couple, make_person
from tests.reminders import catch_up, dispatch, emails_of

NOW = datetime(2026, 5, 4, 18, 0, 20, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def active(agreement, alex, sam):
    alex.timezone, sam.timezone = "Europe/London", "America/New_York"
    alex.save(), sam.save()
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL, PAUSE])
    accept_version(agreement=agreement, person=sam, number=1)
    agreement.refresh_from_db()
    return agreement


def notices(**filters):
    told = Notification.objects.exclude(kind="version_proposed").filter(**filters)
    return [(n.person.name, str(n)) for n in told.order_by("id")]


def signal_emails():
    return [m.to for m in emails_of("signal")]


def test_a_signal_reaches_the_partner_at_once_in_generic_words(
    active, alex, sam, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_signal(agreement=active, sender=alex)

    assert notices() == [("Sam", "Your partner sent your agreed signal")]
    assert [m.to for m in mail.outbox] == [["sam@example.com"]]
    assert SIGNAL.text not in mail.outbox[0].body


def test_a_dispatcher_run_after_an_instant_notice_sends_nothing_more(
    active, alex, sam, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_signal(agreement=active, sender=alex)

    dispatch(NOW + timedelta(seconds=30))
    catch_up(NOW + timedelta(minutes=3))

    assert notices() == [("Sam", "Your partner sent your agreed signal")]
    assert signal_emails() == [["sam@example.com"]]


def test_a_lost_email_task_is_caught_up_by_the_dispatcher_without_a_second_notice(active, alex):
    send_signal(agreement=active, sender=alex)  # committed, but its task never ran
    assert mail.outbox == []

    catch_up(NOW + timedelta(minutes=3))
    catch_up(NOW + timedelta(minutes=6))

    assert notices() == [("Sam", "Your partner sent your agreed signal")]
    assert signal_emails() == [["sam@example.com"]]


def test_a_signal_rolled_back_tells_nobody(active, alex):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_signal(agreement=active, sender=alex)
        raise RuntimeError("the request failed after the signal")

    assert notices() == []
    assert not Delivery.objects.filter(kind="signal").exists()


def test_the_answer_a_pause_and_the_return_reach_the_partner_at_once(
    active, alex, sam, frozen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signal = send_signal(agreement=active, sender=alex)
        answer_signal(signal=signal, person=sam)
        answer_signal(signal=signal, person=sam)
        pause = start_pause(agreement=active, person=alex, minutes=20)
        frozen.shift(timedelta(minutes=5))
        come_back(pause=pause, person=alex)

    assert notices() == [
        ("Sam", "Your partner sent your agreed signal"),
        ("Alex", "Your partner is here"),
        ("Sam", "Your partner is taking a pause"),
        ("Sam", "Your partner is back"),
    ]
    assert len(mail.outbox) == 4


def test_answering_keeps_the_time_it_took(active, alex, sam, frozen):
    signal = send_signal(agreement=active, sender=alex)
    frozen.shift(timedelta(minutes=3, seconds=5))

    answer_signal(signal=signal, person=sam)
    frozen.shift(timedelta(minutes=10))
    answer_signal(signal=signal, person=sam)

    signal.refresh_from_db()
    assert signal.response_time == timedelta(minutes=3, seconds=5)


def test_the_sender_does_not_answer_their_own_signal(active, alex):
    signal = send_signal(agreement=active, sender=alex)

    with pytest.raises(AgreementError, match="Your partner answers your signal"):
        answer_signal(signal=signal, person=alex)


def test_signals_wait_for_an_active_agreement(agreement, alex):
    with pytest.raises(AgreementError, match="once you have both accepted"):
        send_signal(agreement=agreement, sender=alex)


def test_a_pause_longer_than_the_agreement_allows_is_refused(active, alex):
    with pytest.raises(AgreementError, match="at most 45 minutes"):
        start_pause(agreement=active, person=alex, minutes=50)


def test_when_a_pause_ends_both_are_nudged_once(active, alex, sam):
    pause = start_pause(agreement=active, person=alex, minutes=20)
    assert pause.ends_at == NOW + timedelta(minutes=20)

    dispatch(NOW + timedelta(minutes=19, seconds=59))
    assert notices(kind="pause_end") == []
    dispatch(NOW + timedelta(minutes=20))
    dispatch(NOW + timedelta(minutes=21))

    assert sorted(n.person.name for n in Notification.objects.filter(kind="pause_end")) == [
        "Alex",
        "Sam",
    ]


def test_the_end_of_a_pause_is_never_nudged_before_it(active, alex):
    pause = start_pause(agreement=active, person=alex, minutes=20)

    dispatch(pause.ends_at - timedelta(seconds=1))
    assert notices(kind="pause_end") == []
    dispatch(pause.ends_at)
    assert len(notices(kind="pause_end")) == 2


def test_coming_back_early_is_logged_and_cancels_the_nudge(active, alex, sam, frozen):
    pause = start_pause(agreement=active, person=alex, minutes=20)
    frozen.shift(timedelta(minutes=12))

    come_back(pause=pause, person=alex)
    dispatch(NOW + timedelta(minutes=21))

    pause.refresh_from_db()
    assert pause.returned_at == NOW + timedelta(minutes=12)
    assert not Notification.objects.filter(kind="pause_end").exists()


def test_one_pause_at_a_time(active, alex, sam):
    start_pause(agreement=active, person=alex, minutes=10)

    with pytest.raises(AgreementError, match="already running"):
        start_pause(agreement=active, person=sam, minutes=10)


def test_activation_plans_a_monthly_review_for_both_on_their_own_clocks(active, alex, sam):
    reviews = Reminder.objects.filter(kind="agreement_review").order_by("person__email")

    # It is 19:00 on 4 May in London already, so alex's first review is in June.
    assert [(r.person, r.rule, r.next_slot) for r in reviews] == [
        (alex, {"day": 4, "time": "19:00"}, "2026-06-04T19:00"),
        (sam, {"day": 4, "time": "19:00"}, "2026-05-04T19:00"),
    ]


# In the browser's words: the pages


def test_the_partner_sees_the_signal_and_answers_from_the_page(client_for, active, alex, sam):
    client_for(alex).post(reverse("agreements:signal", args=[active.pk]))

    client = client_for(sam)
    page = client.get(reverse("agreements:detail", args=[active.pk])).content.decode()
    assert "Alex sent your signal at 2 p.m." in page
    signal = Signal.objects.get()
    client.post(reverse("agreements:answer", args=[active.pk, signal.pk]))

    page = client.get(reverse("agreements:detail", args=[active.pk])).content.decode()
    assert "signal from Alex · answered in" in page


def test_a_too_long_pause_is_explained_and_the_number_kept(client_for, active, alex):
    response = client_for(alex).post(
        reverse("agreements:pause", args=[active.pk]), {"minutes": "90"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Your agreement allows a pause of at most 45 minutes. Then you return." in page
    assert 'value="90"' in page


def test_the_partner_sees_until_when_in_their_own_time(client_for, active, alex, sam):
    client_for(alex).post(reverse("agreements:pause", args=[active.pk]), {"minutes": "30"})

    page = client_for(sam).get(reverse("agreements:detail", args=[active.pk])).content.decode()

    assert "Alex asked for a pause until 2:30 p.m." in page


def test_the_pause_limit_follows_the_shortest_pause_rule(agreement, alex, sam):
    short = ClauseText("k-short", "pause_rule", "Twenty minutes at most.", 20)
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[PAUSE, short])
    accept_version(agreement=agreement, person=sam, number=1)
    agreement.refresh_from_db()

    with pytest.raises(AgreementError, match="at most 20 minutes"):
        start_pause(agreement=agreement, person=alex, minutes=30)


def test_the_monthly_review_is_sent_once_each_month(active, alex, sam):
    first = datetime(2026, 5, 4, 23, 0, tzinfo=UTC)  # 19:00 in New York: sam's first review

    dispatch(first)
    dispatch(first + timedelta(minutes=1))

    assert [(n.person, str(n)) for n in Notification.objects.filter(kind="agreement_review")] == [
        (sam, "Time for your monthly agreement review")
    ]


def test_after_a_break_up_neither_former_partner_is_asked_to_review(client_for, active, alex, sam):
    client_for(sam).post(reverse("leave_couple"))

    dispatch(datetime(2026, 5, 4, 23, 0, tzinfo=UTC))  # sam's next review slot, in New York
    dispatch(datetime(2026, 6, 4, 18, 0, tzinfo=UTC))  # alex's, in London

    assert not Notification.objects.filter(kind="agreement_review").exists()
    assert emails_of("agreement_review") == []


def test_after_a_break_up_nothing_planned_reaches_a_former_partner(client_for, active, alex, sam):
    start_pause(agreement=active, person=sam, minutes=20)
    start_dialogue(alex)
    prepare(dialogue=current_dialogue(alex), person=alex, pairs=[("being left", "a call")])
    told_before = notices()

    client_for(sam).post(reverse("leave_couple"))
    dispatch(NOW + timedelta(minutes=30))

    assert notices() == told_before
    assert not Notification.objects.filter(kind="pause_end").exists()


def test_couples_who_ended_before_are_no_longer_asked_to_review(active, alex, sam, casey):
    Couple.objects.filter(pk=active.couple_id).update(ended_at=NOW)  # before it turned them off
    together = Agreement.for_couple(make_couple(casey, make_person("dana")))
    propose_version(agreement=together, author=casey, base_number=0, clauses=[SIGNAL])
    accept_version(agreement=together, person=together.parties.exclude(pk=casey.pk).get(), number=1)
    migration = import_module("agreements.migrations.0005_stop_reviews_of_archived_agreements")

    migration.stop_reviews_of_archived_agreements(apps, None)

    for slot in (
        datetime(2026, 5, 4, 19, 0),
        datetime(2026, 5, 4, 23, 0),
        datetime(2026, 6, 4, 18),
    ):
        dispatch(slot.replace(tzinfo=UTC))  # casey's and dana's, sam's, then alex's next review
    reviewed = Notification.objects.filter(kind="agreement_review").order_by("person__email")
    assert [n.person.name for n in reviewed] == ["Casey", "Dana"]


# The pause belongs to the one who asked for it


def test_the_partner_cannot_end_a_pause_they_did_not_ask_for(active, alex, sam, frozen):
    pause = start_pause(agreement=active, person=alex, minutes=20)
    frozen.shift(timedelta(minutes=5))

    with pytest.raises(AgreementError, match="Only the one who asked for the pause"):
        come_back(pause=pause, person=sam)

    pause.refresh_from_db()
    assert pause.returned_at is None
    assert pause.is_running()


def test_the_partners_post_is_refused_and_their_page_shows_until_when(
    client_for, active, alex, sam
):
    pause = start_pause(agreement=active, person=alex, minutes=20)
    client = client_for(sam)

    page = client.post(reverse("agreements:back", args=[active.pk, pause.pk]), follow=True)

    text = page.content.decode()
    assert "Only the one who asked for the pause can end it." in text
    assert "Alex asked for a pause until 2:20 p.m." in text
    assert "I’m back" not in text
    pause.refresh_from_db()
    assert pause.returned_at is None


def test_after_the_pause_the_one_who_paused_is_asked_back_and_notes_how_it_went(
    client_for, active, alex, sam, frozen
):
    pause = start_pause(agreement=active, person=alex, minutes=20)
    frozen.shift(timedelta(minutes=21))
    client = client_for(alex)

    page = client.get(reverse("agreements:detail", args=[active.pk])).content.decode()
    assert "Your pause is over: time to come back" in page
    client.post(
        reverse("agreements:back", args=[active.pk, pause.pk]),
        {"note": "I walked round the block; calmer now."},
    )

    pause.refresh_from_db()
    assert pause.returned_at == NOW + timedelta(minutes=21)
    assert pause.return_note == "I walked round the block; calmer now."
    stored = Pause.objects.filter(pk=pause.pk).values_list("return_note", flat=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT return_note FROM agreements_pause WHERE id = %s", [pause.pk])
        assert cursor.fetchone()[0].startswith("enc1:")
    assert list(stored) == ["I walked round the block; calmer now."]
    page = client.get(reverse("agreements:detail", args=[active.pk])).content.decode()
    assert "Your pause is over" not in page
    assert "back at 7:21 p.m. · “I walked round the block; calmer now.”" in page


def test_a_return_note_too_long_is_explained_and_kept(client_for, active, alex, frozen):
    pause = start_pause(agreement=active, person=alex, minutes=20)
    frozen.shift(timedelta(minutes=21))
    typed = "It went well. " * 40

    response = client_for(alex).post(
        reverse("agreements:back", args=[active.pk, pause.pk]), {"note": typed}
    )

    assert response.status_code == 400
    assert typed.strip() in response.content.decode()
    pause.refresh_from_db()
    assert pause.returned_at is None


def test_the_partner_does_not_see_the_return_note(client_for, active, alex, sam, frozen):
    pause = start_pause(agreement=active, person=alex, minutes=20)
    frozen.shift(timedelta(minutes=21))
    come_back(pause=pause, person=alex, note="Harder than I thought.")

    page = client_for(sam).get(reverse("agreements:detail", args=[active.pk])).content.decode()

    assert "Harder than I thought." not in page


# A signal answered is a notice read


def test_the_signal_notice_is_read_once_the_signal_is_answered(client_for, active, alex, sam):
    signal = send_signal(agreement=active, sender=alex)
    notice = Notification.objects.get(person=sam, kind="signal")
    assert notice.read_at is None

    client_for(sam).post(reverse("agreements:answer", args=[active.pk, signal.pk]))

    notice.refresh_from_db()
    assert notice.read_at == NOW
    assert Notification.objects.get(person=alex, kind="signal_answered").read_at is None


@pytest.mark.parametrize(
    ("seconds", "english", "chinese"),
    [
        (40, "40 s", "40 秒"),
        (60, "1 min", "1 分钟"),
        (110, "1 min 50 s", "1 分 50 秒"),
        (3 * 3600 + 5 * 60 + 9, "3 h 5 min", "3 小时 5 分"),
    ],
)
def test_response_times_read_to_the_second(seconds, english, chinese):
    delta = timedelta(seconds=seconds)

    assert duration_words(delta) == english
    with translation.override("zh-hans"):
        assert duration_words(delta) == chinese


def test_the_log_says_110_seconds_as_1_min_50_s(client_for, active, alex, sam, frozen):
    signal = send_signal(agreement=active, sender=alex)
    frozen.shift(timedelta(seconds=110))
    answer_signal(signal=signal, person=sam)

    page = client_for(alex).get(reverse("agreements:detail", args=[active.pk])).content.decode()

    assert "answered in 1 min 50 s" in page


# After leaving, an archived agreement takes no actions


def test_after_leaving_a_signal_cannot_be_answered_nor_a_return_logged(
    client_for, active, alex, sam
):
    signal = send_signal(agreement=active, sender=sam)
    pause = start_pause(agreement=active, person=alex, minutes=20)
    client = client_for(alex)
    client.post(reverse("leave_couple"))

    answered = client.post(reverse("agreements:answer", args=[active.pk, signal.pk]), follow=True)
    back = client.post(reverse("agreements:back", args=[active.pk, pause.pk]), follow=True)

    for response in (answered, back):
        assert response.status_code == 200
        assert "it takes no more actions" in response.content.decode()
    signal.refresh_from_db(), pause.refresh_from_db()
    assert (signal.answered_at, pause.returned_at) == (None, None)
    page = back.content.decode()
    assert "I’m here" not in page and "I’m back" not in page
