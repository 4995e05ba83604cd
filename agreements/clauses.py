"""The named kinds of clause a security agreement is made of, and the templates to start from.

Plain values and functions: nothing here touches the database.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from couplespace.languages import LANGUAGES, in_reader_language

PAUSE_LIMIT_MINUTES = 60

KINDS = {
    "signal": _("Signal"),
    "committed_response": _("Committed response"),
    "consultation": _("Consultation before big decisions"),
    "connection_in_disagreement": _("Staying connected in disagreement"),
    "pause_rule": _("Pause rule"),
    "after_intimacy": _("After intimacy"),
    "gentle_refusal": _("Gentle refusal"),
}

TEMPLATES_FILE = Path(__file__).parent / "content" / "clause_templates.json"


class TemplateFileError(ValueError):
    """A clause template file is malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class ClauseTemplate:
    key: str
    kind: str
    text: dict[str, str]
    minutes: int | None = None

    @property
    def localized_text(self) -> str:
        return in_reader_language(self.text)

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


def parse_templates(raw: str, *, source: str) -> list[ClauseTemplate]:
    """Validate a template file's JSON text; every problem names `source` and the entry."""
    try:
        entries = json.loads(raw)
    except json.JSONDecodeError as error:
        raise TemplateFileError(f"{source}: not valid JSON ({error})") from None
    if not isinstance(entries, list) or not entries:
        raise TemplateFileError(f"{source}: expected a non-empty list of clause templates")
    templates, seen = [], set()
    for index, entry in enumerate(entries):
        where = f"{source}: template {index + 1}"
        if not isinstance(entry, dict):
            raise TemplateFileError(f"{where}: expected an object")
        unknown = set(entry) - {"key", "kind", "text", "minutes"}
        if unknown:
            raise TemplateFileError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        key = entry.get("key")
        if not isinstance(key, str) or not key:
            raise TemplateFileError(f"{where}: needs a 'key'")
        if key in seen:
            raise TemplateFileError(f"{where}: the key '{key}' is used twice")
        seen.add(key)
        if entry.get("kind") not in KINDS:
            raise TemplateFileError(f"{where} ('{key}'): unknown kind {entry.get('kind')!r}")
        text = entry.get("text")
        if not isinstance(text, dict) or any(not text.get(lang) for lang in LANGUAGES):
            raise TemplateFileError(f"{where} ('{key}'): needs text in {' and '.join(LANGUAGES)}")
        minutes = entry.get("minutes")
        if (entry["kind"] == "pause_rule") != (minutes is not None):
            raise TemplateFileError(f"{where} ('{key}'): only a pause rule has 'minutes'")
        if minutes is not None and not (isinstance(minutes, int) and 1 <= minutes <= 60):
            raise TemplateFileError(f"{where} ('{key}'): 'minutes' must be 1 to 60")
        templates.append(ClauseTemplate(key=key, kind=entry["kind"], text=text, minutes=minutes))
    return templates


@cache
def clause_templates() -> tuple[ClauseTemplate, ...]:
    return tuple(parse_templates(TEMPLATES_FILE.read_text("utf-8"), source=TEMPLATES_FILE.name))


def template_by_key(key: str) -> ClauseTemplate | None:
    return next((t for t in clause_templates() if t.key == key), None)
