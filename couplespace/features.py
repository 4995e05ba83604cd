"""How feature apps offer things to the core without the core importing them.

Each feature app registers one object from its AppConfig.ready() (`register(...)`); it may
define any of these methods, and the core calls whichever exist:

- `populate_demo(people)`: add the feature's demo data; `people` maps "alex", "sam", "casey",
  "theo" to their User rows. Must be idempotent.
- `next_steps(person)`: a list of `NextStep` for the workspace home, most useful first.
- `assignable_steps()`: a list of `Step` a therapist can assign to a client.
- `therapist_share_kinds()`: what a client can share with a therapist (see couplespace/therapy.py).
- `therapist_overview(kinds_by_client)`: short lines about each client for the therapist's home
  and client pages, from each client's shared kinds only: a dict mapping client id to a
  `ClientOverview` (couplespace/therapy.py), the lines and the shared kind they were read from;
  the core logs that kind in the client's access log whenever the lines are shown. It answers
  for every client at once, in a fixed number of queries.
- `privacy_summary(person)`: a list of `PrivacyLine`: for each kind of entry the person wrote,
  who besides them can see it.
- `export_data(person)`: the feature's part of "export my data": a dict mapping a section name
  to a list of flat dicts (one per row), holding only what this person wrote.
- `practice_events(person)`: moments of the practice log that a feature recorded for the person
  (an agreed signal sent or answered), as a list of `PracticeEvent`, newest first, at most
  `PRACTICE_EVENTS_SHOWN` of them, in a constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

PRACTICE_EVENTS_SHOWN = 20


@dataclass(frozen=True)
class NextStep:
    text: str
    url: str


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    url_name: str


@dataclass(frozen=True)
class PrivacyLine:
    kind: str
    who_sees: str
    url: str


@dataclass(frozen=True)
class PracticeEvent:
    """A signal in the practice log: who sent it, when, and how long the answer took."""

    at: datetime
    sent_by_me: bool
    response_time: timedelta | None


def practice_events_for(person) -> list[PracticeEvent]:
    events = [event for hook in feature_hooks("practice_events") for event in hook(person)]
    return sorted(events, key=lambda event: event.at, reverse=True)[:PRACTICE_EVENTS_SHOWN]


_FEATURES: dict[type, object] = {}


def register(feature) -> None:
    """Called once by each feature app's AppConfig.ready(), so in INSTALLED_APPS order."""
    _FEATURES[type(feature)] = feature


def feature_hooks(name: str) -> list[Callable]:
    """Every registered feature's method called `name`, in INSTALLED_APPS order."""
    return [getattr(feature, name) for feature in _FEATURES.values() if hasattr(feature, name)]


def export_for(person) -> dict[str, list[dict]]:
    sections: dict[str, list[dict]] = {}
    for hook in feature_hooks("export_data"):
        sections.update(hook(person))
    return sections


def privacy_summary_for(person) -> list[PrivacyLine]:
    return [line for hook in feature_hooks("privacy_summary") for line in hook(person)]


def next_steps_for(person) -> list[NextStep]:
    return [step for hook in feature_hooks("next_steps") for step in hook(person)]
