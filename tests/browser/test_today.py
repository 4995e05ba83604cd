"""Today on a phone: a check-in in three taps, the unread count, and the return from a pause."""

import re
from datetime import UTC, datetime, time, timedelta

import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from agreements.models import Agreement, Pause
from agreements.signals_and_pauses import send_signal, start_pause
from agreements.versions import accept_version, propose_version
from couplespace.models import Notification, SafetyAnswer
from programs.models import Checkpoint
from tests.agreements.conftest import PAUSE, SIGNAL
from tests.browser.conftest import log_in
from tests.programs_helpers import enrol, load_program


def agreed(couple, alex, sam) -> Agreement:
    agreement = Agreement.for_couple(couple)
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL, PAUSE])
    accept_version(agreement=agreement, person=sam, number=1)
    agreement.refresh_from_db()
    for person in (alex, sam):
        SafetyAnswer.objects.create(person=person, couple=couple, feels_afraid=False)
    Notification.objects.update(read_at=timezone.now())  # the proposal's notice, seen already
    return agreement


class Taps:
    """Counts what the person touches on the way."""

    def __init__(self):
        self.count = 0

    def tap(self, locator):
        self.count += 1
        locator.click()


def tomorrow_morning() -> datetime:
    """10:00 UTC tomorrow: a fixed moment (the morning check-in is due, far from midnight), and
    in the future, so that the browser keeps the session cookie the server dates from it."""
    return datetime.combine(timezone.now().date() + timedelta(days=1), time(10), tzinfo=UTC)


@time_machine.travel(tomorrow_morning(), tick=True)
def test_from_opening_the_app_to_a_saved_check_in_takes_three_taps(phone, alex):
    load_program()
    enrol(alex, day=3)
    log_in(phone, alex)
    taps = Taps()

    phone.goto("/space/")  # opening the app
    card = phone.locator(".today-check-in")
    expect(card.get_by_role("heading", name="Morning check-in")).to_be_visible()
    taps.tap(card.locator("div.scale label").filter(has_text=re.compile(r"^\s*7\s*$")))
    taps.tap(card.locator("div.segmented label").filter(has_text="Move closer"))
    taps.tap(card.get_by_role("button", name="Save check-in"))

    expect(phone.get_by_text("Saved. Thank you for checking in.")).to_be_visible()
    expect(phone.get_by_role("heading", name="Morning check-in: saved")).to_be_visible()
    assert taps.count == 3
    saved = Checkpoint.objects.get(author=alex)
    assert (saved.temperature, saved.behaviour) == (7, "approach")


def check_in_on_today(phone, number: str):
    card = phone.locator(".today-check-in")
    card.locator("div.scale label").filter(has_text=re.compile(rf"^\s*{number}\s*$")).click()
    card.locator("div.segmented label").filter(has_text="Move closer").click()
    card.get_by_role("button", name="Save check-in").click()


KEPT = "Saved on this device; it will be sent when you are back online."


@time_machine.travel(tomorrow_morning(), tick=True)
def test_a_check_in_on_today_written_offline_is_kept_and_sent_once_back_online(phone, alex):
    load_program()
    enrol(alex, day=3)
    log_in(phone, alex)
    phone.clock.set_fixed_time(tomorrow_morning())  # the device's clock agrees with the server's
    phone.goto("/space/")

    phone.context.set_offline(True)
    check_in_on_today(phone, "7")
    expect(phone.get_by_text(KEPT)).to_be_visible()
    assert Checkpoint.objects.count() == 0

    phone.context.set_offline(False)
    expect(phone.get_by_role("status").filter(has_text="Saved. Thank you")).to_be_visible()
    expect(phone.get_by_role("heading", name="Morning check-in: saved")).to_be_visible()
    expect(phone.get_by_text(KEPT)).to_have_count(0)
    saved = Checkpoint.objects.get()
    assert (saved.author, saved.temperature, saved.behaviour) == (alex, 7, "approach")
    assert phone.evaluate("Object.keys(localStorage)") == []
    phone.reload()  # sent once: nothing is left to send again
    expect(phone.get_by_role("heading", name="Morning check-in: saved")).to_be_visible()
    assert Checkpoint.objects.count() == 1


