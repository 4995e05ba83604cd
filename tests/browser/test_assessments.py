"""The relationship test in a phone-sized browser: taking it, sharing, keeping it, comparing."""

import io
import re

from django.core.management import call_command
from playwright.sync_api import expect

from couplespace.models import User
from tests.browser.conftest import log_in
from tests.browser.test_pairing import confirm_email, sign_up


def answer_screen(page, choice=4):
    """Pick the `choice`-th point (1-7) on every statement, or the first option otherwise."""
    for question in page.locator("fieldset.question").all():
        options = question.locator("input[type=radio]")
        options.nth(choice - 1 if options.count() == 7 else 0).check()


def expect_screen(page, number):
    """Wait until screen `number` is shown (htmx swaps it in after the click)."""
    expect(page.locator(f"form[action='/test/step/{number}/']")).to_be_visible()


def take_the_test(page, next_label="Next", done_label="See my result"):
    page.goto("/test/")
    page.locator("main form button[type=submit]").first.click()
    for number in range(1, 4):
        expect_screen(page, number)
        answer_screen(page, choice=6)
        page.get_by_role("button", name=next_label).click()
    expect_screen(page, 4)
    answer_screen(page)
    page.get_by_role("button", name=done_label).click()


def test_a_visitor_takes_the_test_shares_it_and_switches_the_link_off(phone, new_page):
    phone.goto("/test/")
    phone.get_by_role("button", name="Start the test").click()
    expect(phone.get_by_role("heading", name="Step 1 of 4")).to_be_visible()

    first = phone.locator("fieldset.question").first
    first.get_by_label("Strongly agree").check()
    phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_role("alert")).to_contain_text("Question 2 needs an answer.")
    expect(phone.locator("fieldset.question").first.get_by_label("Strongly agree")).to_be_checked()

    answer_screen(phone, choice=6)
    phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_role("heading", name="Step 2 of 4")).to_be_visible()
    expect(phone).to_have_url(re.compile("/test/step/2/$"))
    phone.get_by_role("button", name="Back").click()
    expect(phone.get_by_role("heading", name="Step 1 of 4")).to_be_visible()
    expect(phone.locator("input:checked")).to_have_count(6)
    phone.get_by_role("button", name="Next").click()
    expect_screen(phone, 2)
    phone.go_back()
    expect_screen(phone, 1)
    expect(phone.locator("input:checked")).to_have_count(6)
    phone.go_forward()
    for number in (2, 3):
        expect_screen(phone, number)
        answer_screen(phone, choice=6)
        phone.get_by_role("button", name="Next").click()
    expect_screen(phone, 4)
    answer_screen(phone)
    phone.get_by_role("button", name="See my result").click()

    expect(phone.get_by_role("heading", name="Your result")).to_be_visible()
    expect(phone.get_by_text("Closest style:")).to_contain_text("Fearful-avoidant")
    expect(phone.get_by_role("img", name=re.compile("Anxiety and avoidance"))).to_be_visible()
    expect(phone.get_by_text("not a diagnosis")).to_be_visible()
    expect(phone.get_by_role("button", name="Copy").first).to_be_visible()

    phone.get_by_role("button", name="Create a share link").click()
    link = phone.get_by_label("Share link").input_value()
    shared_path = link.split("testserver", 1)[-1]
    stranger = new_page()
    stranger.goto(shared_path)
    expect(stranger.get_by_role("heading", name="A shared test result")).to_be_visible()
    expect(stranger.get_by_text("Closest style:")).to_contain_text("Fearful-avoidant")

    phone.get_by_role("button", name="Switch the link off").click()
    expect(phone.get_by_text("The link is switched off.")).to_be_visible()
    response = stranger.goto(shared_path)
    assert response.status == 404


def test_the_test_works_without_javascript(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()

    take_the_test(page)

    expect(page.get_by_role("heading", name="Your result")).to_be_visible()
    expect(page.get_by_text("Closest style:")).to_contain_text("Fearful-avoidant")
    page.get_by_role("button", name="Create a share link").click()
    expect(page.get_by_label("Share link")).to_have_value(re.compile("/test/shared/"))
    context.close()


def test_a_visitor_signs_up_after_the_test_and_keeps_the_result(phone):
    take_the_test(phone)
    expect(phone.get_by_role("heading", name="Your result")).to_be_visible()
    phone.get_by_role("link", name="Read the action report").click()
    expect(phone.get_by_text("The action report is part of a free account.")).to_be_visible()

    phone.get_by_role("link", name="Create an account").click()
    sign_up(phone, "robin@example.com", "Robin")
    confirm_email(phone, "robin@example.com")

    expect(phone.get_by_role("heading", name="Your action report")).to_be_visible()
    expect(phone.get_by_role("heading", name="Practices for you")).to_be_visible()
    expect(phone.get_by_text("Your test result is saved to your account.")).to_be_visible()
    phone.goto("/test/history/")
    expect(phone.locator("table.results-table tbody tr")).to_have_count(1)


def test_the_demo_couple_sees_their_couple_page(new_page, transactional_db):
    call_command("demo", stdout=io.StringIO())
    alex = new_page()
    log_in(alex, User.objects.get(email="alex@example.com"), "couplespace-demo")

    alex.goto("/test/couple/")
    expect(alex.get_by_role("heading", name="You and Sam")).to_be_visible()
    expect(
        alex.get_by_role("heading", name="Anxious and avoidant: the pursue-withdraw cycle")
    ).to_be_visible()
    expect(alex.get_by_role("img", name=re.compile("Anxiety and avoidance"))).to_contain_text("Sam")

    alex.get_by_role("button", name="Stop comparing").click()
    expect(alex.get_by_text("Comparison is switched off for both of you.")).to_be_visible()
    sam = new_page()
    log_in(sam, User.objects.get(email="sam@example.com"), "couplespace-demo")
    response = sam.goto("/test/couple/")
    assert response.status == 404


def test_the_test_in_chinese(new_page, transactional_db):
    page = new_page(locale="zh-CN")
    page.goto("/test/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    page.get_by_role("button", name="开始测试").click()

    expect(page.get_by_role("heading", name="第 1 步，共 4 步")).to_be_visible()
    expect(page.locator("fieldset.question legend").first).to_contain_text(
        re.compile("[\u4e00-\u9fff]")
    )
    expect(page.locator("fieldset.question").first.get_by_label("非常同意")).to_be_visible()
    for number in range(1, 4):
        expect_screen(page, number)
        answer_screen(page, choice=6)
        page.get_by_role("button", name="下一步").click()
    expect(page.get_by_text("当你们之间关系紧张时，你通常会怎么做？")).to_be_visible()
    answer_screen(page)
    page.get_by_role("button", name="查看我的结果").click()

    expect(page.get_by_role("heading", name="你的结果")).to_be_visible()
    expect(page.get_by_text("最接近的类型：")).to_contain_text("恐惧-回避型")
    expect(page.get_by_role("heading", name="试着这样说")).to_be_visible()
    expect(page.get_by_text("这个测试是自我反思的工具，不是诊断。")).to_be_visible()
