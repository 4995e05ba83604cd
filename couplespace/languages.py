"""The languages CoupleSpace speaks, and text in the reader's language.

Content files (guides, the program, clause templates, the test's questions) give each text in
every one of `LANGUAGES`; a page shows it in the language it is being made in.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def reader_language() -> str:
    """The language of the page being made: one we speak, else the default one."""
    language = get_language()
    return language if language in LANGUAGES else settings.LANGUAGE_CODE


def in_reader_language(texts: Mapping[str, str]) -> str:
    """A text given in each language, in the reader's; the default language's if it has none."""
    return texts.get(reader_language()) or texts.get(settings.LANGUAGE_CODE, "")


@dataclass(frozen=True)
class Text:
    """One piece of prose in every language; `str()` gives the reader's."""

    by_language: Mapping[str, str]

    def __str__(self) -> str:
        return in_reader_language(self.by_language)
