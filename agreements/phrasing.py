"""The phrasing helper: spot blaming forms and offer an "I need … / I'd like to try …" rewrite.

Plain functions of plain text, in English and Chinese. A hint is only a suggestion: the
person may keep their own words.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Hint:
    found: str  # the blaming words, as the person wrote them
    sentence: str  # the sentence they are in
    rewrite: str  # the same wish, said as a need


def need(rest: str) -> str:
    return f"I need you to {rest}."


def try_instead(rest: str) -> str:
    return f"When you {rest}, I feel … I'd like to try …"


def need_zh(rest: str) -> str:
    return f"我需要你{rest}。"


def try_instead_zh(rest: str) -> str:
    return f"当你{rest}的时候，我感到……我想试试……"


APOSTROPHE = "['’]?"

# Most specific first: "why don't you ever" before "you never", 你为什么从来不 before 你从来不.
PATTERNS = [
    (re.compile(rf"\bwhy don{APOSTROPHE}t you ever\b", re.IGNORECASE), need),
    (re.compile(r"\byou should\b", re.IGNORECASE), need),
    (re.compile(r"\byou never\b", re.IGNORECASE), need),
    (re.compile(r"\byou always\b", re.IGNORECASE), try_instead),
    (re.compile(r"你为什么(?:从来|从)不"), need_zh),
    (re.compile(r"你应该"), need_zh),
    (re.compile(r"你(?:从来|从)不"), need_zh),
    (re.compile(r"你总是"), try_instead_zh),
]

SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]*")
TRAILING = " \t.,!?;:，。！？；：呢吗啊"


def sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE.findall(text) if part.strip()]


def hint_for(sentence: str) -> Hint | None:
    for pattern, rewrite in PATTERNS:
        match = pattern.search(sentence)
        if match:
            rest = sentence[match.end() :].strip(TRAILING)
            if not rest:
                return None
            return Hint(found=match.group(0), sentence=sentence, rewrite=rewrite(rest))
    return None


def check(text: str) -> list[Hint]:
    """One hint for each sentence that blames, in the order they were written."""
    return [hint for hint in map(hint_for, sentences(text)) if hint]
