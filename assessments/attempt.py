"""A test in progress, kept in the session until it is finished.

The session holds the shuffled order and every answer given so far, so going back and forth,
reloading, or logging in half-way loses nothing. Nothing is written to the database until the
last step is done. The attempt also names the result it will become (`result_id`), so the last
step sent twice (a proxy resending it after a web replica died mid-answer) saves one result.
"""

import random
import uuid
from dataclasses import dataclass, field

from assessments import scoring
from assessments.instrument import Instrument

SESSION_KEY = "assessment_attempt"
ITEMS_PER_STEP = 6


@dataclass
class Attempt:
    order: list[str]
    answers: dict[str, int | str] = field(default_factory=dict)
    result_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @classmethod
    def begin(cls, instrument: Instrument, *, rng: random.Random) -> "Attempt":
        """A fresh attempt with its own item order."""
        return cls(order=scoring.shuffled(instrument.item_keys, rng=rng))

    @classmethod
    def from_session(cls, session, instrument: Instrument) -> "Attempt | None":
        """The attempt in progress, or None (also when the items have changed since it began)."""
        stored = session.get(SESSION_KEY)
        if not stored or sorted(stored["order"]) != sorted(instrument.item_keys):
            return None
        return cls(
            order=stored["order"],
            answers=stored["answers"],
            **({"result_id": stored["result_id"]} if "result_id" in stored else {}),
        )

    def save(self, session) -> None:
        session[SESSION_KEY] = {
            "order": self.order,
            "answers": self.answers,
            "result_id": self.result_id,
        }

    @staticmethod
    def discard(session) -> None:
        session.pop(SESSION_KEY, None)

    def steps(self, instrument: Instrument) -> list[list[str]]:
        """The keys asked on each screen: the items in groups, then the communication section."""
        groups = [
            self.order[start : start + ITEMS_PER_STEP]
            for start in range(0, len(self.order), ITEMS_PER_STEP)
        ]
        return [*groups, [question.key for question in instrument.questions]]

    def all_keys(self, instrument: Instrument) -> list[str]:
        return [key for step in self.steps(instrument) for key in step]

    def number(self, key: str, instrument: Instrument) -> int:
        """The question number a person sees, counting from 1 across all steps."""
        return self.all_keys(instrument).index(key) + 1

    def step_of(self, key: str, instrument: Instrument) -> int:
        return next(
            index for index, keys in enumerate(self.steps(instrument), start=1) if key in keys
        )

    def record(self, answers: dict[str, int | str]) -> None:
        self.answers.update(
            {key: value for key, value in answers.items() if value not in ("", None)}
        )

    def missing(self, instrument: Instrument) -> list[str]:
        return scoring.missing(keys=self.all_keys(instrument), answers=self.answers)

    @property
    def answered(self) -> int:
        return len(self.answers)
