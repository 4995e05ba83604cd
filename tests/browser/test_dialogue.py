"""alex and sam prepare alone, then take a turn each: share, say back what was heard, confirm."""

from playwright.sync_api import expect

from agreements.dialogue import prepare, reply, start_dialogue
from tests.browser.conftest import log_in

ALEX_FEAR = "that you will stop wanting me"
ALEX_NEED = "to hear it when you are simply tired"
SAM_FEAR = "letting you down without knowing how"
SAM_NEED = "you to tell me early what you need"


def write_pair(page, afraid_of, need):
    pair = page.get_by_role("group", name="Pair 1")
    pair.get_by_label("I’m afraid of …").fill(afraid_of)
    pair.get_by_label("I need …").fill(need)
    page.get_by_role("button", name="Save", exact=True).click()


def say_back(page, words):
    page.get_by_label("What I heard you say").fill(words)
    page.get_by_role("button", name="Send what I heard").click()


def test_two_partners_prepare_and_take_a_turn_each(new_page, alex, sam, couple):
    alex_page, sam_page = new_page(), new_page()
    log_in(alex_page, alex)
    alex_page.get_by_role("link", name="Agreement", exact=True).click()
    alex_page.get_by_role("link", name="Needs dialogue: what each of you fears").click()
    alex_page.get_by_role("button", name="Start our dialogue").click()
    write_pair(alex_page, ALEX_FEAR, ALEX_NEED)
    expect(alex_page.get_by_text("You have prepared. Waiting for Sam")).to_be_visible()

    log_in(sam_page, sam)
    turn = sam_page.get_by_role("region", name="It’s your turn in the needs dialogue")
    turn.get_by_role("link", name="Open the dialogue").click()
    expect(sam_page.get_by_text("Step 1: prepare alone.")).to_be_visible()
    expect(sam_page.get_by_text(ALEX_NEED)).to_have_count(0)
    write_pair(sam_page, SAM_FEAR, SAM_NEED)

    turn_one = sam_page.get_by_role("region", name="Turn 1: Alex speaks, Sam listens")
    expect(turn_one.get_by_text(ALEX_NEED)).to_be_visible()
    expect(sam_page.get_by_role("heading", name="Listening guide")).to_be_visible()
    say_back(sam_page, "You are afraid I will stop wanting you.")

    alex_page.reload()
    expect(alex_page.get_by_text(SAM_NEED)).to_be_visible()
    expect(alex_page.get_by_text("You are afraid I will stop wanting you.")).to_be_visible()
    alex_page.get_by_role("button", name="Yes, that’s it").click()
    expect(alex_page.get_by_text("You have been heard. Thank you both.")).to_be_visible()

    turn_two = alex_page.get_by_role("region", name="Turn 2: Sam speaks, Alex listens")
    expect(turn_two.get_by_text(SAM_NEED)).to_be_visible()
    say_back(alex_page, "You want me to say early what I need.")

    sam_page.reload()
    sam_page.get_by_role("button", name="Yes, that’s it").click()
    expect(sam_page.get_by_text("You have both spoken and both been heard.")).to_be_visible()
    alex_page.reload()
    expect(alex_page.get_by_role("heading", name="Next: your security agreement")).to_be_visible()


def test_the_phrasing_helper_offers_a_need_as_one_types(phone, alex, couple):
    log_in(phone, alex)
    phone.goto("/agreements/dialogue/")
    phone.get_by_role("button", name="Start our dialogue").click()

    pair = phone.get_by_role("group", name="Pair 1")
    pair.get_by_label("I need …").fill("You never call me when you are late.")

    expect(phone.get_by_text("I need you to call me when you are late.")).to_be_visible()
    pair.get_by_label("I need …").fill("A call when you are late.")
    expect(phone.get_by_text("I need you to call me when you are late.")).to_have_count(0)


def test_a_rewrite_shows_beside_the_box_and_is_taken_with_one_tap(phone, alex, couple):
    log_in(phone, alex)
    phone.goto("/agreements/dialogue/")
    phone.get_by_role("button", name="Start our dialogue").click()
    pair = phone.get_by_role("group", name="Pair 1")
    pair.get_by_label("I’m afraid of …").fill("being forgotten")
    box = pair.get_by_label("I need …")

    box.press_sequentially("you're always late")

    rewrite = "When you are late, I feel … I'd like to try …"
    hint = phone.locator("#hints-need_0")
    expect(hint.get_by_text(rewrite)).to_be_visible()
    below, under = box.bounding_box(), hint.bounding_box()
    assert 0 <= under["y"] - (below["y"] + below["height"]) < 40  # right under the box
    hint.get_by_role("button", name="Use this wording").click()

    expect(box).to_have_value(rewrite)
    expect(box).to_be_focused()
    assert box.evaluate("b => b.value.slice(b.selectionStart, b.selectionEnd)") == "…"
    phone.keyboard.type("left waiting")
    expect(box).to_have_value("When you are late, I feel left waiting I'd like to try …")
    expect(hint.get_by_role("button", name="Use this wording")).to_have_count(0)
    expect(pair.get_by_label("I’m afraid of …")).to_have_value("being forgotten")


def test_a_couple_talks_again_and_the_first_dialogue_stays_readable(new_page, alex, sam, couple):
    first = start_dialogue(alex)
    prepare(dialogue=first, person=alex, pairs=[(ALEX_FEAR, ALEX_NEED)])
    prepare(dialogue=first, person=sam, pairs=[(SAM_FEAR, SAM_NEED)])
    for person, kind, text in [
        (sam, "heard", "You fear I will stop wanting you."),
        (alex, "confirmed", ""),
        (alex, "heard", "You want to hear early what I need."),
        (sam, "confirmed", ""),
    ]:
        reply(dialogue=first, person=person, kind=kind, text=text)
    page = new_page()
    log_in(page, alex)

    page.goto("/agreements/dialogue/")
    page.get_by_role("button", name="Start a new dialogue").click()
    expect(page.get_by_text("Step 1: prepare alone.")).to_be_visible()
    write_pair(page, "that we drift into logistics", "an evening that is only ours")
    page.get_by_role("link", name="All our dialogues").click()

    expect(page.get_by_role("heading", name="Your open dialogue")).to_be_visible()
    earlier = page.get_by_role("region", name="Earlier dialogues")
    earlier.get_by_role("link", name="Dialogue started").click()
    expect(page.get_by_text("You fear I will stop wanting you.")).to_be_visible()
    expect(page.get_by_text(SAM_NEED)).to_be_visible()
    expect(page.get_by_role("heading", name="Prepare alone")).to_have_count(0)
