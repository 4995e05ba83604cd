"""Guides: public reading pages, one JSON file per topic in `couplespace/guides/`.

A new topic is a new file; nothing in the code names a topic. Each file holds both languages
side by side, and every piece of prose is an object with one text per language in
`settings.LANGUAGES`, e.g. `{"en": "Why security matters", "zh-hans": "为什么安全感重要"}`.

    {
      "slug": "security-and-sexuality",   the file name without .json; the page is /guides/<slug>/
      "updated": "2026-11-23",            when the text last changed: the sitemap's lastmod
      "title": TEXT,
      "description": TEXT,                one or two sentences: the meta description
      "summary": TEXT,                    one line: the guide's card in the library (/guides/)
      "intro": [TEXT, ...],               paragraphs under the title
      "stable_anchors": {"step-1": "who links here", ...},
      "sections": [SECTION, ...]
    }

    SECTION = {
      "anchor": "step-1",                 the section's id in the page: lowercase words and dashes
      "title": TEXT,
      "body": [TEXT, ...],                paragraphs (optional)
      "points": [{"term": TEXT, "text": TEXT}, ...],   a list of named ideas (optional)
      "sentences": [TEXT, ...],           "try this sentence" lines, each with a copy button
      "subsections": [SECTION, ...]       (optional; only one level deep)
    }

`stable_anchors` documents the anchors that other pages link to (the 28-day program links each
step to `step-1` … `step-5`); each must exist, so renaming one fails loudly instead of leaving a
dead link. A file that breaks any rule raises `GuideError`, whose message names the file, where
in it the problem is and what is wrong; the system check below runs that on every file.

Each guide's reading time is counted from its words in each language when the file is read
(`reading_minutes`): the library shows it on the guide's card.
"""

import functools
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core import checks
from django.urls import reverse

from couplespace.languages import LANGUAGES, Text, reader_language

GUIDES_DIR = Path(__file__).resolve().parent / "guides"
ANCHOR = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
# Ids the page itself uses: a section may not take one, or its link would land elsewhere.
RESERVED_IDS = frozenset({"main", "language-select", "contents", "take-the-test"})
SENTENCE_ID_PREFIX = "say-"
SEND_ID_PREFIX = "send-"  # a section's "Send to" control

# How fast people read, per language: what to count, and how many of those a minute. English
# counts words; Chinese counts characters (a run of Latin letters or digits is one).
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
HAN_OR_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[A-Za-z0-9]+")
READING_SPEED = {"en": (WORD, 200), "zh-hans": (HAN_OR_WORD, 300)}


