"""The guide library, and a section sent to the partner: alex sends, sam opens it from the notice.
axe finds nothing serious on the library and a guide page, in both languages, for a visitor and
for someone in a couple (with the "Send to" controls, before and after sending)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import (
    axe_context,
    check_both_sizes,
    check_pages,
    demo_people,
)
from tests.conftest import make_couple, make_person

GUIDE_URL = "/guides/talking-about-sex/"


def test_the_library_shows_three_guides_with_their_reading_times(new_page, transactional_db):
    page = new_page()
    page.goto("/guides/")

    cards = page.locator(".library > li")
    expect(cards).to_have_count(3)
    expect(cards.get_by_role("heading", level=2)).to_have_text(
        [
            "Security and sexuality: feeling safe with each other",
            "Self and connection: the two needs every couple juggles",
            "Talking about sex: from facts to meaning",
        ]
    )
    for index in range(3):
        expect(cards.nth(index).locator(".reading-time")).to_have_text(
            re.compile(r"About \d+ minutes? to read")
        )

    cards.nth(2).get_by_role("link", name="When it feels like rejection").click()
    expect(page).to_have_url(re.compile(r"/guides/talking-about-sex/#not-a-rejection$"))
    expect(page.get_by_role("heading", name="When it feels like rejection")).to_be_in_viewport()
    expect(page.get_by_role("button", name=re.compile("Send to"))).to_have_count(0)


def test_alex_sends_a_section_and_sam_opens_it_from_the_notice(new_page, transactional_db):
    alex, sam = make_person("alex"), make_person("sam")
    make_couple(alex, sam)

    alex_page = new_page()
    log_in(alex_page, alex)
    alex_page.goto(GUIDE_URL)
    levels = alex_page.locator("section:has(> .section-head > #four-levels)")
    levels.get_by_role("button", name="Send to Sam").click()
    expect(levels.get_by_role("status")).to_have_text(
        "Sent to Sam today. A section can go to them once a day."
    )
    expect(levels.get_by_role("button", name="Send to Sam")).to_have_count(0)
    alex_page.reload()
    expect(levels.get_by_role("status")).to_contain_text("Sent to Sam today.")

    sam_page = new_page()
    log_in(sam_page, sam)
    expect(sam_page.locator("#unread")).to_have_accessible_name("Notifications, 1 unread")
    sam_page.goto("/notifications/")
    notice = sam_page.locator(".notification").first
    expect(notice).to_contain_text("Alex sent you something to read")
    expect(notice).to_contain_text("“Four levels of a conversation about sex”")
    notice.get_by_role("link", name="Open").click()
    expect(sam_page).to_have_url(re.compile(r"/guides/talking-about-sex/#four-levels$"))
    expect(
        sam_page.get_by_role("heading", name="Four levels of a conversation about sex")
    ).to_be_in_viewport()


def test_a_section_is_sent_without_javascript(browser, live_server, transactional_db):
    alex, sam = make_person("alex"), make_person("sam")
    make_couple(alex, sam)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    log_in(page, alex)

    page.goto(GUIDE_URL)
    page.locator("#send-emotions-and-meaning").get_by_role("button", name="Send to Sam").click()

    expect(page).to_have_url(re.compile(r"/guides/talking-about-sex/#send-emotions-and-meaning$"))
    expect(page.locator(".messages")).to_have_text("Sent to Sam.")
    expect(page.locator("#send-emotions-and-meaning")).to_contain_text("Sent to Sam today.")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_library_and_a_guide_page_have_no_serious_accessibility_problem(
    browser, live_server, transactional_db, language, scheme
):
    people = demo_people(language)
    problems = []
    for who in ("visitor", "alex"):
        context = axe_context(browser, live_server.url, language, scheme, people.get(who))
        page = context.new_page()
        problems += check_pages(page, [reverse("guides"), GUIDE_URL], language)
        if who == "alex":
            page.locator("#send-four-levels button").click()
            expect(page.locator("#send-four-levels [role=status]")).to_be_visible()
            problems += check_both_sizes(page, language, "a section sent")
        context.close()

    assert not problems, "\n".join(problems)
