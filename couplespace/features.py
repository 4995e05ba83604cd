"""The contract between the core and each feature app, and the one place the core asks them.

A feature app writes one class that keeps the contract `Feature` (programs/feature.py,
agreements/feature.py, assessments/feature.py) and registers one instance of it from its
AppConfig.ready(): `register(ProgramsFeature())`. `register` checks the class against `Feature`:
a hook that is missing, misspelled or takes other arguments stops start-up with its name, so no
hook is silently never called. It also hands the feature's reminder kinds to the reminder
engine. The core asks the registered features in INSTALLED_APPS order (the order their ready()
runs), through the functions at the end of this module, and imports none of them.
"""

import inspect
import typing
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured

from couplespace import reminders
from couplespace.models import Couple, User
from couplespace.privacy import unshare_all
from couplespace.reminders import ReminderKind


@dataclass(frozen=True)
class NextStep:
    text: str
    url: str


@dataclass(frozen=True)
class Step:
    """Something a therapist can assign: its stable key (what an Assignment stores, e.g.
    "program:<slug>:day:12"), its label in the reader's language, and the page where it is done."""

    key: str
    label: str
    url: str


@dataclass(frozen=True)
class StepGroup:
    """Steps shown together in the therapist's picker (one <optgroup>): a program's phase, a
    guide, the test."""

    label: str
    steps: list[Step]


@dataclass(frozen=True)
class PrivacyLine:
    kind: str
    who_sees: str
    url: str


@dataclass(frozen=True)
class ShareKind:
    key: str
    label: str
    url_name: str  # the feature's therapist view, reversed with the care id
    # What the therapist sees once it is ticked, exactly, in the client's words: the consent
    # page shows it under the label. Say whether it holds what the client keeps from the partner.
    description: str = ""


@dataclass(frozen=True)
class ClientOverview:
    """What a feature says about one client on the therapist's pages, and the shared kind it
    read to say it (the kind the client's access log records)."""

    kind: str
    lines: list[str]


class TodayPlace(IntEnum):
    """Where a card stands on the Today page, the most pressing first."""

    PARTNER = 1  # the partner's live state: a signal, a pause, a turn, a version, a weekly check-in
    CHECK_IN = 2  # the check-in due now
    STEP = 3  # today's step of the program
    THERAPIST = 4  # a step a therapist asked for
    START = 5  # where to begin, shown only when nothing above is live


@dataclass(frozen=True)
class TodayCard:
    """One card of the Today page: its place, the template that draws it (given `card`, the
    context) and the page it leads to (a next step to the same page is then left out)."""

    place: TodayPlace
    template: str
    url: str
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class TodayPart:
    """A feature's part of the Today page: its cards, and the next steps it suggests below them
    (most useful first), from one reading of the person's state."""

    cards: list[TodayCard] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)


class Feature(Protocol):
    """What every feature app offers the core. A feature with nothing to offer for a hook says
    so by returning nothing (an empty list, an empty dict, None)."""

    def populate_demo(self, people: dict[str, User]) -> None:
        """Add the feature's demo data; `people` maps "alex", "sam", "casey", "theo" to their
        User rows. Running it again changes nothing."""

    def today(self, person: User) -> TodayPart:
        """The feature's cards on the person's Today page and the next steps it suggests, each
        thing they need read once, in a fixed number of queries however long their history."""

    def assignable_steps(self) -> list[StepGroup]:
        """The steps a therapist can assign to a client, in groups, labelled in the reader's
        language; each key is stable (it is stored) and fits in Assignment.step."""

    def done_since(self, person: User, keys: list[str], since: datetime) -> dict[str, datetime]:
        """Which of these step keys (any feature's: answer for your own only) the person has
        done since `since`, each with when they first did it; in a fixed number of queries
        however many keys (the core asks once per client, see therapy.settle)."""

    def program_hints(self, person: User) -> dict[str, str]:
        """What the feature knows of the person that a program file may use to suggest where
        to start (`"start_at": {"hint": name, …}`): hint name -> value. Only the person's own
        answers, for the person's own pages."""

    def therapist_share_kinds(self) -> list[ShareKind]:
        """The kinds of data a client may share with a therapist (see couplespace/therapy.py)."""

    def therapist_overview(
        self, kinds_by_client: dict[User, set[str]]
    ) -> dict[int, ClientOverview]:
        """Short lines about each client for the therapist's home and client pages, from each
        client's shared kinds only, by client id, with the shared kind they were read from (the
        core logs it in the client's access log whenever the lines are shown). It answers for
        every client at once, in a fixed number of queries."""

    def privacy_summary(self, person: User) -> list[PrivacyLine]:
        """For each kind of entry the person wrote, who besides them can see it."""

    def export_data(self, person: User) -> dict[str, list[dict]]:
        """The feature's part of "export my data": section name -> flat dicts (one per row),
        holding only what this person wrote."""

    def private_paths(self) -> list[str]:
        """Where the feature's personal pages are, for robots.txt to keep search engines out."""

    def reminder_kinds(self) -> list[ReminderKind]:
        """The kinds of reminder the feature plans (see couplespace/reminders.py)."""

    def after_couple_ended(self, couple: Couple, members: list[User]) -> None:
        """A couple ended (one partner left, or deleted their account): wind down what the two
        shared. Runs inside the transaction that ends it."""

    def before_account_deleted(self, person: User) -> None:
        """The person's account is being deleted, after their couple has ended and before their
        rows and encryption keys go: hand over to the partner whatever the partner keeps."""