def test_a_check_in_kept_before_midnight_and_sent_after_counts_for_the_day_it_was_written(
    phone, alex
):
    written = tomorrow_morning().replace(hour=23, minute=50)  # alex's clock is UTC
    with time_machine.travel(written, tick=True) as clock:
        load_program()
        enrol(alex, day=3)
        log_in(phone, alex)
        phone.clock.set_fixed_time(written)
        phone.goto("/space/")
        phone.context.set_offline(True)
        check_in_on_today(phone, "4")
        expect(phone.get_by_text(KEPT)).to_be_visible()

        clock.move_to(written + timedelta(minutes=25))  # the train comes out after midnight
        phone.clock.set_fixed_time(written + timedelta(minutes=25))
        phone.context.set_offline(False)
        expect(phone.get_by_role("status").filter(has_text="Saved. Thank you")).to_be_visible()

    saved = Checkpoint.objects.get()
    assert (saved.local_date, saved.day, saved.moment) == (written.date(), 3, 2)  # the evening's
    assert saved.temperature == 4


def test_the_unread_count_shows_on_a_phone_without_a_reload(phone, alex, sam, couple):
    agreement = agreed(couple, alex, sam)
    log_in(phone, sam)
    with phone.expect_response(lambda r: r.url.endswith("/notifications/unread/")):
        phone.goto("/space/")
    count = phone.locator("#unread")
    expect(count).to_be_visible()
    expect(count.locator(".badge")).to_have_count(0)

    send_signal(agreement=agreement, sender=alex)  # sam's notice is written at once
    with phone.expect_response(lambda r: r.url.endswith("/notifications/unread/")) as first:
        phone.evaluate("window.dispatchEvent(new Event('focus'))")  # back to the app

    assert first.value.status == 200
    expect(count.locator(".badge")).to_have_text("1")
    expect(phone.get_by_role("link", name="Notifications, 1 unread")).to_have_count(1)
    tab_bar = phone.locator(".tab-bar")
    expect(tab_bar).to_be_in_viewport()
    expect(tab_bar.get_by_role("button", name="More").locator(".badge")).to_have_text("1")
    tab_bar.get_by_role("button", name="More").click()
    expect(phone.get_by_role("link", name="Notifications, 1 unread")).to_have_count(2)
    expect(
        phone.locator("#more-links").get_by_role("link", name="Notifications, 1 unread")
    ).to_be_visible()
    with phone.expect_response(lambda r: r.url.endswith("/notifications/unread/")) as again:
        phone.evaluate("window.dispatchEvent(new Event('focus'))")
    assert again.value.status == 304
    expect(count.locator(".badge")).to_have_text("1")
    expect(tab_bar.locator(".badge")).to_have_text("1")

    phone.reload()
    phone.get_by_role("button", name="I’m here").click()
    expect(phone.get_by_text("Your partner can see that you are here.")).to_be_visible()
    expect(count.locator(".badge")).to_have_count(0)
    expect(phone.locator(".tab-bar .badge")).to_have_count(0)
    expect(phone.locator("#unread-menu")).to_have_text("Notifications")


def test_the_pause_is_for_the_one_who_asked_and_they_note_their_return(new_page, alex, sam, couple):
    agreement = agreed(couple, alex, sam)
    pause = start_pause(agreement=agreement, person=alex, minutes=20)
    alex_page, sam_page = new_page(), new_page()
    log_in(alex_page, alex)
    log_in(sam_page, sam)

    sam_page.goto("/space/")
    expect(
        sam_page.get_by_role("heading", name=re.compile("Alex asked for a pause until"))
    ).to_be_visible()
    expect(sam_page.get_by_role("button", name=re.compile("I’m back"))).to_have_count(0)

    over = timezone.now() - timedelta(minutes=1)  # the 20 minutes have gone by
    Pause.objects.filter(pk=pause.pk).update(started_at=over - timedelta(minutes=20), ends_at=over)
    alex_page.goto("/space/")
    expect(
        alex_page.get_by_role("heading", name="Your pause is over: time to come back")
    ).to_be_visible()
    alex_page.get_by_label("How did it go? (only you see this)").fill("I breathed; calmer now.")
    alex_page.get_by_role("button", name="I’m back").click()

    expect(alex_page.get_by_text("Welcome back. Your return is noted.")).to_be_visible()
    expect(alex_page.get_by_role("heading", name=re.compile("pause"))).to_have_count(0)
    pause.refresh_from_db()
    assert pause.return_note == "I breathed; calmer now."
    sam_page.goto(f"/agreements/{agreement.pk}/")
    expect(sam_page.get_by_text(re.compile("Alex paused for 20 minutes · back at"))).to_be_visible()
    expect(sam_page.get_by_text("I breathed; calmer now.")).to_have_count(0)
