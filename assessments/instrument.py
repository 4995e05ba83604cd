"""The test's questions are data (`instrument/attachment.json`); this module loads and checks them.

A broken file stops the app with a message that names the file and the problem, instead of
serving a test that scores wrongly.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from couplespace.languages import LANGUAGES, Text

INSTRUMENT_FILE = Path(__file__).resolve().parent / "instrument" / "attachment.json"
DIMENSIONS = ("anxiety", "avoidance")
MIN_ITEMS_PER_DIMENSION = 8
# The reports are written for exactly these answers, so the file must offer exactly these.
QUESTION_OPTIONS = {
    "stress_response": ("pursue", "withdraw", "both"),
    "sexual_level": ("facts", "preferences", "emotions", "meaning"),
}


class InstrumentError(Exception):
    """The instrument file cannot be used; the message says which file and why."""


@dataclass(frozen=True)
class Item:
    """One statement rated from 1 (strongly disagree) to 7 (strongly agree)."""

    key: str
    dimension: str
    reverse: bool
    text: Text


@dataclass(frozen=True)
class Option:
    key: str
    text: Text


@dataclass(frozen=True)
class Question:
    """A multiple-choice question of the communication-pattern section."""

    key: str
    text: Text
    options: tuple[Option, ...]

    @property
    def option_keys(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)


@dataclass(frozen=True)
class Instrument:
    version: int
    items: tuple[Item, ...]
    questions: tuple[Question, ...]

    @property
    def item_keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.items)

    def item(self, key: str) -> Item:
        return next(item for item in self.items if item.key == key)

    def question(self, key: str) -> Question:
        return next(question for question in self.questions if question.key == key)


class _Reader:
    """Checks one raw instrument, naming the file in every error."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, problem: str):
        raise InstrumentError(f"{self.source}: {problem}")

    def text(self, raw, where: str) -> Text:
        if not isinstance(raw, dict):
            self.fail(f"{where} needs a 'text' object with {', '.join(LANGUAGES)}.")
        for language in LANGUAGES:
            value = raw.get(language)
            if not isinstance(value, str) or not value.strip():
                self.fail(f"{where} has no '{language}' text.")
        return Text({language: raw[language].strip() for language in LANGUAGES})

    def key(self, raw: dict, where: str, seen: set[str]) -> str:
        key = raw.get("key")
        if not isinstance(key, str) or not key:
            self.fail(f"{where} has no 'key'.")
        if key in seen:
            self.fail(f"{where}: the key '{key}' is used twice.")
        seen.add(key)
        return key

    def item(self, raw, number: int, seen: set[str]) -> Item:
        where = f"item {number}"
        if not isinstance(raw, dict):
            self.fail(f"{where} must be an object.")
        key = self.key(raw, where, seen)
        where = f"item {number} ('{key}')"
        if raw.get("dimension") not in DIMENSIONS:
            self.fail(f"{where}: 'dimension' must be one of {', '.join(DIMENSIONS)}.")
        if not isinstance(raw.get("reverse"), bool):
            self.fail(f"{where}: 'reverse' must be true or false.")
        return Item(
            key=key,
            dimension=raw["dimension"],
            reverse=raw["reverse"],
            text=self.text(raw.get("text"), where),
        )

    def question(self, raw, number: int, seen: set[str]) -> Question:
        where = f"question {number}"
        if not isinstance(raw, dict):
            self.fail(f"{where} must be an object.")
        key = self.key(raw, where, seen)
        where = f"question {number} ('{key}')"
        options_raw = raw.get("options")
        if not isinstance(options_raw, list) or len(options_raw) < 2:
            self.fail(f"{where} needs a list of at least two 'options'.")
        option_keys: set[str] = set()
        options = tuple(
            Option(
                key=self.key(option, f"{where}, option {index}", option_keys),
                text=self.text(option.get("text"), f"{where}, option {index}"),
            )
            for index, option in enumerate(options_raw, start=1)
        )
        return Question(key=key, text=self.text(raw.get("text"), where), options=options)

    def instrument(self, raw) -> Instrument:
        if not isinstance(raw, dict):
            self.fail("the file must hold one JSON object.")
        if not isinstance(raw.get("version"), int):
            self.fail("'version' must be a whole number.")
        if not isinstance(raw.get("items"), list):
            self.fail("'items' must be a list.")
        if not isinstance(raw.get("questions"), list):
            self.fail("'questions' must be a list.")
        seen: set[str] = set()
        items = tuple(
            self.item(item, number, seen) for number, item in enumerate(raw["items"], start=1)
        )
        for dimension in DIMENSIONS:
            keyed = [item for item in items if item.dimension == dimension]
            if len(keyed) < MIN_ITEMS_PER_DIMENSION:
                self.fail(
                    f"'{dimension}' has {len(keyed)} items; it needs at least "
                    f"{MIN_ITEMS_PER_DIMENSION}."
                )
            if not any(item.reverse for item in keyed):
                self.fail(f"'{dimension}' needs at least one reverse-keyed item.")
            if all(item.reverse for item in keyed):
                self.fail(f"'{dimension}' needs at least one item that is not reverse-keyed.")
        questions = tuple(
            self.question(question, number, seen)
            for number, question in enumerate(raw["questions"], start=1)
        )
        if tuple(question.key for question in questions) != tuple(QUESTION_OPTIONS):
            self.fail(f"'questions' must be exactly {', '.join(QUESTION_OPTIONS)}, in that order.")
        for question in questions:
            expected = QUESTION_OPTIONS[question.key]
            if question.option_keys != expected:
                self.fail(
                    f"question '{question.key}' must offer the options {', '.join(expected)}, "
                    "in that order."
                )
        return Instrument(version=raw["version"], items=items, questions=questions)


def load_instrument(path: Path) -> Instrument:
    """Read and check an instrument file; raise InstrumentError naming the file and problem."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InstrumentError(f"{path}: the file does not exist.") from None
    except json.JSONDecodeError as error:
        raise InstrumentError(f"{path}: not valid JSON ({error}).") from None
    return _Reader(str(path)).instrument(raw)


@cache
def instrument() -> Instrument:
    """The instrument in use, loaded once per process."""
    return load_instrument(INSTRUMENT_FILE)
