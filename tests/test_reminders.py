"""The reminder engine: due rows, one delivery per slot, never twice, none lost, never stale."""

from datetime import UTC, datetime, time, timedelta
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from couplespace import reminders
from couplespace.models import (
    Delivery,
    Notification,
    NotificationPreference,
    NotificationSettings,
    Reminder,
)
from couplespace.reminders import schedule_reminder
from tests.conftest import make_person
from tests.reminders import PING, catch_up, dispatch


def utc(text):
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture(autouse=True)
def ping_kind():
    reminders.register(PING)
    yield PING
    reminders.KINDS.pop(PING.name)


@pytest.fixture
def london_alex(db):
    return make_person("alex", timezone="Europe/London")


def pings(person, times=("08:00", "21:00"), now="2026-06-01 12:00"):
    return schedule_reminder(person=person, kind=PING, rule={"times": list(times)}, now=utc(now))


def test_it_plans_the_next_slot_in_the_persons_own_time(london_alex):
    reminder = pings(london_alex)

    assert reminder.next_slot == "2026-06-01T21:00"
    assert reminder.next_due_at == utc("2026-06-01 20:00")  # 21:00 BST


def test_it_records_a_delivery_sends_it_and_moves_on(london_alex):
    pings(london_alex)

    assert dispatch(now=utc("2026-06-01 19:59")) == 0
    assert dispatch(now=utc("2026-06-01 20:00")) == 1

    delivery = Delivery.objects.get()
    assert (delivery.slot, delivery.status) == ("@2026-06-01T20:00Z", Delivery.Status.SENT)
    assert str(Notification.objects.get()) == "Time for a ping"
    assert [message.subject for message in mail.outbox] == ["A reminder from CoupleSpace"]
    reminder = Reminder.objects.get()
    assert (reminder.next_slot, reminder.next_due_at) == (
        "2026-06-02T08:00",
        utc("2026-06-02 07:00"),
    )


def test_a_restarted_beat_running_again_sends_nothing_new(london_alex):
    pings(london_alex)
    dispatch(now=utc("2026-06-01 20:00"))

    assert dispatch(now=utc("2026-06-01 20:00:30")) == 0
    assert Delivery.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_retried_send_task_sends_nothing_twice(london_alex):
    pings(london_alex)
    dispatch(now=utc("2026-06-01 20:00"))
    delivery = Delivery.objects.get()

    with time_machine.travel(utc("2026-06-01 20:01"), tick=False):
        reminders.deliver_all([delivery.pk, delivery.pk])

    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_slot_recorded_again_after_a_rule_change_is_not_sent_again(london_alex):
    pings(london_alex)
    dispatch(now=utc("2026-06-01 20:00"))
    Reminder.objects.update(next_slot="2026-06-01T21:00", next_due_at=utc("2026-06-01 20:00"))

    dispatch(now=utc("2026-06-01 20:01"))

    assert Delivery.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_slot_too_old_is_skipped_not_sent_late(london_alex):
    pings(london_alex)

    # The dispatcher was down from 20:00 until the next morning, 07:30.
    dispatch(now=utc("2026-06-02 07:30"))

    assert list(Delivery.objects.values_list("slot", flat=True)) == ["@2026-06-02T07:00Z"]
    assert Reminder.objects.get().next_slot == "2026-06-02T21:00"


def test_a_lost_task_is_caught_up_on_a_later_run(london_alex):
    pings(london_alex)
    with mock.patch("couplespace.tasks.send_reminders.delay"):  # Redis lost the message
        dispatch(now=utc("2026-06-01 20:00"))
    assert Delivery.objects.get().status == Delivery.Status.PENDING

    assert catch_up(now=utc("2026-06-01 20:01")) == 0  # its task may still be on its way
    assert catch_up(now=utc("2026-06-01 20:02")) == 1

    assert Delivery.objects.get().status == Delivery.Status.SENT
    assert len(mail.outbox) == 1


