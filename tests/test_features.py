from django.apps import apps
from django.urls import reverse

from couplespace.features import NextStep


def test_the_workspace_lists_what_features_offer_as_next_steps(
    client_for, alex, couple, monkeypatch
):
    config = apps.get_app_config("agreements")
    monkeypatch.setattr(
        config,
        "next_steps",
        lambda person: [NextStep(f"Hello {person.name}", "/somewhere/")],
        raising=False,
    )

    page = client_for(alex).get(reverse("workspace")).content.decode()

    assert '<li><a href="/somewhere/">Hello Alex</a></li>' in page
