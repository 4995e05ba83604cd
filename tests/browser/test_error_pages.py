"""With DEBUG off, as in production, a dead link and a stale form land on the site's own pages:
the layout, Get help and a Quick exit that works, and the scripts the page's nonce lets in."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_safety import fake_weather_site


def watch_for_blocked_scripts(page) -> list[str]:
    blocked = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and blocked.append(message.text),
    )
    return blocked


@pytest.mark.parametrize(
    ("locale", "heading", "quick_exit"),
    [
        ("en-GB", "We can’t find this page", "Quick exit"),
        ("zh-CN", "我们找不到这个页面", "快速离开"),
    ],
)
def test_a_dead_invitation_link_shows_the_site_with_a_quick_exit_that_works(
    new_page, settings, locale, heading, quick_exit
):
    settings.DEBUG = False
    page = new_page(locale=locale)
    blocked = watch_for_blocked_scripts(page)
    fake_weather_site(page)

    response = page.goto("/invite/a-link-that-was-withdrawn/")

    assert response.status == 404
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.locator("header .help-link")).to_have_attribute("href", "/help/")
    assert page.evaluate("document.documentElement.classList.contains('js')")  # our scripts ran
    page.get_by_role("link", name=quick_exit).click()
    expect(page.get_by_text("Sunny later")).to_be_visible()
    assert blocked == []


def test_a_form_sent_after_its_cookies_went_keeps_what_was_typed_one_step_back(
    phone, settings, alex
):
    settings.DEBUG = False
    blocked = watch_for_blocked_scripts(phone)
    phone.goto("/account/login/")
    phone.get_by_label("Email").fill("alex@example.com")
    phone.get_by_label("Password").fill("alex-pass")
    phone.context.clear_cookies()  # as if cookies were refused, or had expired

    phone.get_by_role("button", name="Sign In").click()

    expect(phone.get_by_role("heading", name="Your form wasn’t sent")).to_be_visible()
    expect(phone.get_by_role("link", name="Quick exit")).to_be_visible()
    expect(phone.locator("header .help-link")).to_be_visible()
    assert blocked == []
    phone.go_back()
    expect(phone.get_by_label("Email")).to_have_value("alex@example.com")
