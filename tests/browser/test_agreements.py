"""alex writes the first version from the ideas, sam accepts it, and it is active for both."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from agreements.models import Agreement
from agreements.versions import accept_version, propose_version
from tests.agreements.conftest import PAUSE, SIGNAL
from tests.browser.conftest import log_in
from tests.reminders import dispatch


def test_both_partners_accept_an_agreement(new_page, alex, sam, couple):
    alex_page = new_page()
    log_in(alex_page, alex)
    alex_page.get_by_role("link", name="Agreement", exact=True).click()
    alex_page.get_by_role("button", name="Start our agreement").click()

    ideas = alex_page.locator(".templates li")
    ideas.filter(has_text="lighthouse").get_by_role("button", name="Add this").click()
    expect(alex_page.get_by_role("group", name="Clause 1")).to_be_visible()
    ideas.filter(has_text="for up to 60 minutes").get_by_role("button", name="Add this").click()
    pause = alex_page.get_by_role("group", name="Clause 2")
    expect(pause.get_by_label("Longest pause, in minutes")).to_have_value("60")
    pause.get_by_label("Longest pause, in minutes").fill("30")
    alex_page.get_by_role("button", name="Save and propose").click()
    expect(alex_page.get_by_text("Version 1 is saved.")).to_be_visible()
    expect(alex_page.get_by_text("waiting for Sam")).to_be_visible()

    sam_page = new_page()
    log_in(sam_page, sam)
    expect(
        sam_page.get_by_role("heading", name="Alex proposed version 1 of your agreement")
    ).to_be_visible()
    sam_page.get_by_role("link", name="Read it").click()
    expect(sam_page.get_by_text("At most 30 minutes.")).to_be_visible()
    sam_page.get_by_role("button", name="Accept version 1").click()

    expect(
        sam_page.get_by_text("You have both accepted: this version is now active.")
    ).to_be_visible()
    alex_page.reload()
    expect(alex_page.get_by_role("heading", name="Active: version 1")).to_be_visible()


def test_the_pause_length_shows_only_for_a_pause_rule(new_page, alex, couple):
    page = new_page()
    log_in(page, alex)
    page.goto("/agreements/")
    page.get_by_role("button", name="Start our agreement").click()
    page.get_by_role("button", name="Add an empty clause").click()
    clause = page.get_by_role("group", name="Clause 1")

    expect(clause.get_by_label("Longest pause, in minutes")).to_be_hidden()
    clause.get_by_label("Kind of clause").select_option(label="Pause rule")
    expect(clause.get_by_label("Longest pause, in minutes")).to_be_visible()


def signal_sent(new_page, alex, sam, couple):
    """An agreement both accepted, alex and sam signed in, and alex's signal sent."""
    agreement = Agreement.for_couple(couple)
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL, PAUSE])
    accept_version(agreement=agreement, person=sam, number=1)
    alex_page, sam_page = new_page(), new_page()
    log_in(alex_page, alex)
    log_in(sam_page, sam)
    alex_page.goto(f"/agreements/{agreement.pk}/")
    alex_page.get_by_role("button", name="Send our signal").click()
    expect(alex_page.get_by_text("Your signal is sent.")).to_be_visible()
    return agreement, alex_page, sam_page


def test_a_signal_is_answered_and_a_pause_ends_with_both_nudged(new_page, alex, sam, couple):
    agreement, alex_page, sam_page = signal_sent(new_page, alex, sam, couple)

    sam_page.goto(f"/agreements/{agreement.pk}/")
    sam_page.get_by_role("button", name="I’m here").click()
    expect(sam_page.get_by_text("signal from Alex · answered in")).to_be_visible()

    alex_page.get_by_label("How long, in minutes").fill("1")
    alex_page.get_by_role("button", name="I need a pause").click()
    sam_page.reload()
    expect(
        sam_page.get_by_role("heading", name=re.compile("Alex asked for a pause until"))
    ).to_be_visible()

    dispatch(timezone.now() + timedelta(minutes=2))
    for page in (alex_page, sam_page):
        page.get_by_role("link", name="Notifications").click()
        expect(page.get_by_text("The pause is over")).to_be_visible()
    sam_page.goto(f"/agreements/{agreement.pk}/")
    expect(sam_page.get_by_text("Alex paused for 1 minute ·")).to_be_visible()


def test_someone_on_their_own_writes_and_changes_commitments_to_themself(new_page, casey):
    page = new_page()
    log_in(page, casey)
    page.get_by_role("link", name="Agreement", exact=True).click()
    page.get_by_role("link", name="Write commitments to myself").click()

    page.get_by_label("I commit to …").fill("When I feel the old panic, I breathe before I answer.")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("Added to your commitments.")).to_be_visible()
    page.get_by_role("link", name="Change commitment 1").click()
    page.get_by_label("I commit to …").fill("I call Jo on Sundays.")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Your commitment is changed.")).to_be_visible()
    expect(page.locator(".commitments")).to_have_text(re.compile(r"^\s*I call Jo on Sundays\."))


def test_a_signal_and_its_answer_are_in_the_partners_notifications_at_once(
    new_page, alex, sam, couple
):
    agreement, alex_page, sam_page = signal_sent(new_page, alex, sam, couple)

    sam_page.get_by_role("link", name="Notifications").click()  # no dispatcher has run
    expect(sam_page.get_by_text("Your partner sent your agreed signal")).to_be_visible()
    sam_page.goto(f"/agreements/{agreement.pk}/")
    sam_page.get_by_role("button", name="I’m here").click()

    alex_page.get_by_role("link", name="Notifications").click()
    expect(alex_page.get_by_text("Your partner is here")).to_be_visible()


def test_on_a_concurrent_edit_sam_keeps_his_words_for_one_clause_and_alexs_for_another(
    new_page, alex, sam, couple
):
    agreement = Agreement.for_couple(couple)
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL, PAUSE])
    page = new_page()
    log_in(page, sam)
    page.goto(f"/agreements/{agreement.pk}/edit/")
    page.get_by_role("group", name="Clause 1").get_by_label("What we agree").fill(
        "Sam's lighthouse words"
    )
    page.get_by_role("group", name="Clause 2").get_by_label("What we agree").fill(
        "Sam's pause words"
    )
    alex_signal = SIGNAL.__class__(SIGNAL.key, "signal", "Alex's lighthouse words")
    alex_pause = PAUSE.__class__(PAUSE.key, "pause_rule", "Alex's pause words", 20)
    propose_version(
        agreement=agreement, author=alex, base_number=1, clauses=[alex_signal, alex_pause]
    )
    page.get_by_role("button", name="Save and propose").click()

    expect(
        page.get_by_role("heading", name="Alex saved version 2 while you were editing")
    ).to_be_visible()
    choices = page.get_by_role("group", name="Which words to keep for this clause?")
    expect(choices).to_have_count(2)
    signal = choices.filter(has_text="Sam's lighthouse words")
    expect(signal.get_by_role("radio", name="Keep Alex's")).to_be_checked()
    signal.get_by_role("radio", name="Keep mine").check()
    page.get_by_role("button", name="Save mine as the next version").click()

    expect(page.get_by_text("Version 3 is saved.")).to_be_visible()
    texts = [clause.text for clause in agreement.versions.get(number=3).clause_texts()]
    assert texts == ["Sam's lighthouse words", "Alex's pause words"]
