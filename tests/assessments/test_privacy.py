"""Results are private: their owner sees them, a live share link shows a summary, and the
couple page exists only while both partners agree. Everyone else gets 404, never 403."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import PartnerConsent, ShareLink
from couplespace.models import AccessRecord, Care, TherapistProfile
from tests.assessments.conftest import consent, make_result
from tests.conftest import make_person


def owner_pages(result):
    return [
        reverse("assessments:result", args=[result.pk]),
        reverse("assessments:report", args=[result.pk]),
    ]


def owner_actions(result):
    return [
        reverse("assessments:share", args=[result.pk]),
        reverse("assessments:revoke", args=[result.pk]),
    ]


def test_the_owner_sees_their_result(client_for, alex, alex_anxious):
    client = client_for(alex)

    for url in owner_pages(alex_anxious):
        assert client.get(url).status_code == 200


def test_a_stranger_gets_404_for_every_result_page_and_action(client_for, casey, alex_anxious):
    client = client_for(casey)

    for url in owner_pages(alex_anxious):
        assert client.get(url).status_code == 404
    for url in owner_actions(alex_anxious):
        assert client.post(url).status_code == 404
    assert not ShareLink.objects.exists()


def test_an_anonymous_visitor_gets_404_for_someone_elses_result(client, alex_anxious):
    for url in owner_pages(alex_anxious):
        assert client.get(url).status_code == 404
    for url in owner_actions(alex_anxious):
        assert client.post(url).status_code == 404


def test_an_anonymous_visitor_gets_404_for_another_visitors_result(client, db):
    someone_elses = make_result(None)

    assert client.get(owner_pages(someone_elses)[0]).status_code == 404


def test_the_partner_without_consent_gets_404(client_for, couple, alex, sam, alex_anxious):
    make_result(sam, anxiety=2, avoidance=6)
    client = client_for(sam)

    for url in owner_pages(alex_anxious):
        assert client.get(url).status_code == 404
    assert client.get(reverse("assessments:couple")).status_code == 404


def test_consent_from_only_one_partner_opens_nothing(client_for, couple, alex, sam, alex_anxious):
    make_result(sam, anxiety=2, avoidance=6)
    consent(alex)

    assert client_for(alex).get(reverse("assessments:couple")).status_code == 404
    assert client_for(sam).get(reverse("assessments:couple")).status_code == 404


def test_the_couple_page_opens_for_both_when_both_consent(
    client_for, couple, alex, sam, alex_anxious, sam_avoidant
):
    consent(alex, sam)

    assert client_for(alex).get(reverse("assessments:couple")).status_code == 200
    assert client_for(sam).get(reverse("assessments:couple")).status_code == 200


def test_the_couple_page_needs_a_result_from_both(client_for, couple, alex, sam, alex_anxious):
    consent(alex, sam)

    assert client_for(alex).get(reverse("assessments:couple")).status_code == 404


def test_consent_does_not_open_the_partners_own_result_page(
    client_for, couple, alex, sam, alex_anxious, sam_avoidant
):
    consent(alex, sam)

    for url in owner_pages(alex_anxious):
        assert client_for(sam).get(url).status_code == 404


def test_either_partner_withdrawing_closes_the_page_for_both(
    client_for, couple, alex, sam, alex_anxious, sam_avoidant
):
    consent(alex, sam)

    response = client_for(sam).post(reverse("assessments:consent"), {"next": "/"})

    assert response.status_code == 302
    assert list(PartnerConsent.objects.values_list("person", flat=True)) == [alex.pk]
    assert client_for(alex).get(reverse("assessments:couple")).status_code == 404
    assert client_for(sam).get(reverse("assessments:couple")).status_code == 404


def test_consent_ends_with_the_couple(client_for, couple, alex, sam, alex_anxious, sam_avoidant):
    consent(alex, sam)
    couple.end()

    assert client_for(alex).get(reverse("assessments:couple")).status_code == 404


def test_the_couple_page_is_404_for_strangers_and_visitors(
    client, client_for, couple, casey, alex, sam, alex_anxious, sam_avoidant
):
    consent(alex, sam)

    assert client.get(reverse("assessments:couple")).status_code == 404
    assert client_for(casey).get(reverse("assessments:couple")).status_code == 404


def test_only_a_person_in_a_couple_can_consent(client_for, casey):
    response = client_for(casey).post(reverse("assessments:consent"), {"given": "on"})

    assert response.status_code == 404
    assert not PartnerConsent.objects.exists()


def test_consent_never_redirects_off_site(client_for, couple, alex):
    response = client_for(alex).post(
        reverse("assessments:consent"), {"given": "on", "next": "https://evil.example/"}
    )

    assert response.url == reverse("assessments:history")


def test_a_share_link_shows_the_summary_without_name_email_or_answers(
    client, client_for, alex, alex_anxious
):
    client_for(alex).post(reverse("assessments:share", args=[alex_anxious.pk]))
    link = ShareLink.objects.get()
    client.logout()

    response = client.get(reverse("assessments:shared", args=[link.token]))

    assert response.status_code == 200
    assert "Closest style: <strong>Anxious</strong>" in response.text
    assert "6.00" in response.text
    for private in ("Alex", "alex@example.com", "I worry that my partner", "pursue"):
        assert private not in response.text
    assert '<meta name="robots" content="noindex, nofollow">' in response.text


def test_a_revoked_share_link_answers_404(client, client_for, alex, alex_anxious):
    owner = client_for(alex)
    owner.post(reverse("assessments:share", args=[alex_anxious.pk]))
    link = ShareLink.objects.get()

    owner.post(reverse("assessments:revoke", args=[alex_anxious.pk]))
    owner.logout()

    assert client.get(reverse("assessments:shared", args=[link.token])).status_code == 404


def test_an_unknown_share_token_answers_404(client, db):
    assert client.get(reverse("assessments:shared", args=["guess"])).status_code == 404


def test_share_tokens_are_long_and_random(client_for, alex, alex_anxious):
    client = client_for(alex)
    client.post(reverse("assessments:share", args=[alex_anxious.pk]))
    client.post(reverse("assessments:revoke", args=[alex_anxious.pk]))
    client.post(reverse("assessments:share", args=[alex_anxious.pk]))

    first, second = ShareLink.objects.order_by("created_at").values_list("token", flat=True)
    assert len(first) == 32
    assert first != second


@pytest.mark.parametrize("view", ["assessments:share", "assessments:revoke"])
def test_share_actions_need_a_post(client_for, alex, alex_anxious, view):
    response = client_for(alex).get(reverse(view, args=[alex_anxious.pk]))

    assert response.status_code == 405


@pytest.fixture
def theo(db):
    theo = make_person("theo")
    TherapistProfile.objects.create(
        person=theo, professional_name="Theo", credentials="-", verified_at=timezone.now()
    )
    return theo


def test_a_therapist_follows_the_scores_a_client_shares_and_the_look_is_logged(
    client_for, theo, alex
):
    make_result(alex, anxiety=6, avoidance=2, days_ago=30, stress="pursue")
    make_result(alex, anxiety=5, avoidance=2, stress="pursue")
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, {"test_results"})

    page = client_for(theo).get(reverse("assessments:for_therapist", args=[care.pk])).text

    assert "Alex’s relationship test results" in page
    assert "5.00 <span" in page
    assert "(-1.00)" in page
    assert "Alex pursues under stress" in page  # about the client, not "you" to the therapist
    assert "You pursue" not in page
    assert "I worry that my partner" not in page
    assert list(AccessRecord.objects.values_list("kind", flat=True)) == ["test_results"]


def test_a_therapist_reads_a_long_history_a_page_at_a_time(client_for, theo, alex):
    for day in range(22, 0, -1):  # 22 results, oldest first; the newest says "withdraw"
        stress = "withdraw" if day == 1 else "pursue"
        make_result(alex, anxiety=1 + day % 7, avoidance=2, days_ago=day, stress=stress)
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, {"test_results"})
    client, url = client_for(theo), reverse("assessments:for_therapist", args=[care.pk])

    first, second = client.get(url).text, client.get(url, {"page": 2}).text

    assert "Page 1 of 2" in first and '<a href="?page=2">Older results</a>' in first
    rows = re.findall(r"<tr>\s*<td>.*?</tr>", first, re.S)
    assert len(rows) == 20
    # The oldest row on page 1 (20 days ago: anxiety 7) compares with 21 days ago (anxiety 1).
    assert "7.00 (+6.00)" in re.sub(r"<[^>]+>", "", rows[-1])
    assert len(re.findall(r"<tr>\s*<td>.*?</tr>", second, re.S)) == 2
    assert '<a href="?page=1">Newer results</a>' in second
    assert "Alex withdraws under stress" in second  # the latest result's pattern, on every page
    assert "Alex pursues under stress" not in second


def test_a_therapist_gets_404_once_the_client_stops_sharing(client_for, theo, alex):
    make_result(alex)
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, {"test_results"})
    care.share(set())

    response = client_for(theo).get(reverse("assessments:for_therapist", args=[care.pk]))

    assert response.status_code == 404
    assert not AccessRecord.objects.exists()


def test_the_client_page_of_a_therapist_lists_the_test_results(client_for, theo, alex):
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, {"test_results"})

    page = client_for(theo).get(reverse("therapist_client", args=[care.pk])).text

    link = reverse("assessments:for_therapist", args=[care.pk])
    assert f'<a href="{link}">Relationship test results</a>' in page


@pytest.mark.parametrize("next_url", ["true", "assessments:start", "//evil.example/", "", "x/y"])
def test_consent_goes_back_only_to_a_path_on_this_site(client_for, couple, alex, next_url):
    response = client_for(alex).post(
        reverse("assessments:consent"), {"given": "on", "next": next_url}
    )

    assert (response.status_code, response.url) == (302, reverse("assessments:history"))


def test_consent_goes_back_to_the_page_it_was_given_on(client_for, couple, alex):
    response = client_for(alex).post(
        reverse("assessments:consent"), {"given": "on", "next": "/test/couple/?from=here"}
    )

    assert response.url == "/test/couple/?from=here"
