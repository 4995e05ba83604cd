"""Optional two-factor sign-in and the list of signed-in sessions, through allauth's own apps."""

import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from tests.browser.conftest import log_in


def current_code(secret: str) -> str:
    if 30 - time.time() % 30 < 2:  # don't race the end of a 30-second window
        time.sleep(2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_two_factor_sign_in_with_an_app_and_a_recovery_code(new_page, alex):
    page = new_page()
    log_in(page, alex)
    page.get_by_role("link", name="Preferences").click()
    page.get_by_role("link", name="Two-factor sign-in").click()
    page.get_by_role("link", name=re.compile("Activate", re.I)).first.click()
    page.locator("input[name=password]").fill("alex-pass")
    page.locator("main form button[type=submit]").first.click()

    secret = page.locator("input[name=secret], #authenticator_secret").first.input_value()
    page.locator("input[name=code]").fill(current_code(secret))
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_text(re.compile("authenticator app", re.I)).first).to_be_visible()

    page.goto("/account/2fa/recovery-codes/")
    recovery = page.locator("#recovery_codes").input_value().split()[0]
    page.locator("header form button", has_text="Log out").click()

    log_in(page, alex)
    page.locator("input[name=code]").fill(recovery)
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()


def test_ending_another_signed_in_session(new_page, alex):
    phone, laptop = new_page(), new_page()
    log_in(phone, alex)
    log_in(laptop, alex)

    laptop.goto("/account/sessions/")
    laptop.locator("main form button[type=submit]").first.click()

    phone.goto("/space/")
    expect(phone).to_have_url(re.compile("/account/login/"))
    laptop.goto("/space/")
    expect(laptop.get_by_role("heading", name="Today", exact=True)).to_be_visible()


def test_download_my_data_then_delete_my_account(new_page, alex):
    page = new_page()
    log_in(page, alex)
    page.get_by_role("link", name="Preferences").click()

    page.get_by_role("link", name="Download my data").click()
    expect(page.get_by_text("Enter your password:")).to_be_visible()
    page.locator("input[type=password]").fill("alex-pass")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Download my data")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the zip file").click()
    assert download.value.suggested_filename == "couplespace-export.zip"
    expect(page.get_by_role("heading", name="Download my data")).to_be_visible()
    page.get_by_role("link", name="Return to your preferences").click()

    page.get_by_role("link", name="Delete my account").click()
    page.get_by_label("Your password").fill("alex-pass")
    page.get_by_role("button", name="Delete my account for good").click()

    expect(
        page.get_by_text("Your account and everything you wrote have been deleted.")
    ).to_be_visible()
    log_in(page, alex)
    expect(
        page.get_by_text("The email address and/or password you specified are not correct.")
    ).to_be_visible()


def test_a_browser_sam_signed_in_with_gets_in_while_a_stranger_keeps_the_address_locked(
    new_page, sam
):
    laptop, stranger = new_page(), new_page()
    log_in(laptop, sam)
    laptop.locator("header form button", has_text="Log out").click()

    for _ in range(5):
        log_in(stranger, sam, password="wrong horse battery")
    log_in(stranger, sam)
    expect(stranger.get_by_text("Too many failed login attempts for this address")).to_be_visible()

    log_in(laptop, sam)
    expect(laptop.get_by_role("heading", name="Today", exact=True)).to_be_visible()


def test_sign_up_picks_the_browsers_time_zone(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.goto("/account/signup/")
    expect(page.get_by_label("Your time zone")).to_have_value("Asia/Shanghai")
    context.close()
