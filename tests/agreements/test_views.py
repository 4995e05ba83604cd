import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Agreement
from agreements.versions import accept_version, propose_version
from tests.agreements.conftest import PAUSE, RESPONSE, SIGNAL


def management(total, prefix="clause"):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(total)}


def clause_fields(index, clause):
    return {
        f"clause-{index}-key": clause.key,
        f"clause-{index}-kind": clause.kind,
        f"clause-{index}-text": clause.text,
        f"clause-{index}-minutes": clause.minutes or "",
    }


def edit_post(clauses, base, **extra):
    data = {**management(len(clauses)), "base": base, "note": ""}
    for index, clause in enumerate(clauses):
        data.update(clause_fields(index, clause))
    return {**data, **extra}


@pytest.fixture
def signed(agreement, alex, sam):
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL])
    accept_version(agreement=agreement, person=sam, number=1)
    return agreement


def test_a_couple_starts_an_agreement_and_lands_on_the_editor(client_for, alex, couple):
    response = client_for(alex).post(reverse("agreements:start"))

    agreement = Agreement.objects.get(couple=couple)
    assert response.url == reverse("agreements:edit", args=[agreement.pk])


def test_someone_without_a_partner_is_told_to_invite_first(client_for, casey):
    response = client_for(casey).post(reverse("agreements:start"), follow=True)

    assert "invite your partner first" in response.content.decode()
    assert not Agreement.objects.exists()


def test_adding_a_template_keeps_what_was_typed_and_saves_nothing(client_for, alex, agreement):
    typed = {**edit_post([SIGNAL], 0), "clause-0-text": "Half a thought", "add": "pause-and-return"}

    response = client_for(alex).post(reverse("agreements:edit", args=[agreement.pk]), typed)

    page = response.content.decode()
    assert "Half a thought" in page
    assert "for up to 60 minutes" in page
    assert 'name="clause-1-minutes" value="60"' in page
    assert agreement.versions.count() == 0