def test_a_lost_task_found_too_late_is_skipped(london_alex):
    pings(london_alex)
    with mock.patch("couplespace.tasks.send_reminders.delay"):
        dispatch(now=utc("2026-06-01 20:00"))

    assert catch_up(now=utc("2026-06-01 21:30")) == 0

    assert Delivery.objects.get().status == Delivery.Status.SKIPPED
    assert mail.outbox == []


def test_a_send_that_crashes_is_retried_without_a_duplicate(london_alex):
    pings(london_alex)
    send = EmailBackend.send_messages
    failures = iter([SMTPServerDisconnected("the mail server went away")])

    def flaky(backend, messages):
        error = next(failures, None)
        if error:
            raise error
        return send(backend, messages)

    with mock.patch.object(EmailBackend, "send_messages", flaky):
        dispatch(now=utc("2026-06-01 20:00"))
        delivery = Delivery.objects.get()
        assert (delivery.status, delivery.attempts) == (Delivery.Status.SENDING, 1)
        assert Notification.objects.count() == 1  # in the app already, whatever the mail does

        assert catch_up(now=utc("2026-06-01 20:01")) == 0  # the send may still be under way
        assert catch_up(now=utc("2026-06-01 20:02")) == 1

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 2)
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_send_that_keeps_failing_is_given_up_and_stays_in_the_app(london_alex):
    pings(london_alex)
    with mock.patch.object(EmailBackend, "send_messages", side_effect=OSError("no route")):
        dispatch(now=utc("2026-06-01 20:00"))
        for minute in range(2, 14, 2):
            catch_up(now=utc("2026-06-01 20:00") + timedelta(minutes=minute))

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.IN_APP, 5)
    assert Notification.objects.count() == 1


def test_a_worker_killed_after_the_mail_server_took_the_email_repeats_its_message_id(
    london_alex,
):
    """The one window left: sent, not yet marked sent. The repeat folds into one in a mail
    client, and the in-app notification is not repeated."""
    pings(london_alex)
    killed = mock.patch("couplespace.reminders._confirm_sent", side_effect=SystemExit("killed"))
    with killed, pytest.raises(SystemExit):
        dispatch(now=utc("2026-06-01 20:00"))
    assert Delivery.objects.get().status == Delivery.Status.SENDING

    catch_up(now=utc("2026-06-01 20:02"))

    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.SENT
    assert Notification.objects.count() == 1
    ids = [message.message()["Message-ID"] for message in mail.outbox]
    assert ids == [f"<reminder-{delivery.pk}@testserver>"] * 2


def test_a_failed_email_keeps_its_message_id_on_the_retry(london_alex):
    pings(london_alex)
    sent_ids = []

    def record_then_fail(backend, messages):
        sent_ids.extend(message.message()["Message-ID"] for message in messages)
        if len(sent_ids) == 1:
            raise SMTPServerDisconnected("the mail server went away")
        return len(messages)

    with mock.patch.object(EmailBackend, "send_messages", record_then_fail):
        dispatch(now=utc("2026-06-01 20:00"))
        catch_up(now=utc("2026-06-01 20:02"))

    assert len(sent_ids) == 2
    assert sent_ids[0] == sent_ids[1] == f"<reminder-{Delivery.objects.get().pk}@testserver>"


