"""Safety in the browser: the quick exit leaves no way back, the private question, leaving."""

import re

from django.conf import settings
from playwright.sync_api import expect

from tests.browser.conftest import log_in


def fake_weather_site(page):
    page.route(settings.QUICK_EXIT_URL + "**", lambda route: route.fulfill(body="Sunny later"))


def on_the_weather_site(page):
    page.wait_for_url(settings.QUICK_EXIT_URL + "**")
    expect(page.get_by_text("Sunny later")).to_be_visible()


def test_back_after_quick_exit_does_not_show_the_app(phone, alex, sam, couple_in_the_program):
    fake_weather_site(phone)
    log_in(phone, alex)
    phone.get_by_role("link", name="Agreement").click()
    expect(
        phone.get_by_role("heading", name=re.compile("security agreement", re.I))
    ).to_be_visible()
    phone.get_by_role("link", name="Get help").first.click()

    phone.get_by_role("link", name="Quick exit").click()
    on_the_weather_site(phone)

    for _ in range(3):  # Get help, the agreement, My space: each leaves again
        phone.go_back()
        on_the_weather_site(phone)
        expect(phone.get_by_role("link", name="Quick exit")).to_have_count(0)


def test_coming_back_on_purpose_opens_the_app(phone, alex):
    fake_weather_site(phone)
    log_in(phone, alex)
    phone.get_by_role("link", name="Quick exit").click()
    on_the_weather_site(phone)

    phone.goto("/space/")

    expect(phone.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    phone.go_back()
    on_the_weather_site(phone)
    phone.go_forward()
    expect(phone.get_by_role("heading", name="Today", exact=True)).to_be_visible()


def test_quick_exit_signs_out_when_asked_to(phone, alex):
    fake_weather_site(phone)
    log_in(phone, alex)
    phone.goto("/account/preferences/")
    phone.get_by_label("Sign me out when I use Quick exit").check()
    phone.get_by_role("button", name="Save").first.click()
    expect(phone.get_by_text("Your preferences are saved.")).to_be_visible()

    phone.get_by_role("link", name="Quick exit").click()
    on_the_weather_site(phone)

    for _ in range(50):
        answer = phone.request.get("/space/", max_redirects=0)
        if answer.status == 302:
            break
        phone.wait_for_timeout(100)
    assert answer.status == 302 and "/account/login/" in answer.headers["location"]


def test_pressing_escape_twice_exits(phone, db):
    fake_weather_site(phone)
    phone.goto("/help/")

    phone.keyboard.press("Escape")
    phone.keyboard.press("Escape")

    expect(phone.get_by_text("Sunny later")).to_be_visible()


def test_a_partner_answers_the_private_question_on_a_phone(phone, alex, sam, couple):
    log_in(phone, sam)
    phone.get_by_role("link", name="Answer privately").click()

    phone.get_by_label("Yes, sometimes").check()
    phone.get_by_role("button", name="Save my answer").click()

    expect(phone.get_by_role("heading", name="Thank you for telling us")).to_be_visible()
    phone.get_by_role("link", name="Today", exact=True).click()
    expect(phone.get_by_role("heading", name="Just for you")).to_be_visible()


def test_leaving_says_what_the_partner_is_told_before_it_happens(phone, alex, sam, couple):
    log_in(phone, alex)
    phone.get_by_role("link", name="Leave this couple").click()

    expect(phone.get_by_role("heading", name="Will Sam be told?")).to_be_visible()
    expect(phone.get_by_text("We send Sam no email and no notification.")).to_be_visible()
    phone.get_by_role("button", name="Leave the couple").click()

    expect(phone.get_by_text("You have left the couple.")).to_be_visible()
    expect(phone.get_by_role("heading", name="Invite your partner")).to_be_visible()