def test_htmx_gets_only_the_clause_list(client_for, alex, agreement):
    response = client_for(alex).post(
        reverse("agreements:edit", args=[agreement.pk]),
        {**edit_post([SIGNAL], 0), "add": "blank"},
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    assert page.lstrip().startswith('<div id="clause-list">')
    assert 'name="clause-1-text"' in page
    assert "<html" not in page


def test_proposing_saves_a_version_for_the_partner_to_accept(client_for, alex, sam, agreement):
    client_for(alex).post(
        reverse("agreements:edit", args=[agreement.pk]), edit_post([SIGNAL, PAUSE], 0)
    )

    page = client_for(sam).get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert "Version 1, proposed by Alex" in page
    assert "Accept version 1" in page
    assert "waiting for Sam" in page


def test_a_pause_rule_longer_than_an_hour_is_refused_and_the_text_kept(client_for, alex, agreement):
    too_long = {**edit_post([PAUSE], 0), "clause-0-minutes": "90"}

    response = client_for(alex).post(reverse("agreements:edit", args=[agreement.pk]), too_long)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Ensure this value is less than or equal to 60." in page
    assert PAUSE.text in page
    assert agreement.versions.count() == 0


def test_a_pause_rule_needs_its_length(client_for, alex, agreement):
    no_length = {**edit_post([PAUSE], 0), "clause-0-minutes": ""}

    response = client_for(alex).post(reverse("agreements:edit", args=[agreement.pk]), no_length)

    assert "Say how long a pause may last (at most 60 minutes)." in response.content.decode()


def test_the_second_to_save_sees_what_changed_and_keeps_their_words(client_for, alex, sam, signed):
    url = reverse("agreements:edit", args=[signed.pk])
    client_for(alex).post(url, edit_post([SIGNAL, RESPONSE], 1))

    mine = [SIGNAL, PAUSE.__class__(PAUSE.key, "pause_rule", "Sam's own pause words", 30)]
    response = client_for(sam).post(url, edit_post(mine, 1))

    assert response.status_code == 409
    page = html.unescape(response.content.decode())
    assert "Alex saved version 2 while you were editing" in page
    assert "You changed different clauses, so the form below holds their edits and yours." in page
    assert "Sam's own pause words" in page  # both new clauses are in the form
    assert RESPONSE.text in page
    assert 'name="base" value="2"' in page

    saved = client_for(sam).post(url, edit_post(mine, 2))
    assert saved.status_code == 302
    assert signed.versions.count() == 3


def test_a_clause_both_changed_is_shown_side_by_side_and_the_form_keeps_the_partners(
    client_for, alex, sam, signed
):
    url = reverse("agreements:edit", args=[signed.pk])
    theirs = SIGNAL.__class__(SIGNAL.key, "signal", "Alex's lighthouse words")
    client_for(alex).post(url, edit_post([theirs, RESPONSE], 1))

    mine = SIGNAL.__class__(SIGNAL.key, "signal", "Sam's lighthouse words")
    response = client_for(sam).post(url, edit_post([mine], 1))

    assert response.status_code == 409
    page = html.unescape(response.content.decode())
    collision = page[page.index('class="collision"') : page.index("Start again from version 2")]
    assert "Keep Alex's" in collision and "Alex's lighthouse words" in collision
    assert "Keep mine" in collision and "Sam's lighthouse words" in collision
    assert 'name="collision-0-keep" value="theirs" checked' in collision
    assert RESPONSE.text not in collision  # only Alex changed it: no collision, just merged
    form = page[page.index('id="clause-list"') :]
    assert "Alex's lighthouse words" in form and RESPONSE.text in form
    assert "Sam's lighthouse words" not in form


ALEX_SIGNAL = SIGNAL.__class__(SIGNAL.key, "signal", "Alex's lighthouse words")
ALEX_PAUSE = PAUSE.__class__(PAUSE.key, "pause_rule", "Alex's pause of twenty minutes.", 20)


def conflict_page(client_for, alex, sam, signed):
    """Version 2 has a signal and a pause rule; Alex saves version 3 with both changed while
    Sam, from version 2, changed the signal too and removed the pause rule: two collisions."""
    url = reverse("agreements:edit", args=[signed.pk])
    client_for(alex).post(url, edit_post([SIGNAL, PAUSE], 1))
    client_for(alex).post(url, edit_post([ALEX_SIGNAL, ALEX_PAUSE], 2))
    mine = SIGNAL.__class__(SIGNAL.key, "signal", "Sam's lighthouse words")
    return client_for(sam).post(url, edit_post([mine], 2))


def choices_of(page: str, keep: dict[int, str]) -> dict:
    """What the conflict page's form would post, with the "keep" radio of each collision set."""
    hidden = re.findall(r'<input type="hidden" name="(collision-[^"]+)" value="([^"]*)"', page)
    return dict(hidden) | {f"collision-{index}-keep": choice for index, choice in keep.items()}


def test_keeping_mine_for_one_collision_saves_my_words_and_theirs_for_the_other(
    client_for, alex, sam, signed
):
    page = html.unescape(conflict_page(client_for, alex, sam, signed).content.decode())
    assert page.count('class="collision"') == 2
    merged = edit_post([ALEX_SIGNAL, ALEX_PAUSE], 3)
    signal_index = 0 if 'name="collision-0-key" value="k-signal"' in page else 1

    saved = client_for(sam).post(
        reverse("agreements:edit", args=[signed.pk]),
        {**merged, **choices_of(page, {signal_index: "mine", 1 - signal_index: "theirs"})},
    )

    assert saved.status_code == 302
    texts = [(c.key, c.text) for c in signed.versions.get(number=4).clause_texts()]
    assert texts == [(SIGNAL.key, "Sam's lighthouse words"), (PAUSE.key, ALEX_PAUSE.text)]


def test_keeping_my_removal_drops_the_clause_and_a_field_error_keeps_the_choice(
    client_for, alex, sam, signed
):
    page = html.unescape(conflict_page(client_for, alex, sam, signed).content.decode())
    pause_index = 0 if 'name="collision-0-key" value="k-pause"' in page else 1
    choices = choices_of(page, {pause_index: "mine", 1 - pause_index: "theirs"})
    url = reverse("agreements:edit", args=[signed.pk])

    wrong = {**edit_post([ALEX_SIGNAL, ALEX_PAUSE], 3), "clause-1-minutes": "90", **choices}
    again = html.unescape(client_for(sam).post(url, wrong).content.decode())
    assert 'class="collision"' in again
    assert f'name="collision-{pause_index}-keep" value="mine" checked' in again

    saved = client_for(sam).post(url, {**edit_post([ALEX_SIGNAL, ALEX_PAUSE], 3), **choices})
    assert saved.status_code == 302
    assert [c.text for c in signed.versions.get(number=4).clause_texts()] == [ALEX_SIGNAL.text]


def test_a_choice_without_my_side_is_refused_with_a_message_and_nothing_saved(
    client_for, alex, sam, signed
):
    conflict_page(client_for, alex, sam, signed)
    lost = {**management(1, "collision"), "collision-0-key": SIGNAL.key, "collision-0-keep": "mine"}
    url = reverse("agreements:edit", args=[signed.pk])

    response = client_for(sam).post(url, {**edit_post([ALEX_SIGNAL, ALEX_PAUSE], 3), **lost})

    assert response.status_code == 400
    assert "Your side of this clause was lost; start again." in html.unescape(
        response.content.decode()
    )
    assert signed.versions.count() == 3


def test_accepting_a_version_that_has_since_changed_is_explained(client_for, alex, sam, signed):
    client_for(alex).post(reverse("agreements:edit", args=[signed.pk]), edit_post([RESPONSE], 1))
    client_for(alex).post(reverse("agreements:edit", args=[signed.pk]), edit_post([PAUSE], 2))

    response = client_for(sam).post(reverse("agreements:accept", args=[signed.pk, 2]), follow=True)

    assert "This version has since been changed" in response.content.decode()
    signed.refresh_from_db()
    assert signed.active_version.number == 1


def test_the_version_page_shows_a_readable_diff(client_for, alex, signed):
    edited = SIGNAL.__class__(SIGNAL.key, "signal", "We say harbour when we feel shaky.")
    client_for(alex).post(reverse("agreements:edit", args=[signed.pk]), edit_post([edited], 1))

    page = client_for(alex).get(reverse("agreements:version", args=[signed.pk, 2])).content.decode()

    assert "<del>lighthouse</del><ins>harbour</ins>" in page


@pytest.mark.parametrize(
    "name, args",
    [
        ("agreements:detail", []),
        ("agreements:edit", []),
        ("agreements:version", [1]),
    ],
)
def test_a_stranger_gets_not_found(client_for, casey, signed, name, args):
    response = client_for(casey).get(reverse(name, args=[signed.pk, *args]))

    assert response.status_code == 404


def test_a_stranger_cannot_accept(client_for, casey, alex, agreement):
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL])

    response = client_for(casey).post(reverse("agreements:accept", args=[agreement.pk, 1]))

    assert response.status_code == 404
    assert agreement.versions.get().accepted_by() == {alex.pk}


