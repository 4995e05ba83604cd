"""Every catalogue in the project is complete, and its committed .mo matches its .po."""

import gettext
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    path
    for path in ROOT.glob("**/locale/*/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "var" not in path.parts
)


def test_there_is_a_chinese_catalogue_for_the_core():
    assert ROOT / "locale/zh_Hans/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_entry_is_translated_and_not_fuzzy(po_path):
    catalogue = polib.pofile(str(po_path))

    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_compiled_catalogue_matches_its_source(po_path):
    with po_path.with_suffix(".mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)

    for entry in polib.pofile(str(po_path)).translated_entries():
        if entry.msgid_plural:
            singular = translations.ngettext(entry.msgid, entry.msgid_plural, 1)
            assert singular == entry.msgstr_plural[0]
        elif entry.msgctxt:
            assert translations.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
        else:
            assert translations.gettext(entry.msgid) == entry.msgstr, entry.msgid