def reading_minutes(text: str, language: str) -> int:
    """Minutes it takes to read `text` in `language`, rounded up, and at least one."""
    counted, per_minute = READING_SPEED.get(language, READING_SPEED["en"])
    return max(1, -(-len(counted.findall(text)) // per_minute))


class GuideError(Exception):
    """A guide file that cannot be published, with the file's name and the problem."""

    def __init__(self, path: Path, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path.name}: {problem}")


class Invalid(ValueError):
    """A problem found while reading a file; `load_guide` adds the file's name."""


@dataclass(frozen=True)
class Point:
    term: Text
    text: Text


@dataclass(frozen=True)
class Sentence:
    """A "try this sentence" line; `id` is what its copy button points at."""

    id: str
    text: Text


@dataclass(frozen=True)
class Section:
    anchor: str
    title: Text
    body: tuple[Text, ...]
    points: tuple[Point, ...]
    sentences: tuple[Sentence, ...]
    subsections: tuple["Section", ...]


@dataclass(frozen=True)
class Guide:
    slug: str
    updated: date
    title: Text
    description: Text
    summary: Text
    intro: tuple[Text, ...]
    stable_anchors: Mapping[str, str]
    sections: tuple[Section, ...]
    fingerprint: str  # changes whenever the file does: part of the rendered page's cache key
    minutes: Mapping[str, int]  # the reading time in each language

    def section(self, anchor: str) -> Section | None:
        """The top-level section with this anchor, if there is one."""
        return next((section for section in self.sections if section.anchor == anchor), None)

    @property
    def reading_minutes(self) -> int:
        """The reading time in the reader's language."""
        return self.minutes[reader_language()]

    @property
    def anchors(self) -> list[str]:
        """Every section's anchor, in reading order."""
        return [
            anchor
            for section in self.sections
            for anchor in [section.anchor, *(sub.anchor for sub in section.subsections)]
        ]


def load_guide(path: Path) -> Guide:
    """Read and validate one guide file; raise GuideError naming the file and the problem."""
    raw = path.read_bytes()
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GuideError(path, f"is not valid JSON ({error})") from None
    try:
        return _guide(data, slug=path.stem, fingerprint=hashlib.sha256(raw).hexdigest()[:16])
    except Invalid as problem:
        raise GuideError(path, str(problem)) from None


def load_directory(directory: Path) -> dict[str, Guide]:
    return {path.stem: load_guide(path) for path in sorted(directory.glob("*.json"))}


@functools.cache
def published() -> dict[str, Guide]:
    """Every guide, read once per process: the files only change with a deployment."""
    return load_directory(GUIDES_DIR)


def find(slug: str) -> Guide | None:
    return published().get(slug)


def section_url(slug: str, anchor: str = "") -> str:
    """The path of a guide, or of one of its sections; an unknown guide or anchor is an error."""
    guide = find(slug)
    if guide is None:
        raise LookupError(f"There is no guide {slug!r}.")
    if anchor and anchor not in guide.anchors:
        raise LookupError(f"The guide {slug!r} has no section {anchor!r}.")
    url = reverse("guide", args=[slug])
    return f"{url}#{anchor}" if anchor else url


def check_guides(app_configs=None, directory: Path | None = None, **kwargs) -> list[checks.Error]:
    """System check: every guide file loads, or `manage.py check` names the file and problem."""
    errors = []
    for path in sorted((directory or GUIDES_DIR).glob("*.json")):
        try:
            load_guide(path)
        except GuideError as error:
            errors.append(checks.Error(error.problem, obj=str(path), id="couplespace.E001"))
    return errors


# Reading a file. Each helper takes the value and where it sits in the file ("sections[2].title")
# so that a problem can say exactly where it is.


def _guide(data: object, *, slug: str, fingerprint: str) -> Guide:
    _keys(
        data,
        "the file",
        required={"slug", "updated", "title", "description", "summary", "intro", "sections"},
        optional={"stable_anchors"},
    )
    if data["slug"] != slug:
        raise Invalid(f"slug {data['slug']!r} does not match the file name {slug!r}")
    try:
        updated = date.fromisoformat(data["updated"])
    except (TypeError, ValueError):
        raise Invalid(f"updated must be a date like 2026-11-23, not {data['updated']!r}") from None
    seen: dict[str, str] = {}
    sections = _items(
        data["sections"], "sections", lambda value, where: _section(value, where, seen, depth=1)
    )
    stable = data.get("stable_anchors", {})
    if not isinstance(stable, dict):
        raise Invalid("stable_anchors must be an object of anchor: note")
    for anchor, note in stable.items():
        if not isinstance(note, str) or not note.strip():
            raise Invalid(f"stable_anchors.{anchor} needs a note saying who links to it")
        if anchor not in seen:
            raise Invalid(f"stable_anchors names {anchor!r}, which no section has")
    title = _text(data["title"], "title")
    intro = _items(data["intro"], "intro", _text)
    read = [title, *intro, *(text for section in sections for text in _texts_of(section))]
    return Guide(
        slug=slug,
        updated=updated,
        title=title,
        description=_text(data["description"], "description"),
        summary=_text(data["summary"], "summary"),
        intro=intro,
        stable_anchors=stable,
        sections=sections,
        fingerprint=fingerprint,
        minutes={
            code: reading_minutes(" ".join(text.by_language[code] for text in read), code)
            for code in LANGUAGES
        },
    )


def _texts_of(section: Section) -> list[Text]:
    """Every text a reader of the page reads in a section, in order."""
    return [
        section.title,
        *section.body,
        *(text for point in section.points for text in (point.term, point.text)),
        *(sentence.text for sentence in section.sentences),
        *(text for sub in section.subsections for text in _texts_of(sub)),
    ]


def _section(value: object, where: str, seen: dict[str, str], depth: int) -> Section:
    optional = {"body", "points", "sentences"} | ({"subsections"} if depth == 1 else set())
    _keys(value, where, required={"anchor", "title"}, optional=optional)
    anchor = _anchor(value["anchor"], f"{where}.anchor")
    if anchor in seen:
        raise Invalid(f"the anchor {anchor!r} is used twice: {seen[anchor]} and {where}")
    seen[anchor] = where
    sentences = _items(value.get("sentences", []), f"{where}.sentences", _text)
    section = Section(
        anchor=anchor,
        title=_text(value["title"], f"{where}.title"),
        body=_items(value.get("body", []), f"{where}.body", _text),
        points=_items(value.get("points", []), f"{where}.points", _point),
        sentences=tuple(
            Sentence(id=f"{SENTENCE_ID_PREFIX}{anchor}-{number}", text=text)
            for number, text in enumerate(sentences, start=1)
        ),
        subsections=_items(
            value.get("subsections", []),
            f"{where}.subsections",
            lambda sub, sub_where: _section(sub, sub_where, seen, depth=2),
        ),
    )
    if not (section.body or section.points or section.sentences or section.subsections):
        raise Invalid(f"{where} has no body, points, sentences or subsections")
    return section


def _point(value: object, where: str) -> Point:
    _keys(value, where, required={"term", "text"})
    return Point(
        term=_text(value["term"], f"{where}.term"), text=_text(value["text"], f"{where}.text")
    )


def _anchor(value: object, where: str) -> str:
    if not isinstance(value, str) or not ANCHOR.match(value):
        raise Invalid(f"{where} must be lowercase words joined by dashes, not {value!r}")
    if value in RESERVED_IDS or value.startswith((SENTENCE_ID_PREFIX, SEND_ID_PREFIX)):
        raise Invalid(f"{where} {value!r} is reserved for the page itself")
    return value


def _text(value: object, where: str) -> Text:
    languages = list(LANGUAGES)
    if not isinstance(value, dict):
        raise Invalid(f"{where} must be an object with a text for each of {languages}")
    for code in languages:
        if code not in value:
            raise Invalid(f"{where} has no {code!r} text")
        if not isinstance(value[code], str) or not value[code].strip():
            raise Invalid(f"{where} has an empty {code!r} text")
    unknown = sorted(set(value) - set(languages))
    if unknown:
        raise Invalid(f"{where} has an unknown language {unknown[0]!r}")
    return Text({code: value[code].strip() for code in languages})


def _items[T](value: object, where: str, read: Callable[[object, str], T]) -> tuple[T, ...]:
    if not isinstance(value, list):
        raise Invalid(f"{where} must be a list")
    return tuple(read(item, f"{where}[{index}]") for index, item in enumerate(value))


def _keys(value: object, where: str, *, required: set[str], optional: set[str] = frozenset()):
    if not isinstance(value, dict):
        raise Invalid(f"{where} must be an object")
    unknown = sorted(set(value) - required - optional)
    if unknown:
        raise Invalid(f"{where} has an unknown key {unknown[0]!r}")
    missing = sorted(required - set(value))
    if missing:
        raise Invalid(f"{where} is missing {missing[0]!r}")
