from django.urls import reverse

from agreements.feature import AgreementsFeature
from couplespace.features import NextStep


def test_the_workspace_lists_what_features_offer_as_next_steps(
    client_for, alex, couple, monkeypatch
):
    monkeypatch.setattr(
        AgreementsFeature,
        "next_steps",
        lambda self, person: [NextStep(f"Hello {person.name}", "/somewhere/")],
    )

    page = client_for(alex).get(reverse("workspace")).content.decode()

    assert '<li><a href="/somewhere/">Hello Alex</a></li>' in page
