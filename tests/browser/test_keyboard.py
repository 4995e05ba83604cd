"""The keyboard alone: no mouse, no clicks, no filling fields from outside. A person tabs, types
and presses Enter or Space, always sees where they are, and gets through a real flow."""

from playwright.sync_api import expect

from programs.models import Checkpoint
from tests.conftest import make_couple, make_person
from tests.programs_helpers import enrol, load_program

FOCUSED = """() => {
  const el = document.activeElement;
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  return {name: (label || el.innerText || "").trim(), tag: el.tagName.toLowerCase()};
}"""

# The ring a person sees: on the focused control, or on the label that stands in for a radio
# button or checkbox drawn as a chip (the input itself is transparent).
FOCUS_RING = """() => {
  const el = document.activeElement;
  const shown = getComputedStyle(el).opacity === "0" ? el.closest("label") : el;
  const style = getComputedStyle(shown);
  return {style: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""


def focused(page) -> str:
    return page.evaluate(FOCUSED)["name"]


def tab_to(page, name: str, *, tag: str = "", key: str = "Tab", limit: int = 60) -> None:
    """Press Tab (or Shift+Tab) until the focused control's name starts with `name` (and it is
    a `tag` element, when one is given)."""
    passed = []
    for _ in range(limit):
        now = page.evaluate(FOCUSED)
        if now["name"].startswith(name) and now["tag"] == (tag or now["tag"]):
            expect_visible_focus(page)
            return
        passed.append(now["name"])
        page.keyboard.press(key)
    raise AssertionError(f"{name!r} was not reached with {key}; passed {passed}")


def go(page, key: str = "Enter") -> None:
    """Press a key that leads to another page, and wait for that page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def expect_visible_focus(page) -> None:
    ring = page.evaluate(FOCUS_RING)
    assert ring["style"] != "none" and ring["width"] >= 2, (focused(page), ring)


def test_a_person_logs_in_and_checks_in_with_the_keyboard_alone(phone, transactional_db):
    load_program()
    alex = make_person("alex", timezone="Europe/London")
    make_couple(alex, make_person("sam"))
    enrol(alex, day=3, together=True)

    phone.goto("/")
    phone.keyboard.press("Tab")
    skip = phone.locator(":focus")
    expect(skip).to_have_text("Skip to content")
    expect(skip).to_be_in_viewport()
    expect_visible_focus(phone)
    phone.keyboard.press("Enter")
    expect(phone.locator(":focus")).to_have_id("main")
    phone.keyboard.press("Tab")
    expect(phone.locator("main :focus")).to_have_text("Take the test")

    tab_to(phone, "Log in", key="Shift+Tab")
    go(phone)
    tab_to(phone, "Email")
    phone.keyboard.type("alex@example.com")
    phone.keyboard.press("Tab")
    phone.keyboard.type("alex-pass")
    go(phone)
    expect(phone.get_by_role("heading", name="Today", exact=True)).to_be_visible()

    tab_to(phone, "Today’s step in the path, and the rest")
    go(phone)
    tab_to(phone, "Check in now")
    go(phone)
    expect(phone.get_by_role("heading", name="Check in", exact=True)).to_be_visible()

    tab_to(phone, "Save check-in")
    phone.keyboard.press("Enter")
    alert = phone.locator(":focus")
    expect(alert).to_have_text("Please check the marked answers; what you wrote is kept.")
    expect(alert).to_be_in_viewport()

    tab_to(phone, "0")
    phone.keyboard.press("Space")
    for _ in range(7):
        phone.keyboard.press("ArrowRight")
    assert focused(phone) == "7"
    expect_visible_focus(phone)
    phone.keyboard.press("Tab")
    phone.keyboard.type("We talked after dinner.")
    tab_to(phone, "Relaxed")
    phone.keyboard.press("Space")
    tab_to(phone, "Move closer")
    phone.keyboard.press("Space")
    tab_to(phone, "Save check-in")
    phone.keyboard.press("Enter")

    saved = phone.locator(":focus")
    expect(saved).to_have_text("Saved. Thank you for checking in.")
    expect(saved).to_be_in_viewport()
    entry = Checkpoint.objects.get()
    assert (
        entry.temperature,
        entry.affected,
        entry.body_responses,
        entry.behaviour,
        entry.shared_with_partner,
    ) == (7, "We talked after dinner.", ["relaxed"], "approach", False)

    tab_to(phone, "Share with Sam", tag="button")
    phone.keyboard.press("Enter")
    expect(phone.locator(":focus")).to_have_text("Stop sharing")
    expect_visible_focus(phone)
    entry.refresh_from_db()
    assert entry.shared_with_partner


def test_the_phone_menu_opens_and_closes_with_the_keyboard(phone, transactional_db):
    alex = make_person("alex")

    phone.goto("/account/login/")
    tab_to(phone, "Email")
    phone.keyboard.type(alex.email)
    phone.keyboard.press("Tab")
    phone.keyboard.type("alex-pass")
    go(phone)
    expect(phone.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    preferences = phone.get_by_role("link", name="Preferences")
    expect(preferences).to_be_hidden()

    tab_to(phone, "More")
    phone.keyboard.press("Enter")
    expect(phone.locator(":focus")).to_have_attribute("aria-expanded", "true")
    tab_to(phone, "Preferences")
    expect(preferences).to_be_visible()
    phone.keyboard.press("Escape")
    expect(preferences).to_be_hidden()
    expect(phone.locator(":focus")).to_have_text("More")

    phone.keyboard.press("Space")
    tab_to(phone, "Preferences")
    go(phone)
    expect(phone.get_by_role("heading", name="Preferences")).to_be_visible()
