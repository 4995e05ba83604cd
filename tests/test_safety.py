"""The private safety question: asked of each partner, seen only by the one who answers."""

import re

from django.test import Client
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


def test_quick_exit_signs_out_only_those_who_ask(client_for, alex):
    client = client_for(alex)
    assert "data-sign-out" not in client.get(reverse("help")).text

    client.post(
        reverse("preferences"),
        {"timezone": "UTC", "language": "en", "quick_exit_signs_out": "on"},
    )

    alex.refresh_from_db()
    assert alex.quick_exit_signs_out
    link = f'data-sign-out="{reverse("quick_exit_sign_out")}" data-csrf="'
    assert link in client.get(reverse("help")).text


def test_the_sign_out_on_the_way_takes_a_post_with_the_pages_token(alex):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alex)
    page = client.get(reverse("help")).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    url = reverse("quick_exit_sign_out")

    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert client.get(reverse("workspace")).status_code == 200
    assert client.post(url, {"csrfmiddlewaretoken": token}).status_code == 204
    assert client.get(reverse("workspace")).url.startswith(reverse("account_login"))


def test_get_help_says_how_to_stay_safe_online(client, db):
    page = client.get(reverse("help")).text

    assert "Staying safe online" in page
    for topic in ("Browser history.", "Private windows.", "Shared devices.", "Email."):
        assert f"<strong>{topic}</strong>" in page
    assert "Your partner is not told when you change any of this." in page


def test_get_help_says_it_in_chinese_too(client, db):
    page = client.get(reverse("help"), headers={"accept-language": "zh-hans"}).text

    assert "上网时保护自己" in page
    assert "<strong>无痕窗口。</strong>" in page


def test_after_a_yes_the_agreement_and_dialogue_are_not_offered(client_for, alex, couple):
    client = client_for(alex)
    answer(client, "yes")

    agreement = client.get(reverse("agreements:index")).text
    dialogue = client.get(reverse("agreements:dialogue_index")).text

    assert "Start our agreement" not in agreement
    assert "we do not suggest a joint agreement now" in agreement
    assert "Start our dialogue" not in dialogue
    assert reverse("agreements:commitments") in dialogue
    answer(client, "no")
    assert "Start our agreement" in client.get(reverse("agreements:index")).text
