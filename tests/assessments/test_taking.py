"""Taking the test: one group per screen, answers kept going back and forth, gaps reported."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.access import CLAIMS_SESSION_KEY
from assessments.attempt import SESSION_KEY
from assessments.instrument import instrument
from assessments.models import Result
from tests.assessments.conftest import answers_for


def step_url(number):
    return reverse("assessments:step", args=[number])


def checked(page: str) -> dict[str, str]:
    """The radio buttons a page shows as already chosen, by question key."""
    inputs = re.findall(r"<input [^>]*checked[^>]*>", page)
    return {
        re.search(r'name="([^"]+)"', tag).group(1): re.search(r'value="([^"]+)"', tag).group(1)
        for tag in inputs
    }


def begin(client):
    client.post(reverse("assessments:begin"))
    return client.session[SESSION_KEY]["order"]


def answer_step(client, number, answers, move="next", **headers):
    return client.post(step_url(number), {**answers, "move": move}, headers=headers)


def take_whole_test(client, answers):
    order = begin(client)
    groups = [order[0:6], order[6:12], order[12:18], ["stress_response", "sexual_level"]]
    response = None
    for number, keys in enumerate(groups, start=1):
        response = answer_step(client, number, {key: answers[key] for key in keys})
    return response


@pytest.fixture
def visitor(client, db):
    return client


def test_it_starts_a_new_attempt_with_every_item_in_a_shuffled_order(visitor):
    first = begin(visitor)
    second = begin(visitor)
    third = begin(visitor)

    assert sorted(first) == sorted(instrument().item_keys)
    assert len({tuple(first), tuple(second), tuple(third)}) > 1


def test_it_asks_six_statements_per_screen_with_progress(visitor):
    order = begin(visitor)

    response = visitor.get(step_url(1))

    assert response.status_code == 200
    assert list(response.context["form"].fields) == order[:6]
    assert response.context["steps"] == 4
    assert "Step 1 of 4" in response.text
    assert "0 of 20 questions answered" in response.text


def test_the_last_screen_asks_the_communication_questions(visitor):
    begin(visitor)

    response = visitor.get(step_url(4))

    assert list(response.context["form"].fields) == ["stress_response", "sexual_level"]
    assert "When things feel tense between the two of you" in response.text


def test_a_half_answered_screen_names_the_missing_questions_and_keeps_the_rest(visitor):
    order = begin(visitor)

    response = answer_step(visitor, 1, {order[0]: 7, order[2]: 3})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        order[1]: ["Question 2 needs an answer."],
        order[3]: ["Question 4 needs an answer."],
        order[4]: ["Question 5 needs an answer."],
        order[5]: ["Question 6 needs an answer."],
    }
    assert visitor.session[SESSION_KEY]["answers"] == {order[0]: 7, order[2]: 3}
    assert checked(response.text) == {order[0]: "7", order[2]: "3"}


def test_a_value_off_the_scale_gets_a_clear_message_and_other_answers_stay(visitor):
    order = begin(visitor)
    answers = {key: 5 for key in order[:6]} | {order[1]: 9}

    response = answer_step(visitor, 1, answers)

    assert response.status_code == 400
    assert response.context["form"].errors == {
        order[1]: ["Question 2: choose one of the answers shown."]
    }
    assert visitor.session[SESSION_KEY]["answers"] == {
        key: 5 for key in order[:6] if key != order[1]
    }


def test_going_back_keeps_answers_on_both_screens(visitor):
    order = begin(visitor)
    answer_step(visitor, 1, {key: 2 for key in order[:6]})

    response = answer_step(visitor, 2, {order[6]: 6}, move="back")

    assert response.status_code == 302
    assert response.url == step_url(1)
    assert visitor.session[SESSION_KEY]["answers"] == {key: 2 for key in order[:6]} | {order[6]: 6}
    assert checked(visitor.get(step_url(2)).text) == {order[6]: "6"}
    assert checked(visitor.get(step_url(1)).text) == {key: "2" for key in order[:6]}


def test_a_complete_screen_moves_on_to_the_next(visitor):
    order = begin(visitor)

    response = answer_step(visitor, 1, {key: 4 for key in order[:6]})

    assert response.status_code == 302
    assert response.url == step_url(2)


def test_finishing_with_earlier_gaps_lists_exactly_which_questions_and_where(visitor):
    order = begin(visitor)
    answer_step(visitor, 1, {key: 4 for key in order[:6] if key != order[4]}, move="back")

    response = answer_step(visitor, 4, {"stress_response": "both", "sexual_level": "facts"})

    assert response.status_code == 400
    assert [(gap["number"], gap["step"]) for gap in response.context["missing"]] == [
        (5, 1),
        *[(number, 2) for number in range(7, 13)],
        *[(number, 3) for number in range(13, 19)],
    ]
    assert "Question 5 (step 1)" in response.text
    assert Result.objects.count() == 0
    assert visitor.session[SESSION_KEY]["answers"]["stress_response"] == "both"


def test_a_visitor_finishes_and_sees_their_result_with_exact_scores(visitor):
    response = take_whole_test(visitor, answers_for(anxiety=6, avoidance=3, stress="pursue"))

    result = Result.objects.get()
    assert response.url == reverse("assessments:result", args=[result.pk])
    assert (result.owner, result.anxiety, result.avoidance, result.style) == (
        None,
        Decimal("6.00"),
        Decimal("3.00"),
        "anxious",
    )
    assert (result.stress_response, result.sexual_level) == ("pursue", "preferences")
    assert visitor.session[CLAIMS_SESSION_KEY] == [result.claim_token]
    assert SESSION_KEY not in visitor.session
    assert visitor.get(response.url).status_code == 200


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "signed in"])
def test_the_last_screen_sent_twice_saves_one_result(client, alex, signed_in):
    """A proxy resends the last screen when the web replica died after saving the result but
    before it answered, and so before the session forgot the attempt."""
    if signed_in:
        client.force_login(alex)
    answers = answers_for(anxiety=6, avoidance=3)
    order = begin(client)
    groups = [order[0:6], order[6:12], order[12:18], ["stress_response", "sexual_level"]]
    for number, keys in enumerate(groups[:3], start=1):
        answer_step(client, number, {key: answers[key] for key in keys})
    last = {key: answers[key] for key in groups[3]}
    unanswered = client.session[SESSION_KEY]

    first = answer_step(client, 4, last)
    session = client.session
    session[SESSION_KEY] = unanswered  # the died replica's session was never saved
    session.pop(CLAIMS_SESSION_KEY, None)
    session.save()
    again = answer_step(client, 4, last)

    result = Result.objects.get()
    assert first.url == again.url == reverse("assessments:result", args=[result.pk])
    assert client.get(again.url).status_code == 200


def test_a_signed_in_person_owns_the_result_at_once(client_for, alex):
    client = client_for(alex)

    take_whole_test(client, answers_for(anxiety=2, avoidance=6))

    assert list(Result.objects.values_list("owner", "claim_token", "style")) == [
        (alex.pk, "", "avoidant")
    ]


def test_htmx_gets_its_errors_as_a_fragment_in_place(visitor):
    order = begin(visitor)

    response = answer_step(visitor, 1, {order[0]: 1}, HX_Request="true")

    assert response.status_code == 422
    assert response.text.lstrip().startswith('<section id="test-step"')
    assert "Question 2 needs an answer." in response.text
    assert "HX-Push-Url" not in response.headers


def test_htmx_gets_a_new_screen_as_a_fragment_with_its_address(visitor):
    begin(visitor)

    response = visitor.get(step_url(2), headers={"HX-Request": "true"})

    assert response.text.lstrip().startswith('<section id="test-step"')
    assert response.headers["HX-Push-Url"] == step_url(2)


def test_htmx_is_sent_to_the_result_page_when_done(visitor):
    order = begin(visitor)
    answers = answers_for(anxiety=3, avoidance=3)
    groups = [order[0:6], order[6:12], order[12:18], ["stress_response", "sexual_level"]]
    for number, keys in enumerate(groups[:3], start=1):
        answer_step(visitor, number, {key: answers[key] for key in keys})

    response = answer_step(visitor, 4, {key: answers[key] for key in groups[3]}, HX_Request="true")

    result = Result.objects.get()
    assert response.headers["HX-Redirect"] == reverse("assessments:result", args=[result.pk])


def test_without_an_attempt_the_screens_send_you_to_the_start(visitor):
    response = visitor.get(step_url(2))

    assert response.url == reverse("assessments:start")


def test_there_is_no_fifth_screen(visitor):
    begin(visitor)

    assert visitor.get(step_url(5)).status_code == 404


def test_the_start_page_offers_to_continue_an_attempt(visitor):
    begin(visitor)

    response = visitor.get(reverse("assessments:start"))

    assert "Continue where you left off" in response.text
