"""The core catalogue wins over an app's for the same message, so the two must agree."""

from pathlib import Path

import polib

import assessments

ROOT = Path(assessments.__file__).resolve().parent.parent
CORE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
OURS = ROOT / "assessments" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_messages_shared_with_the_core_are_translated_the_same_way():
    core = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in polib.pofile(str(CORE))}

    ours = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in polib.pofile(str(OURS))}

    differing = [
        (key, core[key], translation)
        for key, translation in ours.items()
        if key in core and core[key] != translation
    ]

    assert differing == []