def test_a_kind_this_worker_does_not_know_is_left_for_one_that_does(london_alex):
    """A worker of the previous release, mid rolling deploy, must not stop a new kind."""
    pings(london_alex)
    reminders.KINDS.pop(PING.name)

    assert dispatch(now=utc("2026-06-01 20:00")) == 0
    assert Reminder.objects.get().next_slot == "2026-06-01T21:00"  # untouched, still due

    reminders.register(PING)
    assert dispatch(now=utc("2026-06-01 20:00:30")) == 1
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_a_delivery_of_an_unknown_kind_stays_pending_for_a_worker_that_knows_it(london_alex):
    pings(london_alex)
    with mock.patch("couplespace.tasks.send_reminders.delay"):
        dispatch(now=utc("2026-06-01 20:00"))
    delivery = Delivery.objects.get()
    reminders.KINDS.pop(PING.name)

    with time_machine.travel(utc("2026-06-01 20:01"), tick=False):
        assert reminders.deliver(delivery.pk) == Delivery.Status.PENDING
    assert catch_up(now=utc("2026-06-01 20:03")) == 0  # an old worker does not retry it either
    assert Delivery.objects.get().status == Delivery.Status.PENDING

    reminders.register(PING)
    assert catch_up(now=utc("2026-06-01 20:04")) == 1
    assert Delivery.objects.get().status == Delivery.Status.SENT
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("zone", "times", "fires_at", "slot"),
    [
        ("America/New_York", ["02:30"], "2026-03-08 07:00", "@2026-03-08T07:00Z"),
        ("Europe/London", ["01:30"], "2026-03-29 01:00", "@2026-03-29T01:00Z"),
        ("Australia/Lord_Howe", ["02:15"], "2026-10-03 15:30", "@2026-10-03T15:30Z"),
    ],
)
def test_a_slot_in_the_gap_is_sent_once_at_the_first_valid_time(db, zone, times, fires_at, slot):
    person = make_person("sam", timezone=zone)
    moment = utc(fires_at)
    with time_machine.travel(moment - timedelta(days=1), tick=False):
        schedule_reminder(person=person, kind=PING, rule={"times": times})

    with time_machine.travel(moment - timedelta(seconds=1), tick=False):
        dispatch()
    assert Delivery.objects.count() == 0
    with time_machine.travel(moment, tick=False):
        dispatch()
    with time_machine.travel(moment + timedelta(hours=2), tick=False):
        dispatch()

    assert list(Delivery.objects.values_list("slot", "due_at")) == [(slot, moment)]
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("zone", "first", "second"),
    [
        ("America/New_York", "2026-11-01 05:30", "2026-11-01 06:30"),
        ("Europe/London", "2026-10-25 00:30", "2026-10-25 01:30"),
        ("Australia/Lord_Howe", "2026-04-04 14:45", "2026-04-04 15:15"),
    ],
)
def test_a_slot_in_the_fold_is_sent_once(db, zone, first, second):
    person = make_person("sam", timezone=zone)
    wall_clock = utc(first).astimezone(person.zone).strftime("%H:%M")
    with time_machine.travel(utc(first) - timedelta(hours=6), tick=False):
        schedule_reminder(person=person, kind=PING, rule={"times": [wall_clock]})

    for moment in (utc(first), utc(second), utc(second) + timedelta(minutes=30)):
        with time_machine.travel(moment, tick=False):
            dispatch()

    assert Delivery.objects.count() == 1
    assert len(mail.outbox) == 1


def test_shanghai_has_no_change_and_fires_every_day_at_the_same_utc_time(db):
    theo = make_person("theo", timezone="Asia/Shanghai")
    with time_machine.travel(utc("2026-03-07 00:00"), tick=False):
        schedule_reminder(person=theo, kind=PING, rule={"times": ["21:00"]})
    for day in ("2026-03-07", "2026-03-08", "2026-03-09"):
        with time_machine.travel(utc(f"{day} 13:00"), tick=False):
            dispatch()

    assert list(Delivery.objects.order_by("due_at").values_list("due_at", flat=True)) == [
        utc("2026-03-07 13:00"),
        utc("2026-03-08 13:00"),
        utc("2026-03-09 13:00"),
    ]


def test_a_new_time_zone_moves_the_next_reminder(london_alex):
    pings(london_alex)
    london_alex.timezone = "Asia/Shanghai"
    london_alex.save()

    reminders.reschedule_person(london_alex, now=utc("2026-06-01 12:00"))

    assert Reminder.objects.get().next_due_at == utc("2026-06-01 13:00")


def test_it_claims_in_batches_until_nothing_is_due(db):
    people = [make_person(f"person{number}") for number in range(5)]
    for person in people:
        pings(person, times=["13:00"])

    assert dispatch(now=utc("2026-06-01 13:00"), batch_size=2) == 5
    assert Delivery.objects.count() == 5


