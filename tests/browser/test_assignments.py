"""theo assigns alex a day of the program; alex follows the link and does it; theo sees it done
without alex pressing "Mark as done". Then a guide section, opened from the assignment."""

import re

from playwright.sync_api import expect

from couplespace.models import Care
from tests.browser.conftest import log_in
from tests.programs_helpers import enrol, load_program

DAY_2 = (
    "Day 2: Before each check-in, take one slow breath and notice your shoulders, chest and"
    " stomach."
)


def test_theo_assigns_a_day_alex_does_it_and_theo_sees_it_done(
    transactional_db, new_page, alex, theo
):
    load_program()
    enrol(alex, day=2)
    Care.objects.create(therapist=theo, email=alex.email).accept(alex, set())

    therapist = new_page()
    log_in(therapist, theo)
    therapist.get_by_role("link", name="Alex").click()
    therapist.get_by_label("What to do").select_option(label=DAY_2)
    therapist.get_by_label("Due by").fill("2030-01-15")
    therapist.get_by_label("Note for your client").fill("Notice the evenings.")
    therapist.get_by_role("button", name="Assign").click()
    expect(therapist.locator(".assignments")).to_contain_text("not done yet")

    client = new_page()
    log_in(client, alex)
    client.get_by_role("link", name="Today", exact=True).click()
    card = client.locator("section", has=client.get_by_role("heading", name="From your therapist"))
    expect(card).to_contain_text("Notice the evenings.")
    card.get_by_role("link", name=DAY_2).click()
    client.locator("div.scale label").filter(has_text=re.compile(r"^\s*6\s*$")).click()
    client.locator("div.segmented label").filter(has_text="Move closer").click()
    client.get_by_role("button", name="Save check-in").click()
    expect(client.get_by_role("status").filter(has_text="Saved")).to_be_visible()

    therapist.reload()
    expect(therapist.locator(".assignments")).to_contain_text("(did the step)")
    expect(therapist.locator(".assignments")).not_to_contain_text("not done yet")
    client.get_by_role("link", name="Today", exact=True).click()
    expect(client.get_by_role("heading", name="From your therapist")).to_have_count(0)


def test_a_guide_section_opened_from_the_assignment_counts_as_read(
    transactional_db, new_page, alex, theo
):
    Care.objects.create(therapist=theo, email=alex.email).accept(alex, set())
    therapist = new_page()
    log_in(therapist, theo)
    therapist.get_by_role("link", name="Alex").click()
    therapist.get_by_label("What to do").select_option(label="We all take turns")
    therapist.get_by_label("Due by").fill("2030-01-15")
    therapist.get_by_role("button", name="Assign").click()

    client = new_page()
    log_in(client, alex)
    client.get_by_role("link", name="Today", exact=True).click()
    client.get_by_role("button", name="Read this section").click()
    expect(client).to_have_url(re.compile(r"/guides/self-and-connection/#taking-turns$"))
    expect(client.get_by_role("heading", name="We all take turns")).to_be_visible()

    therapist.reload()
    expect(therapist.locator(".assignments")).to_contain_text("(did the step)")
