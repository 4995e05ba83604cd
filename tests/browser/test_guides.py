"""A visitor reads the guide in Chinese, copies a sentence, heads for the test; the landing page."""

import re

from playwright.sync_api import expect


def test_a_visitor_reads_the_guide_in_chinese_and_copies_a_sentence(new_page, transactional_db):
    page = new_page(locale="zh-CN")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    page.goto("/")
    page.get_by_role("link", name="阅读指南").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("安全感与性：在亲密中彼此安心")

    page.get_by_role("navigation", name="本页内容").get_by_role("link", name="五个步骤").click()
    expect(page).to_have_url(re.compile(r"/guides/security-and-sexuality/#steps$"))
    step_two = page.locator("section:has(> .section-head > #step-2)")
    sentence = step_two.get_by_role("blockquote").first
    expect(sentence).to_have_text(
        "我们能聊聊我心里关于我们和性的一件事吗？你不需要解决什么，我只是想让你知道我心里是怎么回事。"
    )
    step_two.get_by_role("button", name="复制").first.click()
    expect(step_two.get_by_role("button", name="已复制")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == (
        "我们能聊聊我心里关于我们和性的一件事吗？你不需要解决什么，我只是想让你知道我心里是怎么回事。"
    )

    page.get_by_role("link", name="去做测试").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("你如何面对亲密与距离？")


def test_a_section_link_opens_the_guide_at_that_section(phone, transactional_db):
    phone.goto("/guides/security-and-sexuality/#step-3")

    expect(
        phone.get_by_role("heading", name="Step 3 · Make an agreement (days 15–21)")
    ).to_be_in_viewport()


def test_the_landing_page_on_a_phone_shows_both_ways_in_and_help(phone, transactional_db):
    phone.goto("/")

    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Feel safer with each other, one small step at a time."
    )
    expect(phone.get_by_role("link", name="Take the test")).to_be_in_viewport()
    expect(phone.get_by_role("link", name="Sign up together")).to_be_in_viewport()
    expect(phone.locator("main").get_by_role("link", name="Get help")).to_have_attribute(
        "href", "/help/"
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_guide_fits_a_phone_screen(phone, transactional_db):
    phone.goto("/guides/security-and-sexuality/")

    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