def test_a_rule_with_nothing_left_stops_the_reminder(london_alex):
    schedule_reminder(
        person=london_alex,
        kind=PING,
        rule={"times": ["21:00"], "until": "2026-06-01"},
        now=utc("2026-06-01 12:00"),
    )
    dispatch(now=utc("2026-06-01 20:00"))

    assert Reminder.objects.get().next_due_at is None


# The one notify path: the person's choices, applied in one place.


def test_a_kind_switched_off_sends_nothing(london_alex):
    pings(london_alex)
    NotificationPreference.objects.create(person=london_alex, kind="ping", enabled=False)

    dispatch(now=utc("2026-06-01 20:00"))

    assert Delivery.objects.get().status == Delivery.Status.OFF
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_a_snoozed_kind_sends_nothing_until_the_snooze_ends(london_alex):
    pings(london_alex)
    NotificationPreference.objects.create(
        person=london_alex, kind="ping", snoozed_until=utc("2026-06-02 06:00")
    )

    dispatch(now=utc("2026-06-01 20:00"))
    dispatch(now=utc("2026-06-02 07:00"))

    assert list(Delivery.objects.order_by("due_at").values_list("status", flat=True)) == [
        Delivery.Status.OFF,
        Delivery.Status.SENT,
    ]


def test_email_off_keeps_the_reminder_in_the_app(london_alex):
    pings(london_alex)
    NotificationPreference.objects.create(person=london_alex, kind="ping", by_email=False)

    dispatch(now=utc("2026-06-01 20:00"))

    assert Delivery.objects.get().status == Delivery.Status.IN_APP
    assert Notification.objects.count() == 1
    assert mail.outbox == []


def test_quiet_hours_keep_the_reminder_in_the_app(london_alex):
    pings(london_alex)
    NotificationSettings.objects.create(
        person=london_alex, quiet_from=time(20, 30), quiet_until=time(7)
    )

    dispatch(now=utc("2026-06-01 20:00"))  # 21:00 in London: quiet
    dispatch(now=utc("2026-06-02 07:00"))  # 08:00 in London: not quiet

    assert list(Delivery.objects.order_by("due_at").values_list("status", flat=True)) == [
        Delivery.Status.IN_APP,
        Delivery.Status.SENT,
    ]
    assert len(mail.outbox) == 1


def test_the_email_is_generic_and_carries_a_one_click_unsubscribe_link(london_alex):
    pings(london_alex)
    dispatch(now=utc("2026-06-01 20:00"))

    message = mail.outbox[0]
    assert message.to == ["alex@example.com"]
    assert "A generic nudge." not in message.body
    assert "Something new is waiting for you in CoupleSpace." in message.body
    assert "http://testserver/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert b"\nList-Unsubscribe: <http://testserver/unsubscribe/" in message.message().as_bytes()


def test_catching_up_goes_through_every_lost_task_in_batches(db):
    people = [make_person(f"person{number}") for number in range(5)]
    for person in people:
        pings(person, times=["13:00"])
    with mock.patch("couplespace.tasks.send_reminders.delay"):
        dispatch(now=utc("2026-06-01 13:00"))

    assert catch_up(now=utc("2026-06-01 13:05"), batch_size=2) == 5
    assert len(mail.outbox) == 5


def test_a_dispatcher_killed_mid_batch_leaves_the_rows_due_for_the_next_run(london_alex):
    pings(london_alex)
    with (
        mock.patch("couplespace.reminders._write", side_effect=SystemExit("killed")),
        pytest.raises(SystemExit),
    ):
        dispatch(now=utc("2026-06-01 20:00"))
    assert Delivery.objects.count() == 0
    assert Reminder.objects.get().next_slot == "2026-06-01T21:00"

    dispatch(now=utc("2026-06-01 20:00:30"))

    assert Delivery.objects.get().status == Delivery.Status.SENT
    assert len(mail.outbox) == 1