def test_after_a_break_up_both_still_read_it_but_cannot_edit(client_for, sam, couple, signed):
    couple.end()
    client = client_for(sam)

    page = client.get(reverse("agreements:detail", args=[signed.pk])).content.decode()
    assert "This agreement is archived" in page
    assert client.get(reverse("agreements:edit", args=[signed.pk])).status_code == 302


def test_the_detail_page_uses_the_same_queries_for_two_or_twenty_versions(
    client_for, alex, sam, agreement
):
    def grow_to(count):
        for number in range(agreement.versions.count(), count):
            clause = SIGNAL.__class__(SIGNAL.key, "signal", f"Wording number {number}")
            propose_version(agreement=agreement, author=alex, base_number=number, clauses=[clause])

    client = client_for(sam)
    url = reverse("agreements:detail", args=[agreement.pk])
    grow_to(2)
    small = queries_for(client, url)
    grow_to(20)

    assert queries_for(client, url) == small
    assert small <= 10


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["agreements:version", "agreements:edit"])
def test_the_version_and_edit_pages_use_the_same_queries_for_two_or_thirty_clauses(
    client_for, alex, agreement, page
):
    def version_with(count, base):
        clauses = [
            SIGNAL.__class__(f"k-{n}", "signal", f"Wording number {n}") for n in range(count)
        ]
        propose_version(agreement=agreement, author=alex, base_number=base, clauses=clauses)

    client = client_for(alex)
    version_with(2, 0)
    version_with(3, 1)
    small = queries_for(client, reverse(page, kwargs=url_kwargs(page, agreement, 2)))
    version_with(30, 2)
    version_with(31, 3)

    assert queries_for(client, reverse(page, kwargs=url_kwargs(page, agreement, 4))) == small


def url_kwargs(page, agreement, number) -> dict:
    return (
        {"pk": agreement.pk, "number": number} if page.endswith("version") else {"pk": agreement.pk}
    )