HOOKS = sorted(typing.get_protocol_members(Feature))
_registered: dict[type, Feature] = {}


def register(feature: Feature) -> None:
    """Add a feature (from its AppConfig.ready(), once); ImproperlyConfigured if it breaks the
    contract. Registering the same class again replaces the first."""
    problems = contract_problems(type(feature))
    if problems:
        raise ImproperlyConfigured(
            f"{type(feature).__name__} does not keep the feature contract "
            f"(couplespace/features.py): {'; '.join(problems)}."
        )
    _registered[type(feature)] = feature
    for kind in feature.reminder_kinds():
        reminders.register(kind)


def contract_problems(cls: type) -> list[str]:
    """What is wrong with a feature class: hooks missing or taking other arguments, and public
    names that are no hook (a misspelled hook, say)."""
    problems = []
    for name in HOOKS:
        hook = getattr(cls, name, None)
        if not callable(hook):
            problems.append(f"it has no {name}()")
            continue
        takes, wanted = _arguments(hook), _arguments(getattr(Feature, name))
        if takes != wanted:
            problems.append(f"{name}() takes ({', '.join(takes)}), not ({', '.join(wanted)})")
    unknown = [name for name in vars(cls) if not name.startswith("_") and name not in HOOKS]
    problems += [f"{name} is not one of the hooks ({', '.join(HOOKS)})" for name in unknown]
    return problems


def _arguments(function) -> list[str]:
    return list(inspect.signature(function).parameters)[1:]


def registered() -> list[Feature]:
    return list(_registered.values())


def populate_demo(people: dict[str, User]) -> None:
    for feature in registered():
        feature.populate_demo(people)


def today_for(person: User, own: list[TodayCard]) -> tuple[list[TodayCard], list[NextStep]]:
    """The Today page: the core's own cards and every feature's, in their places (the starting
    points only when nothing else is live), then the next steps that lead somewhere no card
    already does. Each feature is asked once."""
    parts = [feature.today(person) for feature in registered()]
    cards = [*own, *(card for part in parts for card in part.cards)]
    cards.sort(key=lambda card: card.place)
    if any(card.place < TodayPlace.START for card in cards):
        cards = [card for card in cards if card.place < TodayPlace.START]
    shown = {card.url for card in cards}
    steps = [step for part in parts for step in part.next_steps]
    return cards, [step for step in steps if step.url not in shown]


def program_hints(person: User) -> dict[str, str]:
    hints: dict[str, str] = {}
    for feature in registered():
        hints.update(feature.program_hints(person))
    return hints


def privacy_summary_for(person: User) -> list[PrivacyLine]:
    return [line for feature in registered() for line in feature.privacy_summary(person)]


def export_for(person: User) -> dict[str, list[dict]]:
    sections: dict[str, list[dict]] = {}
    for feature in registered():
        sections.update(feature.export_data(person))
    return sections


def private_paths() -> list[str]:
    return [path for feature in registered() for path in feature.private_paths()]


def after_couple_ended(sender, couple: Couple, members: list[User], **kwargs) -> None:
    """The receiver of the core's `couple_ended` signal: nothing either shared stays shared,
    and each feature winds down."""
    unshare_all(members)
    for feature in registered():
        feature.after_couple_ended(couple, members)


def before_account_deleted(sender, person: User, **kwargs) -> None:
    """The receiver of the core's `account_deleting` signal: each feature hands over."""
    for feature in registered():
        feature.before_account_deleted(person)
