"""One word for each thing in Chinese, wherever Chinese is written: the catalogues, the program
and guide files, and any other source.

- "program" is 计划, never 项目;
- "therapist" is 咨询师 (the word for the counsellor a self-help app points to, and the one
  that goes with 来访者 and 咨询), never 治疗师;
- "Back to the path" says where it goes (回到计划路线图): 返回路线 reads as "the return route".
"""

import json
import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOT_SOURCES = {".venv", ".git", ".hypothesis", "node_modules", "var", "tests", "staticfiles"}
FORBIDDEN = {
    "项目": "“program” is 计划",
    "治疗师": "“therapist” is 咨询师",
    "返回路线": "返回路线 reads as “the return route”: 回到计划路线图 goes back to the path",
}
GLOSSARY = {
    re.compile(r"\bprograms?\b", re.IGNORECASE): "计划",
    re.compile(r"\btherapists?\b", re.IGNORECASE): "咨询师",
}
CHINESE = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")  # "%(program)s" names a value, not the word


def sources(*patterns: str) -> list[Path]:
    return sorted(
        path
        for pattern in patterns
        for path in ROOT.glob(pattern)
        if not NOT_SOURCES & set(path.relative_to(ROOT).parts)
    )


CATALOGUES = sources("**/locale/*/LC_MESSAGES/django.po")
CONTENT = sources("**/*.json")
WITH_CHINESE = [
    path
    for path in sources("**/*.po", "**/*.json", "**/*.py", "**/*.html", "**/*.txt")
    if CHINESE.search(path.read_text(encoding="utf-8"))
]


def test_it_reads_every_place_chinese_is_written():
    names = {str(path.relative_to(ROOT)) for path in WITH_CHINESE}

    assert {
        "locale/zh_Hans/LC_MESSAGES/django.po",
        "programs/locale/zh_Hans/LC_MESSAGES/django.po",
        "programs/content/security-and-sexuality.json",
        "couplespace/guides/security-and-sexuality.json",
        "couplespace/guides/self-and-connection.json",
        "agreements/phrasing.py",
    } <= names


@pytest.mark.parametrize("path", WITH_CHINESE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_source_uses_a_word_outside_the_glossary(path):
    lines = path.read_text(encoding="utf-8").splitlines()

    found = [
        f"line {number}: {word} ({why})"
        for number, line in enumerate(lines, start=1)
        for word, why in FORBIDDEN.items()
        if word in line
    ]

    assert found == []


def pairs_in(content) -> list[tuple[str, str]]:
    """Every (English, Chinese) pair in a content file, however deep."""
    if isinstance(content, dict):
        here = [(content["en"], content["zh-hans"])] if {"en", "zh-hans"} <= content.keys() else []
        return here + [pair for value in content.values() for pair in pairs_in(value)]
    if isinstance(content, list):
        return [pair for value in content for pair in pairs_in(value)]
    return []


def translations() -> list[tuple[str, str, str]]:
    found = [
        (str(path.relative_to(ROOT)), entry.msgid, entry.msgstr)
        for path in CATALOGUES
        for entry in polib.pofile(str(path)).translated_entries()
    ]
    for path in CONTENT:
        pairs = pairs_in(json.loads(path.read_text(encoding="utf-8")))
        found += [
            (str(path.relative_to(ROOT)), en, zh)
            for en, zh in pairs
            if isinstance(en, str) and isinstance(zh, str)
        ]
    return found


def test_the_english_word_is_always_said_with_its_chinese_word():
    missing = [
        f"{where}: {english[:60]!r} has no {word}"
        for where, english, chinese in translations()
        for pattern, word in GLOSSARY.items()
        if pattern.search(PLACEHOLDER.sub("", english)) and word not in chinese
    ]

    assert missing == []
