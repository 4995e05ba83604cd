"""Share any entry with the partner, one at a time: the one switch on every kind's page, the
partner's page that lists what was shared, and what happens when sharing stops."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from agreements.models import Commitment
from couplespace.models import Care
from couplespace.privacy import share_key, shareable_models
from couplespace.therapy import share_kind, share_kinds
from programs.models import Checkpoint, Debrief, PracticeEntry
from tests.conftest import make_couple, make_person
from tests.programs_helpers import enrol, load_program, write_checkpoints


def practice_line(person, enrollment, kind, text, **fields) -> PracticeEntry:
    return PracticeEntry.objects.create(
        author=person,
        enrollment=enrollment,
        kind=kind,
        text=text,
        local_date=person.local_today(),
        day=enrollment.day_today(person),
        **fields,
    )


def debrief(person, high, days_ago=0, **fields) -> Debrief:
    return Debrief.objects.create(
        author=person,
        local_date=person.local_today() - timedelta(days=days_ago),
        high=high,
        low="",
        **fields,
    )


def commitment(person, text, **fields) -> Commitment:
    return Commitment.objects.create(person=person, text=text, **fields)


@pytest.fixture
def together(alex, sam, couple):
    load_program()
    return enrol(alex, day=23, together=True)


@pytest.fixture
def alex_writes(alex, together):
    """One entry of every kind the partner's page lists, by alex, each private, by page."""
    return {
        "practice": [
            practice_line(alex, together, "deposit", "Coffee in bed and the cat."),
            practice_line(alex, together, "success", "I asked for a hug."),
            practice_line(alex, together, "moment", "Sam went quiet.", went="better"),
        ],
        "rituals": [debrief(alex, "A long walk after dinner.")],
        "commitments": [commitment(alex, "I breathe before I answer.")],
    }


PAGES = {
    "practice": "programs:practice",
    "rituals": "programs:rituals",
    "commitments": "agreements:commitments",
}


def share_url(entry) -> str:
    return reverse("share_entry", args=[share_key(type(entry)), entry.pk])


def words(entry) -> str:
    return getattr(entry, "text", None) or entry.high


def test_every_shareable_kind_has_a_page_to_come_back_to_and_a_place_on_the_partners():
    for model in shareable_models():
        assert callable(getattr(model, "get_absolute_url", None)), model
        assert model is Checkpoint or model.shared_template, model


@pytest.mark.parametrize("page", PAGES)
def test_each_entry_is_private_and_its_switch_says_who_would_see_it(
    client_for, alex, alex_writes, page
):
    html = client_for(alex).get(reverse(PAGES[page])).text

    for entry in alex_writes[page]:
        assert f'action="{share_url(entry)}"' in html
    assert html.count("Share with Sam") == len(alex_writes[page])
    assert "Shared with Sam" not in html


@pytest.mark.parametrize("page", PAGES)
def test_shared_the_partner_sees_it_and_unshared_no_longer(
    client_for, alex, sam, alex_writes, page
):
    partner_page = reverse("programs:partner")
    for entry in alex_writes[page]:
        assert words(entry) not in client_for(sam).get(partner_page).text

        client_for(alex).post(share_url(entry), {"shared": "1"})
        assert words(entry) in client_for(sam).get(partner_page).text
        own = client_for(alex).get(reverse(PAGES[page])).text
        assert "Shared with Sam" in own and "Stop sharing" in own

        client_for(alex).post(share_url(entry), {"shared": "0"})
        assert words(entry) not in client_for(sam).get(partner_page).text


