"""alex enrols and checks in on a phone; alex shares a check-in and sam sees it only then."""

import re

from playwright.sync_api import expect

from programs.models import Checkpoint
from tests.browser.conftest import log_in
from tests.conftest import make_couple, make_person
from tests.programs_helpers import enrol, load_program, write_checkpoints


def chart_markers(page):
    return page.locator("figure.chart > svg circle, figure.chart > svg rect")


def test_a_person_enrols_checks_in_on_a_phone_and_sees_it_in_the_chart(phone, transactional_db):
    load_program()
    alex = make_person("alex", timezone="Europe/London")
    log_in(phone, alex)

    phone.get_by_role("link", name="Program").click()
    expect(phone.get_by_role("heading", name="Security and sexuality")).to_be_visible()
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
    row.get_by_role("button", name="Share with my partner").click()
    expect(alex_page.locator(f"#entry-{entry.pk}")).to_contain_text("Shared")

    sam_page.goto("/program/partner/")
    expect(sam_page.locator(f"#entry-{entry.pk}")).to_contain_text("0/10")
    expect(chart_markers(sam_page)).to_have_count(1)
    sam_page.locator(f"#entry-{entry.pk} a").click()
    expect(sam_page.get_by_text("Shared with you by Alex.")).to_be_visible()
