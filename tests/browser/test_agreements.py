"""alex writes the first version from the ideas, sam accepts it, and it is active for both."""

from playwright.sync_api import expect

from tests.browser.conftest import log_in


def test_both_partners_accept_an_agreement(new_page, alex, sam, couple):
    alex_page = new_page()
    log_in(alex_page, alex)
    alex_page.get_by_role("link", name="Agreement", exact=True).click()
    alex_page.get_by_role("button", name="Start our agreement").click()

    ideas = alex_page.locator(".templates li")
    ideas.filter(has_text="lighthouse").get_by_role("button", name="Add this").click()
    expect(alex_page.get_by_role("group", name="Clause 1")).to_be_visible()
    ideas.filter(has_text="for up to 60 minutes").get_by_role("button", name="Add this").click()
    pause = alex_page.get_by_role("group", name="Clause 2")
    expect(pause.get_by_label("Longest pause, in minutes")).to_have_value("60")
    pause.get_by_label("Longest pause, in minutes").fill("30")
    alex_page.get_by_role("button", name="Save and propose").click()
    expect(alex_page.get_by_text("Version 1 is saved.")).to_be_visible()
    expect(alex_page.get_by_text("waiting for Sam")).to_be_visible()

    sam_page = new_page()
    log_in(sam_page, sam)
    sam_page.get_by_role("link", name="Alex proposed version 1 of your agreement: read it").click()
    expect(sam_page.get_by_text("At most 30 minutes.")).to_be_visible()
    sam_page.get_by_role("button", name="Accept version 1").click()

    expect(
        sam_page.get_by_text("You have both accepted: this version is now active.")
    ).to_be_visible()
    alex_page.reload()
    expect(alex_page.get_by_role("heading", name="Active: version 1")).to_be_visible()


def test_the_pause_length_shows_only_for_a_pause_rule(new_page, alex, couple):
    page = new_page()
    log_in(page, alex)
    page.goto("/agreements/")
    page.get_by_role("button", name="Start our agreement").click()
    page.get_by_role("button", name="Add an empty clause").click()
    clause = page.get_by_role("group", name="Clause 1")

    expect(clause.get_by_label("Longest pause, in minutes")).to_be_hidden()
    clause.get_by_label("Kind of clause").select_option(label="Pause rule")
    expect(clause.get_by_label("Longest pause, in minutes")).to_be_visible()
