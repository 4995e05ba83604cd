"""axe-core in real Chromium finds no serious or critical problem on any main page, in English
and in Chinese, on a phone and on a desktop, in the light and the dark theme (the browser's
prefers-color-scheme), and no page scrolls sideways: each page as it loads,
and the states a person meets on the way (a form with errors, the phone's menu open, the test's
questions, the agreement's concurrent edit).

axe comes from the axe-playwright-python package and goes in as a Playwright init script, which
the page's Content Security Policy does not govern, so the pages are checked with their real
policy on."""

import re
from dataclasses import replace
from io import StringIO
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from agreements.models import Agreement, Commitment, Dialogue
from agreements.versions import propose_version
from assessments.models import Result
from couplespace.management.commands.demo import PASSWORD
from couplespace.models import Care, User
from programs.models import Checkpoint

SECOND = "talking-about-sex"
SECOND_STEPS = ("safety-plan", "wish-list", "touch-log")
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
BROWSER_LOCALE = {"en": "en-GB", "zh-hans": "zh-CN"}
SERIOUS = {"serious", "critical"}


def demo_people(language: str) -> dict[str, User]:
    """The living demo (alex and sam in the program, casey alone, theo their therapist)."""
    call_command("demo", stdout=StringIO())
    User.objects.update(language=language)
    return {person.email.split("@")[0]: person for person in User.objects.all()}


def pages_of(people: dict[str, User]) -> dict[str, list[str]]:
    alex, casey = people["alex"], people["casey"]
    agreement = Agreement.for_couple(alex.couple)
    return {
        "visitor": [
            reverse("landing"),
            reverse("help"),
            reverse("guides"),
            reverse("guide", args=["security-and-sexuality"]),
            reverse("guide", args=["talking-about-sex"]),
            reverse("assessments:start"),
            reverse("account_login"),
            reverse("account_signup"),
        ],
        "alex": [
            reverse("workspace"),
            reverse("guide", args=["talking-about-sex"]),  # with "Send to Sam" on each section
            reverse("programs:path"),
            reverse("programs:checkpoint"),
            reverse("programs:entry", args=[Checkpoint.objects.filter(author=alex).first().pk]),
            reverse("programs:partner"),
            reverse("programs:times"),
            reverse("programs:practice"),
            reverse("programs:weekly"),
            reverse("programs:rituals"),
            reverse("programs:outcome"),
            reverse("programs:choose"),
            reverse("programs:path_of", args=[SECOND]),
            *(reverse("programs:step", args=[SECOND, key]) for key in SECOND_STEPS),
            reverse("agreements:detail", args=[agreement.pk]),
            reverse("agreements:edit", args=[agreement.pk]),
            reverse("agreements:version", args=[agreement.pk, 2]),
            reverse("agreements:dialogue_index"),
            *(reverse("agreements:dialogue", args=[d.pk]) for d in Dialogue.objects.all()),
            reverse("assessments:result", args=[Result.objects.filter(owner=alex).first().pk]),
            reverse("assessments:history"),
            reverse("assessments:couple"),
            reverse("privacy"),
            reverse("notifications"),
            reverse("notification_preferences"),
            reverse("preferences"),
            reverse("account_email"),
            reverse("account_change_password"),
            reverse("mfa_index"),
            reverse("usersessions_list"),
            reverse("safety"),
            reverse("delete_account"),
        ],
        "sam": [reverse("programs:partner")],  # what alex shared: check-ins, a line, a debrief
        "casey": [
            reverse("workspace"),
            reverse("therapist_apply"),
            reverse("agreements:commitments"),
            reverse(
                "agreements:edit_commitment",
                args=[Commitment.objects.filter(person=casey).first().pk],
            ),
        ],
        "theo": [
            reverse("therapist_home"),
            reverse("therapist_client", args=[Care.objects.get(client=alex).pk]),
        ],
    }


def serious_problems(page, where: str) -> list[str]:
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{where}: {violation['id']} ({violation['impact']}) {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"])
        for violation in results["violations"]
        if violation["impact"] in SERIOUS
    ]


def check_both_sizes(page, language: str, state: str = "") -> list[str]:
    """The page as it is on a phone, then the same page widened to a desktop; neither may be
    wider than its screen (reflow)."""
    problems = []
    where = urlsplit(page.url).path + (f" ({state})" if state else "")
    for name, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        problems += serious_problems(page, f"{where} [{language}, {name}]")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > size["width"]:
            problems.append(f"{where} [{language}, {name}]: scrolls sideways, {width}px wide")
    page.set_viewport_size(VIEWPORTS["phone"])
    return problems


