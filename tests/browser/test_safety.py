"""The quick exit leaves at once and leaves no way back to the page it left."""

from django.conf import settings
from playwright.sync_api import expect

from tests.browser.conftest import log_in


def fake_weather_site(page):
    page.route(settings.QUICK_EXIT_URL + "**", lambda route: route.fulfill(body="Sunny later"))


def test_quick_exit_replaces_the_page_in_history(phone, db):
    fake_weather_site(phone)
    phone.goto("/")
    phone.get_by_role("link", name="Get help").first.click()
    expect(phone.get_by_role("heading", name="Get help")).to_be_visible()

    phone.get_by_role("link", name="Quick exit").click()

    expect(phone.get_by_text("Sunny later")).to_be_visible()
    phone.go_back()
    assert phone.url.endswith("/") and not phone.url.endswith("/help/")


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
