"""The second program in a real browser: alex starts it for the couple, does day 1 (its first
level, with the safety plan begun), both mark the wish list on their own, and sam sees what both
welcome, and a touch-log line alex shared."""

from playwright.sync_api import expect

from programs.models import Enrollment, PlanPart, WishAnswer
from tests.browser.conftest import log_in
from tests.conftest import make_couple, make_person
from tests.programs_helpers import SECOND, enrol, load_program, load_second_program


def mark(page, item: str, answer: str) -> None:
    page.locator("fieldset").filter(has_text=item).get_by_label(answer, exact=True).check()


def test_a_couple_starts_the_second_program_and_sees_only_what_both_welcome(
    new_page, transactional_db
):
    load_program()
    load_second_program()
    alex = make_person("alex", timezone="Europe/London")
    sam = make_person("sam", timezone="Europe/London")
    make_couple(alex, sam)
    enrol(alex, day=3, together=True)  # they follow the first program already

    alex_page = new_page()
    log_in(alex_page, alex)
    alex_page.goto("/program/")
    alex_page.get_by_role("link", name="All programs").click()
    expect(alex_page.get_by_text("You can follow both programs at the same time")).to_be_visible()
    offer = alex_page.locator(f"#program-{SECOND}-card")
    expect(offer.get_by_label("Facts")).to_be_checked()
    offer.get_by_role("button", name="Start", exact=True).click()

    expect(alex_page.locator("#today")).to_contain_text("Day 1 · Phase 1")
    expect(alex_page.locator(".today-step")).to_contain_text("only talk about facts")
    alex_page.get_by_role("link", name="Our safety plan").click()
    alex_page.get_by_label("Our safe signal").fill("Pineapple: we stop, no questions.")
    alex_page.get_by_role("button", name="Save our plan").click()
    expect(alex_page.get_by_text("Your plan is saved.")).to_be_visible()
    assert PlanPart.objects.get(section="signal").updated_by == alex
    assert Enrollment.objects.for_person(sam, SECOND).together

    alex_page.get_by_role("link", name="Back to the path").click()
    alex_page.get_by_role("link", name="Our wish list").click()
    mark(alex_page, "Giving or receiving a massage", "Yes")
    mark(alex_page, "Trying a toy together", "Yes")
    mark(alex_page, "Going more slowly", "Maybe")
    alex_page.get_by_role("button", name="Save my answers").click()
    expect(alex_page.get_by_text("Only you can see them.")).to_be_visible()
    expect(alex_page.locator(".matches")).to_have_count(0)

    sam_page = new_page()
    log_in(sam_page, sam)
    sam_page.goto(f"/program/path/{SECOND}/wish-list/")
    expect(sam_page.locator(".matches")).to_have_count(0)
    mark(sam_page, "Giving or receiving a massage", "Maybe")
    mark(sam_page, "Trying a toy together", "No")
    mark(sam_page, "Going more slowly", "Yes")
    sam_page.get_by_role("button", name="Save my answers").click()

    both = sam_page.locator(".matches li")
    expect(both).to_have_text(["Giving or receiving a massage", "Going more slowly"])
    alex_page.reload()
    expect(alex_page.locator(".matches li")).to_have_text(
        ["Giving or receiving a massage", "Going more slowly"]
    )
    assert WishAnswer.objects.filter(person=sam).count() == 3

    alex_page.goto(f"/program/path/{SECOND}/touch-log/")
    alex_page.get_by_label("What did you do, and how did it feel?").fill(
        "A long hug, nothing more."
    )
    alex_page.get_by_role("button", name="Add to the log").click()
    line = alex_page.locator(".entry").first
    expect(line).to_contain_text("Private")
    line.get_by_role("button", name="Share with Sam").click()
    expect(alex_page.locator(".entry").first).to_contain_text("Shared")

    sam_page.goto(f"/program/path/{SECOND}/touch-log/")
    expect(sam_page.locator(".entry").first).to_contain_text("shared by Alex")
    expect(sam_page.locator(".entry").first).to_contain_text("A long hug, nothing more.")
