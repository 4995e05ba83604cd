from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.instrument import instrument
from assessments.models import PartnerConsent, Result


def answers_for(
    *, anxiety: int, avoidance: int, stress: str = "pursue", level: str = "preferences"
) -> dict:
    """Answers that score exactly `anxiety` and `avoidance` (reverse items answered 8 - x)."""
    levels = {"anxiety": anxiety, "avoidance": avoidance}
    answers = {
        item.key: 8 - levels[item.dimension] if item.reverse else levels[item.dimension]
        for item in instrument().items
    }
    return answers | {"stress_response": stress, "sexual_level": level}


def make_result(person=None, *, anxiety=5, avoidance=2, days_ago=0, **fields) -> Result:
    result = Result.score(
        instrument=instrument(),
        answers=answers_for(anxiety=anxiety, avoidance=avoidance, **fields),
        owner=person,
        claim_token="" if person else "visitor-claim",
        taken_at=timezone.now() - timedelta(days=days_ago),
    )
    result.save()
    return result


def consent(*people):
    for person in people:
        PartnerConsent.set(person=person, couple=person.couple, given=True)


@pytest.fixture
def alex_anxious(alex):
    return make_result(alex, anxiety=6, avoidance=2, stress="pursue")


@pytest.fixture
def sam_avoidant(sam):
    return make_result(sam, anxiety=2, avoidance=6, stress="withdraw")
