"""The result, history and couple pages make the same number of queries whatever the data."""

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import ShareLink
from couplespace.models import Care, TherapistProfile
from tests.assessments.conftest import consent, make_result
from tests.conftest import make_person


def pile_up(person, count):
    """`count` older results for `person`, each with a revoked share link."""
    for day in range(1, count + 1):
        result = make_result(person, anxiety=1 + day % 7, avoidance=1 + day % 5, days_ago=day)
        ShareLink.objects.create(result=result).revoke()


@pytest.fixture
def comparing(couple, alex, sam):
    mine = make_result(alex, anxiety=6, avoidance=2)
    make_result(sam, anxiety=2, avoidance=6)
    consent(alex, sam)
    ShareLink.objects.create(result=mine)
    return mine


# Every page: the session, and the person (with the profile the core's navigation looks at).
PAGE = 2
# result, its live links, the couple's memberships with people (the person's and the partner's),
# the consents, whether the partner has a result, the private safety answer, the owner's keys
# (results are encrypted)
RESULT_PAGE_QUERIES = PAGE + 7
# how many results, and one page of them, the owner's keys
HISTORY_QUERIES = PAGE + 3
# membership, the latest result of each, each partner's keys
COUPLE_QUERIES = PAGE + 4
# the care, what it shares, the visit in the access log found and then logged (a new row, or
# the visit's row moved on), how many results, one page of them, the latest, the client's keys
THERAPIST_QUERIES = PAGE + 8


def test_the_result_page(client_for, alex, comparing, django_assert_num_queries):
    client = client_for(alex)
    url = reverse("assessments:result", args=[comparing.pk])
    with django_assert_num_queries(RESULT_PAGE_QUERIES):
        assert client.get(url).status_code == 200

    pile_up(alex, 30)
    for _ in range(5):
        ShareLink.objects.create(result=comparing).revoke()

    with django_assert_num_queries(RESULT_PAGE_QUERIES):
        assert client.get(url).status_code == 200


def test_the_history_page(client_for, alex, django_assert_num_queries):
    client = client_for(alex)
    make_result(alex)
    with django_assert_num_queries(HISTORY_QUERIES):
        assert client.get(reverse("assessments:history")).status_code == 200

    pile_up(alex, 40)

    with django_assert_num_queries(HISTORY_QUERIES):
        response = client.get(reverse("assessments:history"))
    assert len(response.context["rows"]) == 20
    with django_assert_num_queries(HISTORY_QUERIES):
        response = client.get(reverse("assessments:history"), {"page": 3})
    assert len(response.context["rows"]) == 1


def test_the_couple_page(client_for, alex, sam, comparing, django_assert_num_queries):
    client = client_for(alex)
    with django_assert_num_queries(COUPLE_QUERIES):
        assert client.get(reverse("assessments:couple")).status_code == 200

    pile_up(alex, 25)
    pile_up(sam, 25)

    with django_assert_num_queries(COUPLE_QUERIES):
        assert client.get(reverse("assessments:couple")).status_code == 200


def test_the_therapist_page(client_for, alex, django_assert_num_queries):
    theo = make_person("theo")
    TherapistProfile.objects.create(
        person=theo, professional_name="Theo", credentials="-", verified_at=timezone.now()
    )
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, {"test_results"})
    make_result(alex)
    client, url = client_for(theo), reverse("assessments:for_therapist", args=[care.pk])
    with django_assert_num_queries(THERAPIST_QUERIES):
        assert client.get(url).status_code == 200

    pile_up(alex, 40)

    with django_assert_num_queries(THERAPIST_QUERIES):
        response = client.get(url, {"page": 2})
    assert len(response.context["rows"]) == 20
