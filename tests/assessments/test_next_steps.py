"""What the workspace suggests next, through the feature hook."""

from django.urls import reverse

from assessments.feature import AssessmentsFeature
from couplespace.features import NextStep
from tests.assessments.conftest import consent, make_result


def next_steps(person):
    return AssessmentsFeature().today(person).next_steps


def test_it_suggests_the_test_to_someone_who_has_not_taken_it(alex):
    assert next_steps(alex) == [NextStep("Take the relationship test", "/test/")]


def test_it_suggests_nothing_more_to_someone_without_a_partner(casey):
    make_result(casey)

    assert next_steps(casey) == []


def test_it_suggests_comparing_with_the_partner(couple, alex):
    result = make_result(alex)

    assert next_steps(alex) == [
        NextStep(
            "Compare your test results with Sam",
            reverse("assessments:result", args=[result.pk]) + "#compare",
        )
    ]


def test_it_waits_quietly_for_the_partner_once_consent_is_given(couple, alex):
    make_result(alex)
    consent(alex)

    assert next_steps(alex) == []


def test_it_points_to_the_couple_page_once_both_agree(couple, alex, sam):
    make_result(alex)
    make_result(sam, anxiety=2, avoidance=6)
    consent(alex, sam)

    assert next_steps(sam) == [
        NextStep("Read what your test results mean together", "/test/couple/")
    ]


def test_today_offers_the_test_once_as_a_card(client_for, couple, alex):
    page = client_for(alex).get(reverse("workspace")).text

    assert '<a class="button primary" href="/test/">Take the test</a>' in page
    assert "Take the relationship test</a></li>" not in page  # the next step, said by the card
