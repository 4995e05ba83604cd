"""Practice and maintenance in a real browser: a good moment logged on a phone, a weekly
check-in revealed to both only once both answered, and the outcome check's change."""

from playwright.sync_api import expect

from programs.models import OutcomeCheck, PracticeEntry
from tests.browser.conftest import log_in
from tests.conftest import make_couple, make_person
from tests.programs_helpers import enrol, load_program


def test_a_good_moment_logged_on_a_phone_adds_to_the_running_count(phone, transactional_db):
    load_program()
    alex = make_person("alex", timezone="Europe/London")
    enrol(alex, day=23)
    log_in(phone, alex)

    phone.goto("/program/")
    phone.get_by_role("link", name="Practice log").click()
    expect(phone.locator("#deposit-count")).to_have_text("0 good moments so far")
    phone.locator("div.segmented label").filter(has_text="A good moment together").click()
    phone.get_by_label("What happened").fill("We laughed at the burnt toast.")
    phone.get_by_role("button", name="Add to my log").click()

    expect(phone.get_by_role("status").filter(has_text="Noted")).to_be_visible()
    expect(phone.locator("#deposit-count")).to_have_text("1 good moment so far")
    expect(phone.get_by_text("We laughed at the burnt toast.")).to_be_visible()
    assert PracticeEntry.objects.get().kind == "deposit"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def answer_weekly(page, number, words):
    page.goto("/program/weekly/")
    page.locator("div.scale label").filter(has_text=number).first.click()
    page.get_by_label("What contributed to that?").fill(words)
    page.get_by_role("button", name="Save my answer").click()
    expect(page.get_by_text("Your answer for this week is saved.")).to_be_visible()


def test_both_answers_to_the_weekly_check_in_appear_only_once_both_answered(
    new_page, transactional_db
):
    load_program()
    alex = make_person("alex", timezone="Europe/London")
    sam = make_person("sam", timezone="Europe/London")
    make_couple(alex, sam)
    enrol(alex, day=30, together=True)
    alex_page, sam_page = new_page(), new_page()
    log_in(alex_page, alex)
    log_in(sam_page, sam)

    answer_weekly(alex_page, "8", "The signal worked on Tuesday.")
    theirs = alex_page.locator("#this-week .theirs")
    expect(theirs).to_contain_text("Both answers appear here once you have both answered.")

    sam_page.goto("/program/weekly/")
    expect(sam_page.locator("#this-week")).not_to_contain_text("The signal worked on Tuesday.")
    answer_weekly(sam_page, "6", "Tired, but we talked it through.")
    expect(sam_page.locator("#this-week .theirs")).to_contain_text("The signal worked on Tuesday.")
    expect(sam_page.locator("#this-week .theirs")).to_contain_text("8/10")

    alex_page.reload()
    expect(theirs).to_contain_text("Tired, but we talked it through.")
    expect(theirs).to_contain_text("6/10")


def test_the_outcome_check_shows_what_changed(phone, transactional_db):
    load_program()
    alex = make_person("alex", timezone="Europe/London")
    enrollment = enrol(alex, day=28)
    OutcomeCheck.objects.create(
        person=alex,
        enrollment=enrollment,
        when="start",
        answers={"safe_to_ask": 2, "find_way_back": 3, "close": 3, "reach_out": 2, "content": 3},
    )
    log_in(phone, alex)

    phone.goto("/program/outcome/")
    expect(phone.get_by_role("heading", name="On day 28")).to_be_visible()
    for group in phone.locator("form.outcome-form div.segmented").all():
        group.locator("label").filter(has_text="Mostly").click()
    phone.get_by_role("button", name="Save my answers").click()

    change = phone.locator("#outcome-change")
    expect(change).to_contain_text("2.6 / 5")
    expect(change).to_contain_text("4.0 / 5")
    expect(change).to_contain_text("Up by 1.4 on average.")


def test_a_log_line_the_server_refuses_or_never_gets_says_so_and_keeps_what_was_typed(
    phone, transactional_db
):
    load_program()
    alex = make_person("alex", timezone="Europe/London")
    enrol(alex, day=23)
    log_in(phone, alex)
    phone.goto("/program/practice/")
    phone.locator("div.segmented label").filter(has_text="A good moment together").click()
    words = phone.get_by_label("What happened")
    words.fill("We laughed at the burnt toast.")
    problem = phone.get_by_role("alert")

    def refused(route):
        if route.request.method == "POST":
            route.fulfill(status=500, body="")
        else:
            route.continue_()

    phone.route("**/program/practice/", refused)
    phone.get_by_role("button", name="Add to my log").click()
    expect(problem).to_have_text(
        "That did not work, and nothing changed. What you typed is still here: please try again"
        " in a moment, or reload the page."
    )
    expect(problem).to_be_focused()
    expect(words).to_have_value("We laughed at the burnt toast.")

    phone.unroute("**/program/practice/")
    phone.route("**/program/practice/", lambda route: route.abort())
    phone.get_by_role("button", name="Add to my log").click()
    expect(problem).to_contain_text("CoupleSpace could not be reached.")
    expect(words).to_have_value("We laughed at the burnt toast.")
    assert not PracticeEntry.objects.exists()

    phone.unroute("**/program/practice/")
    phone.get_by_role("button", name="Add to my log").click()
    expect(phone.get_by_role("status").filter(has_text="Noted")).to_be_visible()
    expect(problem).to_be_hidden()
    assert PracticeEntry.objects.get().text == "We laughed at the burnt toast."
