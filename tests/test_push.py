"""Web Push, the third channel: encrypted for each device, generic words, the person's choices,
and devices their push service forgot are dropped."""

import base64
from datetime import UTC, datetime, time, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from agreements.reminders import SIGNAL_REMINDER
from couplespace import reminders, tasks
from couplespace.models import (
    Delivery,
    Notification,
    NotificationPreference,
    NotificationSettings,
    PushSubscription,
)
from couplespace.push import device_label
from couplespace.settings import vapid_public_key_of
from tests.push_service import Device, PushService
from tests.test_settings import PRODUCTION, load_settings

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def push_service():
    service = PushService()
    yield service
    service.stop()


def signal_for(person, slot="2026-06-01T09:00") -> Delivery:
    return Delivery.objects.create(person=person, kind=SIGNAL_REMINDER.name, slot=slot, due_at=NOW)


def test_each_device_gets_the_generic_words_encrypted_for_it_alone(push_service, alex, couple):
    phone = Device(push_service, alex, "phone")
    laptop = Device(push_service, alex, "laptop", label="Firefox on Linux")
    delivery = signal_for(alex)

    assert reminders.deliver(delivery.pk) == Delivery.Status.SENT

    by_path = {received.path: received for received in push_service.received}
    assert sorted(by_path) == ["/push/laptop", "/push/phone"]
    # The same words for every kind: a lock screen shows them to whoever holds the phone.
    expected = {
        "title": "CoupleSpace",
        "body": "Something new is waiting for you in CoupleSpace.",
        "url": "/agreements/",
        "tag": f"delivery-{delivery.pk}",
    }
    assert phone.read(by_path["/push/phone"]) == expected
    assert laptop.read(by_path["/push/laptop"]) == expected
    assert str(Notification.objects.get()) == "Your partner sent your agreed signal"
    assert len(mail.outbox) == 1
    received = by_path["/push/phone"]
    assert received.headers["content-encoding"] == "aes128gcm"
    assert b"signal" not in received.body
    with pytest.raises(Exception):  # noqa: B017 - whichever error, the other device cannot read it
        laptop.read(received)


def test_the_push_is_signed_with_the_sites_vapid_key(push_service, alex, settings):
    Device(push_service, alex, "phone")

    reminders.deliver(signal_for(alex).pk)

    authorization = push_service.received[0].headers["authorization"]
    assert authorization.startswith("vapid t=")
    assert authorization.endswith(f"k={settings.VAPID_PUBLIC_KEY}")


def test_it_speaks_the_persons_language(push_service, alex):
    alex.language = "zh-hans"
    alex.save()
    phone = Device(push_service, alex, "phone")

    reminders.deliver(signal_for(alex).pk)

    assert phone.read(push_service.received[0])["body"] == "CoupleSpace 里有新消息等你查看。"


@pytest.mark.parametrize("status", [404, 410])
def test_a_device_its_push_service_forgot_is_dropped(push_service, alex, status):
    Device(push_service, alex, "phone")
    push_service.status = status

    assert reminders.deliver(signal_for(alex).pk) == Delivery.Status.SENT

    assert PushSubscription.objects.count() == 0
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_push_service_in_trouble_keeps_the_device_and_the_rest_goes_on(push_service, alex):
    Device(push_service, alex, "phone")
    push_service.status = 503

    assert reminders.deliver(signal_for(alex).pk) == Delivery.Status.SENT

    assert PushSubscription.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_push_service_that_cannot_be_reached_changes_nothing_else(push_service, alex):
    device = Device(push_service, alex, "phone")
    push_service.stop()
    device.subscription.endpoint = "http://127.0.0.1:9/push/phone"  # nothing listens there
    device.subscription.save()

    assert reminders.deliver(signal_for(alex).pk) == Delivery.Status.SENT
    assert PushSubscription.objects.count() == 1


def test_a_kind_switched_off_or_snoozed_pushes_nothing(push_service, alex, sam):
    Device(push_service, alex, "alex-phone")
    Device(push_service, sam, "sam-phone")
    NotificationPreference.objects.create(person=alex, kind="signal", enabled=False)
    NotificationPreference.objects.create(
        person=sam, kind="signal", snoozed_until=NOW + timedelta(days=1)
    )

    reminders.deliver(signal_for(alex).pk)
    reminders.deliver(signal_for(sam).pk)

    assert push_service.received == []


