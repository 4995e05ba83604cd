"""Every string of the test has a real Simplified Chinese translation, compiled."""

from pathlib import Path

import polib

import assessments

CATALOGUE = Path(assessments.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_every_message_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(CATALOGUE / "django.po")

    assert [entry.msgid for entry in catalogue if not entry.msgstr] == []
    assert [entry.msgid for entry in catalogue if "fuzzy" in entry.flags] == []
    assert not catalogue.metadata_is_fuzzy


def test_the_compiled_catalogue_matches_the_source():
    source = {entry.msgid: entry.msgstr for entry in polib.pofile(CATALOGUE / "django.po")}
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(CATALOGUE / "django.mo")}

    assert compiled == source
