"""A visitor's result becomes theirs when they log in or sign up in the same browser."""

import re

from django.urls import reverse

from assessments.access import CLAIMS_SESSION_KEY
from assessments.models import Result
from tests.assessments.conftest import answers_for, make_result
from tests.assessments.test_taking import take_whole_test


def test_logging_in_after_a_visitors_test_keeps_the_result(client, alex):
    take_whole_test(client, answers_for(anxiety=6, avoidance=2))

    client.login(email="alex@example.com", password="alex-pass")

    result = Result.objects.get()
    assert (result.owner, result.claim_token) == (alex, "")
    assert CLAIMS_SESSION_KEY not in client.session
    assert client.get(reverse("assessments:report", args=[result.pk])).status_code == 200


def test_it_keeps_every_result_taken_in_that_browser(client, alex):
    take_whole_test(client, answers_for(anxiety=6, avoidance=2))
    take_whole_test(client, answers_for(anxiety=5, avoidance=2))

    client.login(email="alex@example.com", password="alex-pass")

    assert Result.objects.filter(owner=alex).count() == 2


def test_it_never_takes_results_from_another_browser(client, alex, sam):
    someone_elses = make_result(None)

    client.login(email="alex@example.com", password="alex-pass")

    someone_elses.refresh_from_db()
    assert someone_elses.owner is None


def test_the_report_asks_a_visitor_to_sign_up_and_comes_back(client, db):
    take_whole_test(client, answers_for(anxiety=2, avoidance=6))
    result = Result.objects.get()
    report = reverse("assessments:report", args=[result.pk])

    response = client.get(report)

    assert response.status_code == 200
    assert f'href="/account/signup/?next={report}"' in response.text
    assert f'href="/account/login/?next={report}"' in response.text
    assert "Practices for you" not in response.text


def test_signing_up_keeps_the_result_once_the_email_is_confirmed(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    take_whole_test(client, answers_for(anxiety=2, avoidance=6))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "email": "robin@example.com",
                "password1": "a calm long passphrase",
                "timezone": "UTC",
            },
        )
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mailoutbox[-1].body, re.M).group(1)
    client.post("/account/confirm-email/", {"code": code})

    result = Result.objects.get()
    assert result.owner.email == "robin@example.com"