def test_quiet_hours_push_nothing(push_service, alex):
    Device(push_service, alex, "phone")
    NotificationSettings.objects.create(person=alex, quiet_from=time(8), quiet_until=time(10))

    assert reminders.deliver(signal_for(alex).pk) == Delivery.Status.IN_APP

    assert push_service.received == []


def test_with_email_off_the_push_still_goes(push_service, alex):
    Device(push_service, alex, "phone")
    NotificationPreference.objects.create(person=alex, kind="signal", by_email=False)

    assert reminders.deliver(signal_for(alex).pk) == Delivery.Status.IN_APP

    assert len(push_service.received) == 1
    assert mail.outbox == []


def test_trying_an_unconfirmed_email_again_pushes_nothing_again(push_service, alex):
    Device(push_service, alex, "phone")
    delivery = signal_for(alex)
    Notification.objects.create(person=alex, kind="signal", title="Sent before", delivery=delivery)
    Delivery.objects.filter(pk=delivery.pk).update(attempts=1)

    assert reminders.deliver(delivery.pk) == Delivery.Status.SENT

    assert push_service.received == []
    assert len(mail.outbox) == 1


def test_a_site_without_vapid_keys_pushes_nothing(push_service, alex, settings):
    settings.VAPID_PRIVATE_KEY = settings.VAPID_PUBLIC_KEY = ""
    Device(push_service, alex, "phone")

    assert reminders.deliver(signal_for(alex).pk) == Delivery.Status.SENT

    assert push_service.received == []


@pytest.mark.parametrize(
    ("user_agent", "label"),
    [
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Mobile Safari/537.36",
            "Chrome on Android",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Safari on iPhone",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Edge on Windows",
        ),
        (
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Firefox on Linux",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
            "SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
            "Samsung Internet on Android",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Safari on macOS",
        ),
        ("", "A browser"),
    ],
)
def test_a_device_is_named_by_its_browser_and_system(user_agent, label):
    assert device_label(user_agent) == label


ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
SUBSCRIPTION = {
    "endpoint": "https://fcm.googleapis.com/fcm/send/alex-phone",
    "p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8Qc"
    "YP7DkM",
    "auth": "tBHItJI5svbpez7KI4CCXg",
}


def test_a_person_adds_a_device_named_after_its_browser(client_for, alex):
    client = client_for(alex)

    response = client.post(
        "/account/reminders/devices/", SUBSCRIPTION, headers={"User-Agent": ANDROID_CHROME}
    )

    assert response.status_code == 302
    device = PushSubscription.objects.get()
    assert (device.person, device.label, device.created_at) == (alex, "Chrome on Android", NOW)
    page = client.get("/account/reminders/").text
    assert "Chrome on Android" in page
    assert "This device will show your reminders." in page


def test_the_page_script_is_answered_with_no_content_then_reloads(client_for, alex):
    client = client_for(alex)
    added = client.post("/account/reminders/devices/", SUBSCRIPTION, headers={"HX-Request": "true"})
    refused = client.post(
        "/account/reminders/devices/", {"endpoint": "x"}, headers={"HX-Request": "true"}
    )

    assert (added.status_code, refused.status_code) == (204, 400)
    assert PushSubscription.objects.count() == 1


def test_the_same_browser_added_again_is_one_device_of_whoever_added_it_last(client_for, alex, sam):
    client_for(alex).post("/account/reminders/devices/", SUBSCRIPTION)
    client_for(sam).post("/account/reminders/devices/", SUBSCRIPTION)

    assert list(PushSubscription.objects.values_list("person", flat=True)) == [sam.pk]


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://fcm.googleapis.com/fcm/send/x",
        "https://10.0.0.5/push",
        "https://fcm.googleapis.com.example.org/x",
        "not a url",
    ],
)
def test_an_endpoint_that_is_not_a_push_service_is_refused(client_for, alex, endpoint):
    client = client_for(alex)

    client.post("/account/reminders/devices/", {**SUBSCRIPTION, "endpoint": endpoint})

    assert PushSubscription.objects.count() == 0
    page = client.get("/account/reminders/").text
    assert "Notifications could not be turned on in this browser." in page


