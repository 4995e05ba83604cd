import pytest

from agreements.diff import ClauseText
from agreements.models import Agreement

SIGNAL = ClauseText("k-signal", "signal", "We say lighthouse when we feel shaky.")
RESPONSE = ClauseText("k-response", "committed_response", "Five minutes of full attention.")
PAUSE = ClauseText("k-pause", "pause_rule", "A pause, then we come back.", 45)


@pytest.fixture
def agreement(couple):
    return Agreement.for_couple(couple)
