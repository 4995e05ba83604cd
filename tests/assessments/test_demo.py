"""The demo: alex leans anxious, sam avoidant, and both agree to compare."""

import io

from django.core.management import call_command
from django.urls import reverse

from assessments.models import PartnerConsent, Result
from couplespace.models import User


def run_demo():
    call_command("demo", stdout=io.StringIO())


def test_it_gives_alex_an_anxious_history_and_sam_an_avoidant_result(db):
    run_demo()

    assert list(
        Result.objects.order_by("owner__email", "taken_at").values_list(
            "owner__email", "anxiety", "avoidance", "style", "stress_response"
        )
    ) == [
        ("alex@example.com", 6, 2, "anxious", "pursue"),
        ("alex@example.com", 5, 2, "anxious", "pursue"),
        ("sam@example.com", 2, 6, "avoidant", "withdraw"),
    ]


def test_it_opens_the_couple_page_for_both(client, db):
    run_demo()

    for email in ("alex@example.com", "sam@example.com"):
        client.force_login(User.objects.get(email=email))
        response = client.get(reverse("assessments:couple"))
        assert response.status_code == 200
        assert "Anxious and avoidant: the pursue-withdraw cycle" in response.text


def test_running_it_again_changes_nothing(db):
    run_demo()
    run_demo()

    assert Result.objects.count() == 3
    assert PartnerConsent.objects.count() == 2
