"""The needs dialogue pages: forms without JavaScript, live hints with htmx, privacy, hooks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.dialogue import prepare, reply, start_dialogue
from agreements.models import Need
from couplespace.models import AccessRecord, Care
from tests.conftest import make_couple, make_person
from tests.test_account_data import exported

ALEX_FEAR, ALEX_NEED = "you leave in the middle of a hard talk", "a word that you will come back"
SAM_FEAR, SAM_NEED = "being called cold", "a little time before I answer"


def pair(afraid_of, need, index=0):
    return {f"afraid_of_{index}": afraid_of, f"need_{index}": need}


@pytest.fixture
def dialogue(couple, alex):
    return start_dialogue(alex)


@pytest.fixture
def prepared(dialogue, alex, sam):
    prepare(dialogue=dialogue, person=alex, pairs=[(ALEX_FEAR, ALEX_NEED)])
    prepare(dialogue=dialogue, person=sam, pairs=[(SAM_FEAR, SAM_NEED)])
    return dialogue


def typing(box: str) -> dict:
    """The headers htmx sends as one types in a box of the preparation form."""
    return {"HX-Request": "true", "HX-Trigger-Name": box, "HX-Trigger": f"id_{box}"}


def page(client, dialogue) -> str:
    return client.get(reverse("agreements:dialogue", args=[dialogue.pk])).content.decode()


def test_a_couple_starts_their_dialogue_from_the_agreement_pages(client_for, alex, couple):
    client = client_for(alex)
    assert reverse("agreements:dialogue_index") in client.get("/agreements/").content.decode()

    response = client.post(reverse("agreements:dialogue_start"))

    dialogue = alex.dialogues.get()
    assert response.url == reverse("agreements:dialogue", args=[dialogue.pk])
    index = client.get(reverse("agreements:dialogue_index")).content.decode()
    assert "Your open dialogue" in index
    assert f'href="{response.url}"' in index


def test_someone_without_a_partner_is_told_plainly_it_is_a_reflection(client_for, casey):
    client = client_for(casey)
    client.post(reverse("agreements:dialogue_start"))
    dialogue = casey.dialogues.get()

    response = client.post(
        reverse("agreements:dialogue_prepare", args=[dialogue.pk]), pair("being alone", "calm")
    )

    text = page(client, dialogue)
    assert response.status_code == 302
    assert "You are doing this alone, as a reflection." in text
    assert "It cannot make anyone else listen" in text
    assert "This is for you alone" in text


def test_preparing_saves_and_waits_for_the_partner(client_for, alex, dialogue):
    client = client_for(alex)

    client.post(
        reverse("agreements:dialogue_prepare", args=[dialogue.pk]), pair(ALEX_FEAR, ALEX_NEED)
    )

    assert list(Need.objects.values_list("afraid_of", "need")) == [(ALEX_FEAR, ALEX_NEED)]
    assert "You have prepared. Waiting for Sam" in page(client, dialogue)


def test_blaming_words_get_a_hint_first_and_may_be_kept(client_for, alex, dialogue):
    client = client_for(alex)
    url = reverse("agreements:dialogue_prepare", args=[dialogue.pk])
    typed = pair("being alone", "You never call me when you are late.")

    first = client.post(url, typed)

    text = first.content.decode()
    assert first.status_code == 200
    assert "I need you to call me when you are late." in text
    assert "You never call me when you are late.</textarea>" in text
    assert not Need.objects.exists()

    kept = client.post(url, {**typed, "as_written": "1"})

    assert kept.status_code == 302
    assert list(Need.objects.values_list("need", flat=True)) == [
        "You never call me when you are late."
    ]


def test_htmx_gets_the_hints_as_one_types(client_for, alex, dialogue):
    url = reverse("agreements:dialogue_phrasing", args=[dialogue.pk])

    response = client_for(alex).post(url, pair("你总是很晚回家", ""), headers=typing("afraid_of_0"))

    text = response.content.decode()
    assert text.lstrip().startswith('<div id="hints-afraid_of_0" class="phrasing-hints has-hints"')
    assert "当你很晚回家的时候，我感到……我想试试……" in text
    assert "<html" not in text


def test_the_hint_shows_right_under_the_box_it_is_about(client_for, alex, dialogue):
    url = reverse("agreements:dialogue_prepare", args=[dialogue.pk])

    text = client_for(alex).post(url, pair("being alone", "You're always late.")).text

    box, hint = text.index('id="id_need_0"'), text.index("When you are late, I feel")
    assert text.index('id="hints-need_0"') < hint < text.index('id="id_afraid_of_1"')
    assert box < hint
    assert 'aria-describedby="hints-need_0"' in text
    assert 'name="rewrite" value="need_0:0"' in text


def test_without_javascript_the_rewrite_is_taken_in_place_and_nothing_is_saved(
    client_for, alex, dialogue
):
    url = reverse("agreements:dialogue_prepare", args=[dialogue.pk])
    typed = pair("being alone", "I was worried. It's your fault we missed the train! Hug me.")

    response = client_for(alex).post(url, {**typed, "rewrite": "need_0:0"})

    text = response.text
    assert response.status_code == 200
    assert (
        "I was worried. When we missed the train, I feel … What I need now is … Hug me.</textarea>"
        in text
    )
    assert "being alone</textarea>" in text
    assert 'autofocus id="id_need_0"' in text or 'id="id_need_0" autofocus' in text
    assert not Need.objects.exists()


def test_a_rewrite_that_is_not_one_of_the_hints_changes_nothing(client_for, alex, dialogue):
    url = reverse("agreements:dialogue_prepare", args=[dialogue.pk])

    for choice in ["need_0:3", "need_0:x", "elsewhere:0", ""]:
        response = client_for(alex).post(url, {**pair("a", "You never call."), "rewrite": choice})
        assert response.status_code == 200
        assert "You never call.</textarea>" in response.text


def test_htmx_from_something_other_than_a_box_is_refused(client_for, alex, dialogue):
    url = reverse("agreements:dialogue_phrasing", args=[dialogue.pk])

    response = client_for(alex).post(url, pair("x", "y"), headers=typing("csrfmiddlewaretoken"))

    assert response.status_code == 400


def test_htmx_gets_an_empty_hint_area_for_kind_words(client_for, alex, dialogue):
    url = reverse("agreements:dialogue_phrasing", args=[dialogue.pk])

    response = client_for(alex).post(url, pair("", "I need a hug"), headers=typing("need_0"))

    assert "<li>" not in response.content.decode()


def test_a_box_pasted_full_gets_a_short_answer_that_says_how_much_fits(client_for, alex, dialogue):
    url = reverse("agreements:dialogue_phrasing", args=[dialogue.pk])
    pasted = "You never listen to me. " * 100_000  # 2.4 MB, each sentence a blaming one

    response = client_for(alex).post(url, pair(pasted, ""), headers=typing("afraid_of_0"))

    assert len(response.content) < 2_000
    assert "A box holds up to 1000 characters" in response.content.decode()
    assert "<li>" not in response.content.decode()


def test_half_a_pair_is_refused_and_what_was_typed_stays(client_for, alex, dialogue):
    response = client_for(alex).post(
        reverse("agreements:dialogue_prepare", args=[dialogue.pk]), pair("being alone", "")
    )

    text = response.content.decode()
    assert response.status_code == 400
    assert "Say what you need, next to what you fear." in text
    assert "being alone</textarea>" in text


def test_an_empty_preparation_asks_for_one_pair(client_for, alex, dialogue):
    response = client_for(alex).post(reverse("agreements:dialogue_prepare", args=[dialogue.pk]))

    assert response.status_code == 400
    assert "Write at least one fear and one need." in response.content.decode()


def test_the_partners_words_show_only_once_both_have_written(client_for, alex, sam, dialogue):
    prepare(dialogue=dialogue, person=alex, pairs=[(ALEX_FEAR, ALEX_NEED)])

    assert ALEX_NEED not in page(client_for(sam), dialogue)

    prepare(dialogue=dialogue, person=sam, pairs=[(SAM_FEAR, SAM_NEED)])

    text = page(client_for(sam), dialogue)
    assert ALEX_NEED in text
    assert SAM_NEED in text
    assert "Turn 1: Alex speaks, Sam listens" in text
    assert "What I heard you say" in text


def test_a_turn_is_taken_through_the_forms(client_for, alex, sam, prepared):
    url = reverse("agreements:dialogue_reply", args=[prepared.pk])

    client_for(sam).post(url, {"kind": "heard", "text": "You need to know I will come back."})
    text = page(client_for(alex), prepared)
    assert "Sam heard:" in text
    assert "Yes, that’s it" in text
    client_for(alex).post(url, {"kind": "confirmed"})

    text = page(client_for(alex), prepared)
    assert "Alex: “Yes, that’s it.”" in text
    assert "Turn 2: Sam speaks, Alex listens" in text


def test_an_empty_reflection_is_refused_with_a_message(client_for, sam, prepared):
    response = client_for(sam).post(
        reverse("agreements:dialogue_reply", args=[prepared.pk]), {"kind": "heard", "text": " "}
    )

    assert response.status_code == 400
    assert "Write a few words first." in response.content.decode()


def test_writing_out_of_turn_is_explained(client_for, alex, prepared):
    response = client_for(alex).post(
        reverse("agreements:dialogue_reply", args=[prepared.pk]),
        {"kind": "heard", "text": "words"},
        follow=True,
    )

    assert "It is not your turn to write this." in response.content.decode()


def test_after_a_break_up_the_page_keeps_only_ones_own_words_and_no_forms(
    client_for, alex, sam, couple, prepared
):
    couple.end()

    text = page(client_for(sam), prepared)
    assert "This dialogue is archived" in text
    assert SAM_NEED in text
    assert ALEX_NEED not in text
    assert "What I heard you say" not in text


def test_the_workspace_says_whose_turn_it_is(client_for, alex, sam, prepared):
    assert "It’s your turn in the needs dialogue" in client_for(sam).get("/space/").content.decode()
    assert "needs dialogue" not in client_for(alex).get("/space/").content.decode()


def test_the_workspace_points_a_new_couple_to_the_dialogue(client_for, alex, couple):
    text = client_for(alex).get("/space/").content.decode()

    assert "Before the agreement: say what you fear and need, and listen" in text
    assert reverse("agreements:dialogue_index") in text


def test_the_privacy_page_says_who_reads_the_dialogue(client_for, alex, casey, prepared):
    assert "Your partner, once you have both prepared; before that, only you." in (
        client_for(alex).get(reverse("privacy")).text
    )
    prepare(dialogue=start_dialogue(casey), person=casey, pairs=[("a", "b")])
    assert "Only you: without a partner taking part, it is a reflection." in (
        client_for(casey).get(reverse("privacy")).text
    )


def test_the_export_holds_what_i_wrote_and_nothing_of_my_partners(client_for, alex, sam, prepared):
    reply(dialogue=prepared, person=sam, kind="heard", text="Sam's words")

    data, csvs = exported(client_for(alex))

    assert [(n["afraid_of"], n["need"]) for n in data["dialogue_needs_i_prepared"]] == [
        (ALEX_FEAR, ALEX_NEED)
    ]
    assert data["dialogue_replies_i_wrote"] == []
    assert SAM_NEED not in str(data)
    assert ALEX_NEED in csvs["csv/dialogue_needs_i_prepared.csv"]


def test_a_therapist_reads_only_the_clients_revealed_words(client_for, theo, alex, sam, dialogue):
    Care.objects.create(therapist=theo, email=alex.email).accept(alex, {"dialogue"})
    care = Care.objects.get()
    url = reverse("agreements:dialogue_for_therapist", args=[care.pk])
    prepare(dialogue=dialogue, person=alex, pairs=[(ALEX_FEAR, ALEX_NEED)])

    assert ALEX_NEED not in client_for(theo).get(url).content.decode()

    prepare(dialogue=dialogue, person=sam, pairs=[(SAM_FEAR, SAM_NEED)])
    reply(dialogue=dialogue, person=sam, kind="heard", text="Sam heard this.")
    reply(dialogue=dialogue, person=alex, kind="missed", text="Alex added this.")

    text = client_for(theo).get(url).content.decode()
    assert ALEX_NEED in text
    assert "Alex added this." in text
    assert SAM_NEED not in text
    assert "Sam heard this." not in text
    assert list(AccessRecord.objects.values_list("kind", "openings")) == [("dialogue", 2)]


def test_the_page_reads_the_same_number_of_queries_however_long_the_dialogue(
    client_for, alex, sam, prepared
):
    def count():
        client = client_for(alex)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("agreements:dialogue", args=[prepared.pk])).status_code == 200
        return len(queries)

    small = count()
    others = make_couple(make_person("kim"), make_person("lee"))
    start_dialogue(others.members[0])
    for _ in range(3):
        reply(dialogue=prepared, person=sam, kind="heard", text="heard")
        reply(dialogue=prepared, person=alex, kind="missed", text="missed")
    reply(dialogue=prepared, person=sam, kind="heard", text="heard")
    reply(dialogue=prepared, person=alex, kind="confirmed")
    reply(dialogue=prepared, person=alex, kind="heard", text="heard")
    large = count()

    assert small == large == 8  # six for the page, one per writer for their key


def finish(dialogue, alex, sam):
    reply(dialogue=dialogue, person=sam, kind="heard", text="You need a word.")
    reply(dialogue=dialogue, person=alex, kind="confirmed")
    reply(dialogue=dialogue, person=alex, kind="heard", text="You need time.")
    reply(dialogue=dialogue, person=sam, kind="confirmed")


def test_a_couple_talks_again_and_the_first_dialogue_stays_readable(
    client_for, alex, sam, prepared
):
    finish(prepared, alex, sam)
    client = client_for(sam)

    index = client.get(reverse("agreements:dialogue_index")).content.decode()
    assert "Start a new dialogue" in index
    assert "both of you were heard" in index
    second = client.post(reverse("agreements:dialogue_start"))

    assert second.url != reverse("agreements:dialogue", args=[prepared.pk])
    assert "Step 1: prepare alone." in client.get(second.url).content.decode()
    first = page(client_for(alex), prepared)
    assert ALEX_NEED in first
    assert SAM_NEED in first
    assert "Prepare alone" not in first


def test_the_list_shows_the_open_dialogue_then_the_past_ones_newest_first(
    client_for, alex, sam, prepared
):
    finish(prepared, alex, sam)
    set_aside = start_dialogue(alex)
    client_for(alex).post(reverse("agreements:dialogue_again", args=[set_aside.pk]))
    open_one = alex.dialogues.get(closed_at__isnull=True)

    index = client_for(sam).get(reverse("agreements:dialogue_index")).content.decode()

    links = [reverse("agreements:dialogue", args=[d.pk]) for d in (open_one, set_aside, prepared)]
    assert [index.index(f'href="{link}"') for link in links] == sorted(
        index.index(f'href="{link}"') for link in links
    )
    assert "set aside before the end" in index
    assert "Start a new dialogue" not in index


def test_a_dialogue_set_aside_is_read_only_for_both(client_for, alex, sam, prepared):
    response = client_for(sam).post(reverse("agreements:dialogue_again", args=[prepared.pk]))

    assert response.url != reverse("agreements:dialogue", args=[prepared.pk])
    text = page(client_for(alex), prepared)
    assert "This dialogue was set aside before the end" in text
    assert ALEX_NEED in text
    assert "What I heard you say" not in page(client_for(sam), prepared)
    refused = client_for(sam).post(
        reverse("agreements:dialogue_reply", args=[prepared.pk]),
        {"kind": "heard", "text": "late words"},
        follow=True,
    )
    assert "This dialogue is closed" in refused.content.decode()


def test_past_dialogues_are_404_to_strangers_and_therapists_without_consent(
    client_for, alex, sam, casey, theo, prepared
):
    finish(prepared, alex, sam)
    start_dialogue(alex)
    Care.objects.create(therapist=theo, email=alex.email).accept(alex, set())
    url = reverse("agreements:dialogue", args=[prepared.pk])

    assert client_for(alex).get(url).status_code == 200
    assert client_for(casey).get(url).status_code == 404
    assert client_for(theo).get(url).status_code == 404
    assert (
        "Dialogue started"
        not in client_for(casey).get(reverse("agreements:dialogue_index")).content.decode()
    )


def test_the_turn_in_a_second_dialogue_reaches_today(client_for, alex, sam, prepared):
    finish(prepared, alex, sam)
    assert "your turn in the needs dialogue" not in client_for(sam).get("/space/").text
    second = start_dialogue(alex)

    prepare(dialogue=second, person=alex, pairs=[("a new fear", "a new need")])

    workspace = client_for(sam).get("/space/").content.decode()
    assert "It’s your turn in the needs dialogue" in workspace
    assert f'href="{reverse("agreements:dialogue", args=[second.pk])}"' in workspace


def test_the_export_holds_my_words_from_every_dialogue(client_for, alex, sam, prepared):
    finish(prepared, alex, sam)
    second = start_dialogue(alex)
    prepare(dialogue=second, person=alex, pairs=[("a new fear", "a new need")])

    data, _csvs = exported(client_for(alex))

    assert [(n["dialogue"], n["need"]) for n in data["dialogue_needs_i_prepared"]] == [
        (prepared.pk, ALEX_NEED),
        (second.pk, "a new need"),
    ]
