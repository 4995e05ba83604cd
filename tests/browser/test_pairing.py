"""alex signs up, verifies, invites sam by link; sam signs up through it; both share a space."""

import re

from django.core import mail
from playwright.sync_api import expect


def sign_up(page, email, name, password="a calm long passphrase"):
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=display_name]").fill(name)
    page.locator("input[name=password1]").fill(password)
    page.locator("main form button[type=submit]").click()


def verification_code(email):
    message = [m for m in mail.outbox if email in m.to][-1]
    return re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.M).group(1)


def confirm_email(page, email):
    page.wait_for_url("**/confirm-email/")
    page.locator("input[name=code]").fill(verification_code(email))
    page.locator("main form button[type=submit]").first.click()


def test_a_couple_pairs_up_by_link(new_page, transactional_db):
    alex = new_page()
    alex.goto("/account/signup/")
    sign_up(alex, "alex@example.com", "Alex")
    confirm_email(alex, "alex@example.com")
    expect(alex.get_by_role("heading", name="My space")).to_be_visible()

    alex.get_by_role("button", name="Create invitation").click()
    link = alex.get_by_label("Invitation link").input_value()
    assert "/invite/" in link

    sam = new_page()
    sam.goto(link.split("testserver", 1)[-1])
    expect(sam.get_by_role("heading", name="Alex invited you to CoupleSpace")).to_be_visible()
    sam.get_by_role("link", name="Create an account").click()
    sign_up(sam, "sam@example.com", "Sam")
    confirm_email(sam, "sam@example.com")
    expect(
        sam.get_by_role("heading", name="Do you want to share a space with Alex?")
    ).to_be_visible()
    sam.get_by_label("Yes, sometimes").check()
    sam.get_by_role("button", name="Yes, share a space").click()

    expect(sam.get_by_text("You and Alex now share a space.")).to_be_visible()
    expect(sam.get_by_role("heading", name="Just for you")).to_be_visible()
    expect(sam.locator(".partner")).to_have_text([re.compile("Sam"), re.compile("Alex")])
    alex.reload()
    expect(alex.locator(".partner")).to_have_text([re.compile("Alex"), re.compile("Sam")])
    expect(alex.get_by_role("heading", name="One private question")).to_be_visible()


def test_the_same_flow_in_chinese(new_page, transactional_db):
    alex = new_page(locale="zh-CN")
    alex.goto("/account/signup/")
    expect(alex.locator("html")).to_have_attribute("lang", "zh-hans")
    sign_up(alex, "alex@example.com", "阿力")
    confirm_email(alex, "alex@example.com")
    expect(alex.get_by_role("heading", name="我的空间")).to_be_visible()
    alex.get_by_role("button", name="创建邀请").click()
    link = alex.get_by_label("邀请链接").input_value()

    sam = new_page(locale="zh-CN")
    sam.goto(link.split("testserver", 1)[-1])
    expect(sam.get_by_role("heading", name="阿力邀请你加入 CoupleSpace")).to_be_visible()
    sam.get_by_role("link", name="创建账户").click()
    sign_up(sam, "sam@example.com", "小山")
    confirm_email(sam, "sam@example.com")
    expect(sam.get_by_role("heading", name="你想和 阿力 共享一个空间吗？")).to_be_visible()
    sam.get_by_role("button", name="是的，共享空间").click()

    expect(sam.locator(".partner")).to_have_text([re.compile("小山"), re.compile("阿力")])