def test_a_person_sees_and_removes_only_their_own_devices(client_for, push_service, alex, sam):
    mine = Device(push_service, alex, "alex-phone").subscription
    theirs = Device(push_service, sam, "sam-phone", label="Safari on iPhone").subscription
    client = client_for(alex)

    page = client.get("/account/reminders/").text
    assert "Chrome on Android" in page
    assert "Safari on iPhone" not in page
    assert client.post(f"/account/reminders/devices/{theirs.pk}/remove/").status_code == 404
    assert client.post(f"/account/reminders/devices/{mine.pk}/remove/").status_code == 302

    assert list(PushSubscription.objects.all()) == [theirs]


def test_a_site_without_vapid_keys_offers_no_push(client_for, alex, settings):
    settings.VAPID_PRIVATE_KEY = settings.VAPID_PUBLIC_KEY = ""

    page = client_for(alex).get("/account/reminders/").text

    assert "data-push-key" not in page


def test_the_command_makes_a_pair_the_settings_accept():
    out = StringIO()
    call_command("vapid_keys", stdout=out)

    lines = dict(line.split("=", 1) for line in out.getvalue().split())
    assert sorted(lines) == ["VAPID_PRIVATE_KEY", "VAPID_PUBLIC_KEY"]
    assert vapid_public_key_of(lines["VAPID_PRIVATE_KEY"]) == lines["VAPID_PUBLIC_KEY"]
    assert len(base64.urlsafe_b64decode(lines["VAPID_PUBLIC_KEY"] + "=")) == 65


def test_a_public_key_that_is_not_the_private_keys_half_stops_start_up():
    result = load_settings(
        **PRODUCTION,
        VAPID_PRIVATE_KEY="kNV5Fq_arLS8vNmRk11vXwy2QoJD6SoavoBHC19KW9I",
        VAPID_PUBLIC_KEY=(
            "BAjDiisFnDcX1JsHGtYaP_wftaM46Ug_acnoXTfoCL2GU7bGCYe4WW_gmEGNrZkrsNJLg1rkdpgl_ZXwCrzgZOc"
        ),
    )

    assert result.returncode != 0
    assert "VAPID_PUBLIC_KEY is not the public half of VAPID_PRIVATE_KEY" in result.stderr


def test_production_without_vapid_keys_starts_and_pushes_nothing():
    result = load_settings(
        probe="import couplespace.settings as s; print(repr(s.VAPID_PRIVATE_KEY))", **PRODUCTION
    )

    assert (result.returncode, result.stdout.strip()) == (0, "''")


@pytest.mark.parametrize("by_email", [True, False])
def test_an_instant_notice_pushes_from_the_worker_once_with_or_without_email(
    push_service, alex, by_email, django_capture_on_commit_callbacks
):
    phone = Device(push_service, alex, "phone")
    NotificationPreference.objects.create(person=alex, kind=SIGNAL_REMINDER.name, by_email=by_email)

    with django_capture_on_commit_callbacks(execute=True):
        tasks.notify_now(person=alex, kind=SIGNAL_REMINDER, topic="signal:1")
    assert [phone.read(received)["url"] for received in push_service.received] == ["/agreements/"]
    assert len(mail.outbox) == (1 if by_email else 0)

    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        reminders.retry_pending(enqueue=tasks.send_reminders.delay)
    assert len(push_service.received) == 1
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == (1 if by_email else 0)


def test_a_device_removed_before_the_worker_sends_gets_no_push(
    push_service, alex, django_capture_on_commit_callbacks
):
    phone = Device(push_service, alex, "phone")

    with django_capture_on_commit_callbacks() as callbacks:
        tasks.notify_now(person=alex, kind=SIGNAL_REMINDER, topic="signal:1")
    phone.subscription.delete()
    for callback in callbacks:
        callback()

    assert push_service.received == []
    assert len(mail.outbox) == 1