def test_the_switch_answers_htmx_with_itself(client_for, alex, alex_writes):
    [note] = alex_writes["rituals"]

    response = client_for(alex).post(share_url(note), {"shared": "1"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "Shared with Sam" in response.text and "Stop sharing" in response.text
    assert response.text.lstrip().startswith("<form")
    assert f'id="share-programs-debrief-{note.pk}"' in response.text
    note.refresh_from_db()
    assert note.shared_with_partner


def test_without_javascript_the_switch_leads_back_to_the_entry(client_for, alex, alex_writes):
    [note] = alex_writes["commitments"]

    response = client_for(alex).post(share_url(note), {"shared": "1"}, follow=True)

    assert response.redirect_chain[-1][0] == (
        reverse("agreements:commitments") + f"#share-agreements-commitment-{note.pk}"
    )
    assert "Shared with Sam." in response.text


def test_the_partners_page_groups_what_was_shared_and_shows_nothing_else(
    client_for, alex, sam, together, alex_writes
):
    for entry in [*alex_writes["practice"][:2], *alex_writes["rituals"]]:
        entry.share_with_partner(True)

    page = client_for(sam).get(reverse("programs:partner"))

    headings = [section.heading for section in page.context["sections"]]
    assert headings == ["Good moments together", "Small successes", "Evening debriefs"]
    assert "Coffee in bed" in page.text and "A long walk" in page.text
    assert "Sam went quiet" not in page.text  # the moment alex keeps private
    assert "I breathe" not in page.text
    assert "Share with" not in page.text and "Stop sharing" not in page.text


def test_a_new_entry_is_private(client_for, alex, sam, together):
    client_for(alex).post(reverse("programs:practice"), {"kind": "success", "text": "I asked."})
    client_for(alex).post(reverse("programs:debrief"), {"high": "The walk.", "low": ""})
    client_for(alex).post(reverse("agreements:commitments"), {"text": "I breathe."})

    assert not PracticeEntry.objects.get().shared_with_partner
    assert not Debrief.objects.get().shared_with_partner
    assert not Commitment.objects.get().shared_with_partner
    assert client_for(sam).get(reverse("programs:partner")).context["sections"] == []


def test_without_a_partner_nothing_can_be_shared(client_for, casey):
    note = commitment(casey, "I rest on Sundays.")

    page = client_for(casey).get(reverse("agreements:commitments")).text
    response = client_for(casey).post(share_url(note), {"shared": "1"}, follow=True)

    assert "Share with" not in page and "Private" in page
    assert "You are not in a couple now, so it stays private." in response.text
    note.refresh_from_db()
    assert not note.shared_with_partner


def test_leaving_the_couple_unshares_every_kind(client_for, alex, sam, together, alex_writes):
    entries = [entry for kind in alex_writes.values() for entry in kind]
    entries += write_checkpoints(alex, together, 2)
    for entry in entries:
        entry.share_with_partner(True)

    client_for(sam).post(reverse("leave_couple"))

    for entry in entries:
        entry.refresh_from_db()
        assert not entry.shared_with_partner, entry
    make_couple(alex, casey := make_person("casey"))
    page = client_for(casey).get(reverse("programs:partner"))
    assert page.context["sections"] == [] and page.context.get("entries", []) == []


def test_the_partners_page_reads_the_same_number_of_queries_however_much_was_shared(client_for, db):
    load_program()
    counts = []
    for name, number in (("few", 2), ("many", 40)):
        writer, reader = make_person(f"{name}writer"), make_person(f"{name}reader")
        make_couple(writer, reader)
        enrollment = enrol(writer, day=23, together=True)
        write_checkpoints(writer, enrollment, number, shared_with_partner=True)
        for index in range(number):
            for kind in PracticeEntry.Kind.values:
                practice_line(writer, enrollment, kind, f"line {index}", shared_with_partner=True)
            debrief(writer, f"high {index}", days_ago=index, shared_with_partner=True)
            commitment(writer, f"promise {index}", shared_with_partner=True)
        client = client_for(reader)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("programs:partner"))
        assert page.status_code == 200
        assert len(page.context["sections"]) == 5
        counts.append(len(queries))

    assert counts[0] == counts[1]


# The therapist: consent stays per kind, and the consent page says what each kind shows,
# including what the client keeps private from their partner; the therapist sees just that.


def therapist_pages(care) -> list[str]:
    """Every page of a client's data a therapist can open, for the kinds they may see."""
    return [reverse("therapist_client", args=[care.pk])] + [
        reverse(kind.url_name, args=[care.pk])
        for kind in share_kinds()
        if kind.key in care.shared_kinds()
    ]


def seen_by(client, care) -> str:
    return "".join(client.get(url).text for url in therapist_pages(care))


@pytest.fixture
def alex_keeps_from_sam(alex, together):
    """What alex writes and keeps private from sam: a check-in, a practice line, a debrief,
    a commitment."""
    [check_in] = write_checkpoints(alex, together, 1, affected="the late shift again")
    return {
        "check_in": check_in,
        "practice": practice_line(alex, together, "moment", "I wanted to run away."),
        "debrief": debrief(alex, "The quiet bus ride."),
        "commitment": commitment(alex, "I name the fear first."),
    }


def test_the_consent_pages_say_what_each_kind_shows(client_for, alex, theo):
    care = Care.objects.create(therapist=theo, email=alex.email)

    invitation = client_for(alex).get(reverse("care_invitation", args=[care.token])).text
    care.accept(alex, set())
    privacy = client_for(alex).get(reverse("privacy")).text

    for page in (invitation, privacy):
        for kind in share_kinds():
            assert kind.description, kind.key
            assert escape(str(kind.description)) in page
        assert "a therapist sees nothing that is not listed here" in page
    for key in ("practice_log", "checkpoint_summaries", "checkpoint_entries"):
        assert "private from your partner too" in str(share_kind(key).description)


def test_with_the_practice_log_the_therapist_reads_the_private_lines_too(
    client_for, alex, theo, alex_keeps_from_sam
):
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, {"practice_log"})

    seen = seen_by(client_for(theo), care)

    assert "I wanted to run away." in seen
    assert "the late shift again" not in seen


