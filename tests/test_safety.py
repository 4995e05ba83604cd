"""The private safety question: asked of each partner, seen only by the one who answers."""

import re

from django.urls import reverse

from couplespace.models import SafetyAnswer


def answer(client, choice):
    return client.post(reverse("safety"), {"feels_afraid": choice}, follow=True)


def visible_page(client, url) -> str:
    """The page without what changes on every request (tokens, nonces)."""
    page = client.get(url).content.decode()
    return re.sub(r'(nonce|value)="[^"]*"', "", page)


def test_each_partner_is_asked_once_the_couple_forms(client_for, alex, sam, couple):
    for person in (alex, sam):
        page = client_for(person).get(reverse("workspace")).content.decode()
        assert "One private question" in page


def test_a_yes_recommends_solo_work_and_help(client_for, alex, couple):
    client = client_for(alex)

    page = answer(client, "yes").content.decode()

    assert "we recommend against them for now" in page
    assert 'href="/help/"' in page
    assert alex.feels_afraid_of_partner()
    home = client.get(reverse("workspace")).content.decode()
    assert "We recommend working on your own rather than doing couple exercises" in home


def test_a_no_simply_thanks_and_the_question_goes_away(client_for, alex, couple):
    client = client_for(alex)

    assert "Thank you. You can change your answer" in answer(client, "no").content.decode()
    assert "One private question" not in client.get(reverse("workspace")).content.decode()
    assert not alex.feels_afraid_of_partner()


def test_the_answer_can_be_changed(client_for, alex, couple):
    client = client_for(alex)
    answer(client, "yes")
    answer(client, "no")

    assert SafetyAnswer.objects.get(person=alex).feels_afraid is False


def test_the_partner_cannot_tell_what_was_answered(client_for, client, alex, sam, couple):
    client_for(alex)
    answer(client, "no")
    client.force_login(sam)
    after_no = visible_page(client, reverse("workspace"))

    client.force_login(alex)
    answer(client, "yes")
    client.force_login(sam)
    after_yes = visible_page(client, reverse("workspace"))

    assert after_yes == after_no
    assert "afraid" not in after_yes


def test_a_missing_choice_is_explained(client_for, alex, couple):
    response = client_for(alex).post(reverse("safety"), {})

    assert "This field is required." in response.content.decode()
    assert not SafetyAnswer.objects.exists()


def test_someone_without_a_couple_is_sent_to_their_space(client_for, casey):
    assert client_for(casey).get(reverse("safety")).url == reverse("workspace")
