import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from agreements.feature import AgreementsFeature
from assessments.feature import AssessmentsFeature
from couplespace.features import HOOKS, NextStep, TodayPart, registered
from programs.feature import ProgramsFeature


def test_the_workspace_lists_what_features_offer_as_next_steps(
    client_for, alex, couple, monkeypatch
):
    monkeypatch.setattr(
        AgreementsFeature,
        "today",
        lambda self, person: TodayPart(
            next_steps=[NextStep(f"Hello {person.name}", "/somewhere/")]
        ),
    )

    page = client_for(alex).get(reverse("workspace")).content.decode()

    assert '<li><a href="/somewhere/">Hello Alex</a></li>' in page


def test_every_feature_is_registered_once_in_the_order_of_installed_apps():
    assert [type(feature) for feature in registered()] == [
        AssessmentsFeature,
        ProgramsFeature,
        AgreementsFeature,
    ]


def feature_without(hook: str) -> type:
    hooks = {name: value for name, value in vars(ProgramsFeature).items() if name != hook}
    return type("HalfAFeature", (), hooks)


def starting_programs_with(feature_class, monkeypatch) -> str:
    monkeypatch.setattr("programs.feature.ProgramsFeature", feature_class)
    with pytest.raises(ImproperlyConfigured) as raised:
        apps.get_app_config("programs").ready()
    return str(raised.value)


def test_a_feature_that_lacks_a_hook_stops_start_up(monkeypatch):
    problem = starting_programs_with(feature_without("export_data"), monkeypatch)

    assert problem == (
        "HalfAFeature does not keep the feature contract (couplespace/features.py): "
        "it has no export_data()."
    )


def test_a_misspelled_hook_stops_start_up_with_its_name(monkeypatch):
    class Misspelled(feature_without("privacy_summary")):
        def privacy_sumary(self, person):
            return []

    problem = starting_programs_with(Misspelled, monkeypatch)

    assert problem == (
        "Misspelled does not keep the feature contract (couplespace/features.py): "
        "it has no privacy_summary(); privacy_sumary is not one of the hooks "
        f"({', '.join(HOOKS)})."
    )


def test_a_hook_that_takes_other_arguments_stops_start_up(monkeypatch):
    class Forgetful(ProgramsFeature):
        def today(self):
            return TodayPart()

    problem = starting_programs_with(Forgetful, monkeypatch)

    assert problem == (
        "Forgetful does not keep the feature contract (couplespace/features.py): "
        "today() takes (), not (person)."
    )


def test_a_broken_feature_is_not_registered(monkeypatch):
    starting_programs_with(feature_without("today"), monkeypatch)

    assert [type(feature).__name__ for feature in registered()] == [
        "AssessmentsFeature",
        "ProgramsFeature",
        "AgreementsFeature",
    ]