def test_with_check_in_summaries_the_therapist_reads_numbers_and_no_words(
    client_for, alex, theo, alex_keeps_from_sam
):
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, {"checkpoint_summaries"})

    page = client_for(theo).get(reverse("programs:summaries_for_therapist", args=[care.pk]))

    assert page.context["summary"].count == 1  # the private check-in counts
    assert "the late shift again" not in seen_by(client_for(theo), care)
    assert "Program day 23" in client_for(theo).get(therapist_pages(care)[0]).text


def test_with_check_in_entries_the_therapist_reads_the_private_words_too(
    client_for, alex, theo, alex_keeps_from_sam
):
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, {"checkpoint_entries"})

    assert "the late shift again" in seen_by(client_for(theo), care)


def test_debriefs_and_commitments_are_never_shown_to_a_therapist(
    client_for, alex, theo, alex_keeps_from_sam
):
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, {kind.key for kind in share_kinds()})
    alex_keeps_from_sam["debrief"].share_with_partner(True)
    alex_keeps_from_sam["commitment"].share_with_partner(True)

    seen = seen_by(client_for(theo), care)

    assert "The quiet bus ride." not in seen and "I name the fear first." not in seen
    assert "I wanted to run away." in seen and "the late shift again" in seen


def test_sharing_with_the_partner_changes_nothing_the_therapist_sees(
    client_for, alex, theo, alex_keeps_from_sam
):
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, {"practice_log"})
    before = client_for(theo).get(reverse("programs:practice_for_therapist", args=[care.pk]))

    alex_keeps_from_sam["practice"].share_with_partner(True)
    after = client_for(theo).get(reverse("programs:practice_for_therapist", args=[care.pk]))

    assert before.context["entries"] == after.context["entries"]


def test_the_privacy_page_counts_what_is_shared_of_each_kind(client_for, alex, alex_writes):
    alex_writes["practice"][0].share_with_partner(True)

    page = client_for(alex).get(reverse("privacy"))

    who = {line.kind: line.who_sees for line in page.context["summary"]}
    assert who["Practice log"] == "Shared with Sam: 1 of 3. The rest are private."
    assert who["Evening debriefs"] == "Shared with Sam: 0 of 1. The rest are private."
    assert who["Commitments to myself"] == "Shared with Sam: 0 of 1. The rest are private."


def test_the_switch_and_the_partners_page_speak_chinese(client_for, alex, sam, alex_writes):
    alex_writes["rituals"][0].share_with_partner(True)
    for person in (alex, sam):
        person.language = "zh-hans"
        person.save(update_fields=["language"])

    rituals = client_for(alex).get(reverse("programs:rituals")).text
    partner = client_for(sam).get(reverse("programs:partner")).text
    commitments = client_for(alex).get(reverse("agreements:commitments")).text

    assert "已与 Sam 分享" in rituals and "停止分享" in rituals
    assert "与 Sam 分享" in commitments and "除非你分享其中一条" in commitments
    assert "晚间复盘" in partner and "A long walk after dinner." in partner
    assert "这里只显示 Alex 逐条选择分享的内容。" in partner


def test_a_partner_who_follows_no_program_can_still_share_a_commitment(
    client_for, alex, sam, couple
):
    note = commitment(alex, "I ask before I assume.")
    client_for(alex).post(share_url(note), {"shared": "1"})

    page = client_for(sam).get(reverse("programs:partner"))

    assert page.status_code == 200
    assert "I ask before I assume." in page.text
    assert "has not shared any check-ins" not in page.text
