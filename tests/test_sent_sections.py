"""A guide section sent to the partner: a notice through the one notify path, once a day."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from couplespace import guides
from couplespace.models import Notification
from couplespace.notify import build_email
from couplespace.reminders import KINDS
from couplespace.sent_sections import SECTION_SENT, send_section, sent_today, topic_of
from tests.push_service import Device, PushService

# 23:30 on Monday in London (alex's zone): half an hour before alex's next day.
NOW = datetime(2026, 6, 1, 22, 30, tzinfo=UTC)
GUIDE = "talking-about-sex"
SEND_URL = reverse("send_guide_section", args=[GUIDE, "four-levels"])
SECTION_URL = f"/guides/{GUIDE}/#four-levels"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def partners(alex, sam, couple):
    alex.timezone = "Europe/London"
    alex.save()
    return alex, sam


def notices_of(person):
    return [
        (str(n.words().title), str(n.words().body), n.url)
        for n in Notification.objects.filter(person=person).order_by("id")
    ]


def test_the_partner_gets_a_notice_that_opens_the_section(
    client_for, partners, django_capture_on_commit_callbacks
):
    alex, sam = partners

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alex).post(SEND_URL)

    assert response.status_code == 302
    assert response.url == f"/guides/{GUIDE}/#send-four-levels"
    assert notices_of(sam) == [
        (
            "Alex sent you something to read",
            "“Four levels of a conversation about sex”, a section of the guide “Talking about "
            "sex: from facts to meaning”.",
            SECTION_URL,
        )
    ]
    assert notices_of(alex) == []


def test_the_notice_reads_in_the_language_of_its_reader_at_the_moment_it_is_read(partners):
    alex, sam = partners
    send_section(sender=alex, partner=sam, guide=guides.find(GUIDE), anchor="four-levels")
    notice = Notification.objects.get(person=sam)

    with translation.override("zh-hans"):
        assert str(notice.words().title) == "Alex 给你发来了一段想让你读的文字"
        assert (
            str(notice.words().body)
            == "指南《谈论性：从事实到意义》中的一节：“关于性的对话的四个层次”。"
        )


def test_the_email_and_the_push_name_neither_the_guide_nor_the_section(
    partners, django_capture_on_commit_callbacks
):
    alex, sam = partners
    with django_capture_on_commit_callbacks(execute=True):
        send_section(sender=alex, partner=sam, guide=guides.find(GUIDE), anchor="four-levels")

    [email] = mail.outbox
    assert email.to == ["sam@example.com"]
    assert email.subject == "A reminder from CoupleSpace"
    assert email.body.startswith("Something new is waiting for you in CoupleSpace.\n")
    assert f"{settings.SITE_URL}/notifications/\n" in email.body
    for revealing in ("sex", "level", "guide", "Talking", "Alex"):
        assert revealing not in email.body
    email_words = KINDS[SECTION_SENT.name].message_for(datetime(2026, 6, 1, 23, 30))
    assert str(email_words.title) == "Your partner sent you something to read"


def test_the_push_says_the_same_generic_words_as_every_other_kind(
    partners, django_capture_on_commit_callbacks
):
    alex, sam = partners
    service = PushService()
    try:
        phone = Device(service, sam, "phone")
        with django_capture_on_commit_callbacks(execute=True):
            send_section(sender=alex, partner=sam, guide=guides.find(GUIDE), anchor="four-levels")
        [received] = service.received
    finally:
        service.stop()

    words = phone.read(received)
    assert (words["title"], words["body"]) == (
        "CoupleSpace",
        "Something new is waiting for you in CoupleSpace.",
    )
    assert words["url"] == SECTION_URL  # inside the encrypted message, never on the lock screen


def test_the_email_is_generic_in_chinese_too(sam):
    sam.language = "zh-hans"

    with translation.override("zh-hans"):
        email = build_email(sam, SECTION_SENT.name)

    assert email.body.startswith("CoupleSpace 里有新消息等你查看。")
    assert "性" not in email.body


def test_a_section_goes_to_the_partner_once_a_day_by_the_senders_clock(
    client_for, partners, frozen
):
    alex, sam = partners
    client = client_for(alex)

    client.post(SEND_URL)
    client.post(SEND_URL)
    frozen.shift(timedelta(minutes=20))  # 23:50 in London: still alex's Monday
    client.post(SEND_URL)
    assert len(notices_of(sam)) == 1

    frozen.shift(timedelta(minutes=20))  # 00:10 on Tuesday in London
    client.post(SEND_URL)
    assert len(notices_of(sam)) == 2


def test_another_section_the_same_day_is_sent(partners):
    alex, sam = partners
    guide = guides.find(GUIDE)

    assert send_section(sender=alex, partner=sam, guide=guide, anchor="four-levels")
    assert send_section(sender=alex, partner=sam, guide=guide, anchor="not-a-rejection")
    assert not send_section(sender=alex, partner=sam, guide=guide, anchor="four-levels")
    assert sent_today(sender=alex, partner=sam, guide=guide) == {"four-levels", "not-a-rejection"}


def test_sending_again_the_same_day_says_so_and_sends_nothing(client_for, partners):
    alex, sam = partners
    client = client_for(alex)
    client.post(SEND_URL)

    page = client.post(SEND_URL, follow=True).content.decode()

    assert "You sent this to Sam today already." in page
    assert len(notices_of(sam)) == 1


def test_htmx_gets_the_sent_fragment(client_for, partners):
    alex = partners[0]

    response = client_for(alex).post(SEND_URL, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response.text.startswith('<div class="send-section" id="send-four-levels">')
    assert "Sent to Sam today. A section can go to them once a day." in response.text
    assert "<form" not in response.text


def test_the_guide_page_offers_each_section_to_the_partner_and_marks_what_went_today(
    client_for, partners
):
    alex = partners[0]
    client = client_for(alex)
    client.post(SEND_URL)

    page = client.get(f"/guides/{GUIDE}/").content.decode()

    assert page.count("Send to Sam") == 4
    assert page.count('<input type="hidden" name="csrfmiddlewaretoken"') >= 4
    assert 'action="/guides/talking-about-sex/not-a-rejection/send/"' in page
    assert 'hx-post="/guides/talking-about-sex/not-a-rejection/send/"' in page
    assert "Sent to Sam today." in page


@pytest.mark.parametrize("who", ["visitor", "solo"])
def test_a_visitor_or_someone_alone_sees_nothing_of_sending(client, client_for, casey, who):
    if who == "solo":
        client_for(casey)

    page = client.get(f"/guides/{GUIDE}/").content.decode()

    assert "/send/" not in page
    assert "Send to" not in page


def test_someone_alone_cannot_send_to_anyone(client_for, casey, partners):
    assert client_for(casey).post(SEND_URL).status_code == 404
    assert Notification.objects.count() == 0


@pytest.mark.parametrize(
    "url",
    [
        reverse("send_guide_section", args=["no-such-guide", "four-levels"]),
        reverse("send_guide_section", args=[GUIDE, "no-such-section"]),
        reverse("send_guide_section", args=["security-and-sexuality", "step-2"]),  # a subsection
    ],
)
def test_only_a_published_top_level_section_can_be_sent(client_for, partners, url):
    alex = partners[0]

    assert client_for(alex).post(url).status_code == 404
    assert Notification.objects.count() == 0


def test_sending_is_post_only_and_checks_the_csrf_token(partners):
    alex = partners[0]
    client = Client(enforce_csrf_checks=True)
    client.force_login(alex)

    assert client.get(SEND_URL).status_code == 405
    assert client.post(SEND_URL).status_code == 403
    assert Notification.objects.count() == 0


def test_a_notice_of_a_section_no_longer_published_reads_like_the_email(partners):
    sam = partners[1]
    Notification.objects.create(
        person=sam,
        kind=SECTION_SENT.name,
        values={"sender": "Alex", "guide": GUIDE, "section": "gone"},
        url=SECTION_URL,
    )

    assert str(Notification.objects.get().words().title) == (
        "Your partner sent you something to read"
    )


def test_the_topic_fits_the_delivery_key_whatever_the_guide():
    topics = {
        topic_of(guide.slug, anchor)
        for guide in guides.published().values()
        for anchor in guide.anchors
    }

    assert max(len(topic) for topic in topics) + len("@2026-06-01T22:30:15Z") <= 60
    assert len(topics) == sum(len(guide.anchors) for guide in guides.published().values())