def test_a_send_worker_killed_mid_batch_is_caught_up_without_duplicates(db):
    people = [make_person(f"person{number}") for number in range(3)]
    for person in people:
        pings(person, times=["13:00"])
    with mock.patch("couplespace.tasks.send_reminders.delay"):
        dispatch(now=utc("2026-06-01 13:00"))
    first = Delivery.objects.order_by("id").values_list("id", flat=True).first()
    with time_machine.travel(utc("2026-06-01 13:00:05"), tick=False):
        reminders.deliver_all([first])  # then the worker died before the others

    assert catch_up(now=utc("2026-06-01 13:02")) == 2

    assert sorted(message.to[0] for message in mail.outbox) == [
        "person0@example.com",
        "person1@example.com",
        "person2@example.com",
    ]


# Rules that change, stop, or fall in a gap; a person who moves.


def test_a_slot_recorded_just_before_its_reminder_stopped_is_not_sent_after(london_alex):
    pings(london_alex)
    with mock.patch("couplespace.tasks.send_reminders.delay"):  # recorded, not yet sent
        dispatch(now=utc("2026-06-01 20:00"))

    # The program is paused: its reminders stop.
    schedule_reminder(person=london_alex, kind=PING, rule=None, now=utc("2026-06-01 20:00:05"))
    catch_up(now=utc("2026-06-01 20:05"))

    assert Delivery.objects.get().status == Delivery.Status.OFF
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_stopped_reminders_cancel_a_slot_recorded_and_not_yet_sent(london_alex):
    pings(london_alex)
    with mock.patch("couplespace.tasks.send_reminders.delay"):
        dispatch(now=utc("2026-06-01 20:00"))

    reminders.stop_reminders(Reminder.objects.filter(person=london_alex))
    catch_up(now=utc("2026-06-01 20:05"))

    assert Notification.objects.count() == 0


def test_a_time_moved_later_after_its_reminder_went_out_is_not_reminded_again(london_alex):
    pings(london_alex)
    dispatch(now=utc("2026-06-01 20:00"))  # 21:00 BST

    pings(london_alex, times=["08:00", "22:00"], now="2026-06-01 20:05")
    dispatch(now=utc("2026-06-01 21:00"))  # 22:00 BST
    dispatch(now=utc("2026-06-02 07:00"))  # 08:00 BST the next morning

    assert list(Delivery.objects.order_by("due_at").values_list("due_at", flat=True)) == [
        utc("2026-06-01 20:00"),
        utc("2026-06-02 07:00"),
    ]
    assert Reminder.objects.get().next_slot == "2026-06-02T22:00"


def test_a_time_moved_later_before_its_reminder_went_out_is_reminded_at_the_new_time(
    london_alex,
):
    pings(london_alex, now="2026-06-01 06:00")
    dispatch(now=utc("2026-06-01 07:00"))  # 08:00 BST

    pings(london_alex, times=["08:00", "22:00"], now="2026-06-01 19:00")
    dispatch(now=utc("2026-06-01 21:00"))

    assert Delivery.objects.count() == 2


def test_two_times_in_one_gap_send_one_notification(db):
    sam = make_person("sam", timezone="America/New_York")
    schedule_reminder(
        person=sam, kind=PING, rule={"times": ["02:15", "02:45"]}, now=utc("2026-03-08 00:00")
    )

    dispatch(now=utc("2026-03-08 07:00"))  # 03:00 EDT, the end of the gap
    dispatch(now=utc("2026-03-08 07:30"))

    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1
    assert Reminder.objects.get().next_slot == "2026-03-09T02:15"


def test_moving_west_keeps_the_rest_of_the_new_local_day(db):
    sam = make_person("sam", timezone="America/New_York")
    schedule_reminder(
        person=sam,
        kind=PING,
        rule={"times": ["08:00", "13:00", "21:00"]},
        now=utc("2026-07-01 11:00"),
    )
    dispatch(now=utc("2026-07-01 12:00"))  # 08:00 in New York

    sam.timezone = "America/Los_Angeles"  # it is 06:00 on the same day there
    sam.save()
    reminders.reschedule_person(sam, now=utc("2026-07-01 13:00"))
    for hour in ("2026-07-01 15:00", "2026-07-01 20:00", "2026-07-02 04:00"):
        dispatch(now=utc(hour))  # 08:00, 13:00 and 21:00 in Los Angeles

    assert Notification.objects.count() == 4
