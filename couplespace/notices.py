"""What a notification says, rendered when it is read, in the reader's language of the moment.

A notification stores its kind and a few plain values (the check-in's part of the day, which
invitation), never its words: a notice written while its reader used English reads in Chinese
once they switch. Each kind registers how it says itself (`register`); the reminder kinds do so
through `couplespace.reminders.register`. The words are generic, never what anyone wrote.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class Message:
    """What to say: generic words, lazy so that each person reads them in their own language,
    and the values they were said from, which the notification keeps."""

    title: str | Promise
    body: str | Promise
    url: str = ""
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Words:
    """What a kind says, and the page it opens (a URL name and its arguments, reversed when it
    is sent, and a #part of that page if any)."""

    title: str | Promise
    body: str | Promise
    page: str
    part: str = ""
    args: tuple = ()

    def message(self, values: dict | None = None) -> Message:
        return Message(
            title=self.title,
            body=self.body,
            url=reverse(self.page, args=self.args) + self.part,
            values=values or {},
        )


@dataclass(frozen=True)
class ByValues:
    """Words that depend on a few plain values of the slot: `values_at(local)` gives them from
    the slot's wall-clock time, `words(values)` says them, when sent and whenever read."""

    values_at: Callable[[datetime], dict]
    words: Callable[[dict], Words]


@dataclass(frozen=True)
class FromAction:
    """Words said from the plain values an action gives when it tells someone at once
    (`reminders.notify_now(values=…)`), which the in-app notification keeps. The email is said
    from no values, so it names nothing of them: `words({})` gives the generic words."""

    words: Callable[[dict], Words]


WORDS: dict[str, Callable[[dict], Words]] = {}


def register(kind: str, words: Callable[[dict], Words]) -> None:
    WORDS[kind] = words


def words_of(kind: str, values: dict | None) -> Words | None:
    """The words of a stored notice, or None: written before notices were rendered when read
    (no values), or of a kind this release does not know."""
    if values is None or kind not in WORDS:
        return None
    return WORDS[kind](values)
