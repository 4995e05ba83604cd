"""Moments of the practice log that other features record: an agreed signal sent or answered.

Features that build on the program add their moments here; the program cannot import them
(they build on it, not it on them). Each adds one source, once, from its AppConfig.ready():
`add_source(signals_in_practice_log)`. A source gives a person's events newest first, at most
SHOWN of them, in a constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from couplespace.models import User

SHOWN = 20


@dataclass(frozen=True)
class PracticeEvent:
    """A signal in the practice log: who sent it, when, and how long the answer took."""

    at: datetime
    sent_by_me: bool
    response_time: timedelta | None


Source = Callable[[User], list[PracticeEvent]]
_sources: dict[str, Source] = {}


def add_source(source: Source) -> None:
    """Adding the same source again replaces it."""
    _sources[f"{source.__module__}.{source.__qualname__}"] = source


def practice_events_for(person: User) -> list[PracticeEvent]:
    events = [event for source in _sources.values() for event in source(person)]
    return sorted(events, key=lambda event: event.at, reverse=True)[:SHOWN]
