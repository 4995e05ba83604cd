"""The program in a real browser: enrol and check in on a phone, share with the partner, pause
and resume, change times, and get, open and turn off a reminder."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from couplespace.models import Reminder
from programs.models import Checkpoint
from tests.browser.conftest import log_in
from tests.conftest import make_couple, make_person
from tests.programs_helpers import enrol, load_program, write_checkpoints
from tests.reminders import dispatch


def chart_markers(page):
    return page.locator("figure.chart > svg circle, figure.chart > svg rect")


def test_a_person_enrols_checks_in_on_a_phone_and_sees_it_in_the_chart(phone, transactional_db):
    load_program()
    alex = make_person("alex", timezone="Europe/London")
    log_in(phone, alex)

    phone.get_by_role("link", name="Program", exact=True).click()
    expect(phone.get_by_role("heading", name="Security and sexuality", exact=True)).to_be_visible()
    phone.get_by_role("button", name="Start", exact=True).click()
    expect(phone.locator("#today")).to_contain_text("Day 1 · Phase 1")

    phone.get_by_role("link", name="Check in now").click()
    expect(chart_markers(phone)).to_have_count(0)
    phone.locator("div.scale label").filter(has_text=re.compile(r"^\s*4\s*$")).click()
    phone.get_by_label("What moved it up or down?").fill("A long day; we barely talked.")
    phone.locator("div.chips label").filter(has_text="Tense muscles").click()
    phone.locator("div.segmented label").filter(has_text="Move closer").click()
    phone.get_by_role("button", name="Save check-in").click()

    expect(phone.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    expect(chart_markers(phone)).to_have_count(1)
    phone.get_by_text("Show as a table").click()
    expect(phone.locator("table.data tbody tr").first).to_contain_text("4")
    entry = Checkpoint.objects.get()
    assert (entry.temperature, entry.body_responses, entry.shared_with_partner) == (
        4,
        ["tense"],
        False,
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_shared_check_in_is_seen_by_the_partner_and_not_before(new_page, transactional_db):
    load_program()
    alex = make_person("alex", timezone="Europe/London")
    sam = make_person("sam", timezone="Europe/London")
    make_couple(alex, sam)
    enrollment = enrol(alex, day=2, together=True)
    entry = write_checkpoints(alex, enrollment, 1)[0]

    sam_page = new_page()
    log_in(sam_page, sam)
    sam_page.goto("/program/partner/")
    expect(sam_page.get_by_text("Alex has not shared any check-ins")).to_be_visible()
    expect(chart_markers(sam_page)).to_have_count(0)
    not_yet = sam_page.goto(f"/program/check-in/{entry.pk}/")
    assert not_yet.status == 404

    alex_page = new_page()
    log_in(alex_page, alex)
    alex_page.goto("/program/check-in/")
    row = alex_page.locator(f"#entry-{entry.pk}")
    expect(row).to_contain_text("Private")
    row.get_by_role("button", name="Share with Sam").click()
    expect(alex_page.locator(f"#entry-{entry.pk}")).to_contain_text("Shared with Sam")

    sam_page.goto("/program/partner/")
    expect(sam_page.locator(f"#entry-{entry.pk}")).to_contain_text("0/10")
    expect(chart_markers(sam_page)).to_have_count(1)
    sam_page.locator(f"#entry-{entry.pk} a").click()
    expect(sam_page.get_by_text("Shared with you by Alex.")).to_be_visible()


def test_a_person_pauses_resumes_and_moves_a_check_in_time(phone, transactional_db):
    load_program()
    alex = make_person("alex", timezone="Europe/London")
    enrol(alex, day=3)
    log_in(phone, alex)
    phone.goto("/program/")

    phone.get_by_role("button", name="Pause the program").click()
    expect(phone.get_by_text("The days wait for you")).to_be_visible()
    expect(phone.get_by_role("link", name="Check in now")).to_have_count(0)
    phone.get_by_role("button", name="Resume the program").click()
    expect(phone.get_by_text("Welcome back.")).to_be_visible()
    expect(phone.locator("#today")).to_contain_text("Day 3 · Phase 1")

    phone.get_by_role("link", name="Check-in times").first.click()
    phone.get_by_label("Evening check-in").fill("22:30")
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.get_by_text("Your check-in times are saved.")).to_be_visible()
    expect(phone.get_by_label("Evening check-in")).to_have_value("22:30")


def test_a_reminder_arrives_in_the_app_and_by_email_and_can_be_turned_off(
    new_page, transactional_db
):
    load_program()
    alex = make_person("alex", timezone="Europe/London")
    enrol(alex, day=1)
    Reminder.objects.filter(person=alex, kind="checkpoint").update(
        next_due_at=timezone.now() - timedelta(minutes=1),
        next_slot=(timezone.now() - timedelta(minutes=1))
        .astimezone(alex.zone)
        .strftime("%Y-%m-%dT%H:%M"),
    )
    dispatch()
    page = new_page()
    log_in(page, alex)

    page.get_by_role("link", name="Notifications").click()
    expect(page.locator(".notification.unread")).to_have_count(1)
    expect(page.locator(".notification")).to_contain_text(re.compile(r"Time for your \w+ check-in"))
    page.get_by_role("link", name="Open").click()
    expect(page.get_by_role("heading", name="Check in")).to_be_visible()

    page.goto("/account/reminders/")
    check_ins = page.get_by_role("group", name="Check-in reminders")
    check_ins.get_by_label("On", exact=True).uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your reminder settings are saved.")).to_be_visible()
    expect(check_ins.get_by_label("On", exact=True)).not_to_be_checked()

    link = next(line for line in mail.outbox[0].body.splitlines() if "/unsubscribe/" in line)
    visitor = new_page()
    visitor.goto(link.split("http://testserver", 1)[1].strip())
    expect(visitor.get_by_role("heading", name="Stop these emails?")).to_be_visible()
    visitor.get_by_role("button", name="Stop these emails").click()
    expect(visitor.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    visitor.get_by_role("button", name="Turn these emails back on").click()
    expect(visitor.get_by_role("heading", name="Emails are back on")).to_be_visible()
