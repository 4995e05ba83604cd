"""The design pass in Chromium: page rules stay on their page, the phone's tab bar, the path
as a picture, and the copy buttons (announced, and absent without JavaScript)."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from agreements.models import Agreement
from programs.models import OutcomeCheck
from tests.browser.test_accessibility import VIEWPORTS, demo_people, sign_in


def signed_in_page(browser, live_server, person, **options):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
    sign_in(context, person, live_server.url)
    return context.new_page()


def test_a_diff_clause_is_body_text_and_the_outcome_trend_keeps_its_size(
    browser, live_server, transactional_db
):
    alex = demo_people("en")["alex"]
    page = signed_in_page(browser, live_server, alex, viewport=VIEWPORTS["desktop"])
    agreement = Agreement.for_couple(alex.couple)
    page.goto(reverse("agreements:version", args=[agreement.pk, 2]))
    clause = page.locator("li.change").first
    expect(clause).to_be_visible()
    style = "e => [getComputedStyle(e).fontSize, getComputedStyle(e).fontWeight]"
    # The outcome page's `.change` rule made every clause 19.2px bold.
    assert clause.evaluate(style) == ["16px", "400"]

    start = OutcomeCheck.objects.get(person=alex, when=OutcomeCheck.When.START)
    end = {question: 4 for question in start.answers}
    OutcomeCheck.objects.create(
        person=alex, enrollment=start.enrollment, when=OutcomeCheck.When.END, answers=end
    )
    page.goto(reverse("programs:outcome"))
    trend = page.locator(".score-trend")
    expect(trend).to_have_text(re.compile("Up by"))
    assert trend.evaluate(style) == ["19.2px", "700"]


def test_the_phone_has_a_tab_bar_the_path_a_picture_and_copy_says_copied(
    browser, live_server, transactional_db
):
    alex = demo_people("en")["alex"]
    phone = signed_in_page(browser, live_server, alex, viewport=VIEWPORTS["phone"])
    phone.goto(reverse("programs:path"))

    tabs = phone.locator(".tab-bar")
    box = tabs.bounding_box()
    assert box["y"] + box["height"] == VIEWPORTS["phone"]["height"]  # at the bottom
    more_with_count = re.compile(r"^More\d*$")  # the unread count's badge, when there is one
    expect(tabs.locator(".tab")).to_have_text(["Today", "Program", "Agreement", more_with_count])
    expect(tabs.get_by_role("link", name="Program")).to_have_attribute("aria-current", "page")
    expect(phone.locator("#unread")).to_be_visible()
    more = tabs.get_by_role("button", name="More")
    more.click()
    expect(phone.get_by_role("link", name="Preferences")).to_be_visible()
    more.click()
    expect(phone.get_by_role("link", name="Preferences")).to_be_hidden()

    picture = phone.get_by_role("img", name=re.compile(r"You are on day \d+ of 28\."))
    expect(picture).to_be_visible()
    expect(picture.locator(".spot.today")).to_have_count(1)

    phone.goto(reverse("programs:times"))
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"])
    phone.get_by_role("button", name="Copy link").click()
    expect(phone.locator("#copy-status")).to_have_text("Copied")

    no_script = signed_in_page(
        browser, live_server, alex, viewport=VIEWPORTS["phone"], java_script_enabled=False
    )
    no_script.goto(reverse("programs:times"))
    expect(no_script.locator("[data-copy]")).to_be_hidden()
    expect(no_script.get_by_role("link", name="Preferences")).to_be_visible()


def test_today_puts_todays_step_beside_the_cards_on_a_desktop_and_under_them_on_a_phone(
    browser, live_server, transactional_db
):
    alex = demo_people("en")["alex"]
    page = signed_in_page(browser, live_server, alex, viewport={"width": 960, "height": 800})
    page.goto(reverse("workspace"))
    step = page.locator(".today-page > .today-step").first.bounding_box()
    first = page.locator(".today-page > .today-card").first.bounding_box()
    assert step["x"] >= first["x"] + first["width"]  # its own column, on the right
    assert abs(step["y"] - first["y"]) < 2  # level with the first card

    page.set_viewport_size(VIEWPORTS["phone"])
    step = page.locator(".today-page > .today-step").first.bounding_box()
    first = page.locator(".today-page > .today-card").first.bounding_box()
    assert step["x"] == first["x"] and step["y"] > first["y"]  # one column, as before
    assert step["width"] == first["width"]