def check_pages(page, urls: list[str], language: str) -> list[str]:
    problems = []
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        expect(page.locator("html")).to_have_attribute("lang", language)
        problems += check_both_sizes(page, language)
    return problems


def visitor_states(page, language: str) -> list[str]:
    """A dead link, a failed log-in, and the test's first questions before and after a missed
    answer."""
    assert page.goto("/invite/a-link-that-was-withdrawn/").status == 404
    problems = check_both_sizes(page, language, "not found")

    page.goto(reverse("account_login"))
    page.locator("input[name=login]").fill("nobody@example.com")
    page.locator("input[name=password]").fill("not-the-password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .errorlist")).to_be_visible()
    problems += check_both_sizes(page, language, "wrong password")

    page.goto(reverse("assessments:start"))
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("fieldset.question").first).to_be_visible()
    problems += check_both_sizes(page, language, "questions")
    page.locator("button[value=next]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    return problems + check_both_sizes(page, language, "missed answers")


def alex_states(page, language: str) -> list[str]:
    """The phone's menu open, a check-in saved without its answers, an empty log line, the
    password asked again before the data download and its page after, and a concurrent edit."""
    page.goto(reverse("workspace"))
    page.locator(".nav-toggle").click()
    expect(page.locator("#more-links")).to_be_visible()
    problems = serious_problems(page, f"/space/ (menu open) [{language}, phone]")

    page.goto(reverse("programs:checkpoint"))
    page.locator(".checkpoint-form button[type=submit]").click()
    expect(page.locator(".checkpoint-form [role=alert]")).to_be_visible()
    problems += check_both_sizes(page, language, "missing answers")

    page.goto(reverse("programs:step", args=[SECOND, "touch-log"]))
    page.locator(".log-form button[type=submit]").click()
    expect(page.locator(".log-form [role=alert]")).to_be_visible()
    problems += check_both_sizes(page, language, "empty log line")

    page.goto(reverse("export_data"))
    problems += check_both_sizes(page, language, "password asked again")
    page.locator("input[type=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(reverse("export_data") + "$"))
    problems += check_both_sizes(page, language, "ready to download")
    return problems + concurrent_edit(page, language)


def concurrent_edit(page, language: str) -> list[str]:
    """Sam saves a version while Alex changes the same clause: the page that asks whose words
    to keep."""
    agreement = Agreement.objects.get()
    latest = agreement.latest_version
    page.goto(reverse("agreements:edit", args=[agreement.pk]))
    page.locator("textarea[name=clause-0-text]").fill("Alex's words for this clause")
    clauses = latest.clause_texts()
    clauses[0] = replace(clauses[0], text="Sam's words for this clause")
    sam = User.objects.get(email__startswith="sam@")
    propose_version(agreement=agreement, author=sam, base_number=latest.number, clauses=clauses)
    page.locator(".agreement-form button.primary").click()
    expect(page.locator(".collision")).to_have_count(1)
    return check_both_sizes(page, language, "concurrent edit")


def sign_in(context, person: User, base_url: str) -> None:
    """Give the browser a signed-in session (the log-in page is checked as a visitor)."""
    client = Client()
    client.force_login(person)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])


def axe_context(browser, base_url: str, language: str, scheme: str, person=None):
    """A phone-sized browser context in the language and colour scheme, with axe loaded in
    every page, signed in as `person` (a visitor without one)."""
    context = browser.new_context(
        base_url=base_url,
        locale=BROWSER_LOCALE[language],
        viewport=VIEWPORTS["phone"],
        color_scheme=scheme,
    )
    context.add_init_script(AXE_SCRIPT)
    if person is not None:
        sign_in(context, person, base_url)
    return context


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_no_main_page_has_a_serious_or_critical_accessibility_problem(
    browser, live_server, transactional_db, language, scheme
):
    people = demo_people(language)
    states = {"visitor": visitor_states, "alex": alex_states}
    problems = []
    for who, urls in pages_of(people).items():
        context = axe_context(browser, live_server.url, language, scheme, people.get(who))
        page = context.new_page()
        problems += check_pages(page, urls, language)
        if who in states:
            problems += states[who](page, language)
        context.close()

    assert not problems, "\n".join(problems)
