"""Every model that holds what people write has one scope, `objects.visible_to(person)`, or is
reached only through an object that has one (or, for the therapist's own words, through their
care of a client)."""

from django.apps import apps

from couplespace.encryption import EncryptedMixin

REACHED_THROUGH = {
    "agreements.Version": "its agreement",
    "agreements.Clause": "its version's agreement",
    "agreements.Need": "its dialogue",
    "agreements.Reply": "its dialogue",
    "agreements.Pause": "its agreement",
    "couplespace.TherapistNote": "the therapist's care (couplespace.therapy.care_given_by)",
    "couplespace.Assignment": "the care it belongs to",
}


def models_holding_words() -> list[str]:
    return sorted(
        model._meta.label
        for model in apps.get_models()
        if any(isinstance(field, EncryptedMixin) for field in model._meta.fields)
    )


def test_each_model_holding_words_has_a_scope_or_is_reached_through_one():
    without = [
        label
        for label in models_holding_words()
        if not hasattr(apps.get_model(label).objects, "visible_to")
    ]

    assert without == sorted(REACHED_THROUGH)
