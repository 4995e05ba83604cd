"""The test's part of "export my data", and what a private safety answer changes."""

import io
import json
import zipfile

from django.urls import reverse

from assessments.feature import AssessmentsFeature
from assessments.models import ShareLink
from couplespace.models import SafetyAnswer
from tests.assessments.conftest import consent, make_result
from tests.conftest import reauthenticated


def exported(client) -> dict:
    response = reauthenticated(client).post(reverse("export_data"))
    return json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("couplespace.json"))


def test_the_export_holds_my_results_answers_links_and_consents(client_for, couple, alex, sam):
    mine = make_result(alex, anxiety=6, avoidance=2, stress="pursue", level="facts")
    ShareLink.objects.create(result=mine).revoke()
    consent(alex)
    make_result(sam, anxiety=2, avoidance=6, stress="withdraw")

    data = exported(client_for(alex))

    assert [
        (row["result"], row["anxiety"], row["avoidance"], row["nearest_style"], row["under_stress"])
        for row in data["test_results"]
    ] == [(str(mine.pk), "6.00", "2.00", "anxious", "pursue")]
    answers = {row["question"]: row["answer"] for row in data["test_answers"]}
    assert len(answers) == 20
    assert answers["anx-rarely-leave"] == 2
    assert answers["sexual_level"] == "facts"
    assert [row["result"] for row in data["test_share_links"]] == [str(mine.pk)]
    assert data["test_share_links"][0]["revoked_at"] is not None
    assert [row["couple"] for row in data["test_comparison_consents"]] == [couple.pk]
    assert "withdraw" not in json.dumps(data)


def afraid(person):
    SafetyAnswer.objects.create(person=person, couple=person.couple, feels_afraid=True)


def test_a_person_who_fears_their_partner_is_not_nudged_to_compare(client_for, couple, alex):
    result = make_result(alex)
    afraid(alex)

    page = client_for(alex).get(reverse("assessments:result", args=[result.pk])).text

    assert "we suggest keeping your result to yourself for now" in page
    assert '<button type="submit">Compare my results with Sam</button>' in page
    assert AssessmentsFeature().today(alex).next_steps == []


def test_the_partner_sees_nothing_of_that_answer(client_for, couple, alex, sam):
    make_result(alex)
    result = make_result(sam)
    afraid(alex)

    page = client_for(sam).get(reverse("assessments:result", args=[result.pk])).text

    assert "keeping your result to yourself" not in page
    assert '<button type="submit" class="primary">Compare my results with Alex</button>' in page
