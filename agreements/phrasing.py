"""The phrasing helper: spot blaming forms and offer an "I need … / I'd like to try …" rewrite.

Plain functions of plain text, in English and Chinese. A hint is only a suggestion: the
person may keep their own words, or take the rewrite in place of the sentence (`take`).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

GAP = re.compile("…+")  # where the rewrite leaves the person something to say


@dataclass(frozen=True)
class Hint:
    found: str  # the blaming words, as the person wrote them
    sentence: str  # the sentence they are in
    rewrite: str  # the same wish, said as a need


def need(rest: str) -> str:
    return f"I need you to {rest}."


def try_instead(rest: str) -> str:
    return f"When you {rest}, I feel … I'd like to try …"


def try_instead_being(rest: str) -> str:
    return f"When you are {rest}, I feel … I'd like to try …"


def not_a_fault(rest: str) -> str:
    rest = re.sub(r"^that\s+", "", rest, flags=re.IGNORECASE)
    if not rest:
        return "I feel … about what happened. What I need now is …"
    return f"When {rest}, I feel … What I need now is …"


def need_zh(rest: str) -> str:
    return f"我需要你{rest}。"


def try_instead_zh(rest: str) -> str:
    return f"当你{rest}的时候，我感到……我想试试……"


def not_a_fault_zh(_rest: str) -> str:
    """The same for any sentence: in Chinese what happened usually comes before the blame."""
    return "对发生的事，我感到……我现在需要……"


APOSTROPHE = "['’]?"


@dataclass(frozen=True)
class Pattern:
    words: re.Pattern
    rewrite: Callable[[str], str]
    needs_rest: bool = True  # without words after the blame, there is nothing to rewrite


# Most specific first: "why don't you ever" before "you never", 你为什么从来不 before 你从来不.
PATTERNS = [
    Pattern(re.compile(rf"\bwhy don{APOSTROPHE}t you ever\b", re.IGNORECASE), need),
    Pattern(re.compile(r"\byou should\b", re.IGNORECASE), need),
    Pattern(re.compile(r"\byou never\b", re.IGNORECASE), need),
    Pattern(re.compile(r"\byou always\b", re.IGNORECASE), try_instead),
    Pattern(re.compile(r"\byou(?:['’]re| are) always\b", re.IGNORECASE), try_instead_being),
    Pattern(
        re.compile(rf"\bit(?:{APOSTROPHE}s| is) (?:all )?your fault\b", re.IGNORECASE),
        not_a_fault,
        needs_rest=False,
    ),
    Pattern(re.compile(r"你为什么(?:从来|从)不"), need_zh),
    Pattern(re.compile(r"你应该"), need_zh),
    Pattern(re.compile(r"你(?:从来|从)不"), need_zh),
    Pattern(re.compile(r"你(?:总是|老是)"), try_instead_zh),
    Pattern(re.compile(r"(?:这|都|全)?(?:是你的错|(?<!奇)怪你)"), not_a_fault_zh, needs_rest=False),
]

SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]*")
TRAILING = " \t.,!?;:，。！？；：呢吗啊"


def sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE.findall(text) if part.strip()]


def hint_for(sentence: str) -> Hint | None:
    for pattern in PATTERNS:
        match = pattern.words.search(sentence)
        if match:
            rest = sentence[match.end() :].strip(TRAILING)
            if not rest and pattern.needs_rest:
                return None
            return Hint(found=match.group(0), sentence=sentence, rewrite=pattern.rewrite(rest))
    return None


def check(text: str) -> list[Hint]:
    """One hint for each sentence that blames, in the order they were written."""
    return [hint for hint in map(hint_for, sentences(text)) if hint]


def take(text: str, hint: Hint) -> tuple[str, tuple[int, int]]:
    """The text with the hint's sentence replaced by its rewrite, the rest kept as it is, and
    what to select in it: the first gap the rewrite leaves to fill (typing replaces it), or
    the cursor just after the rewrite. A sentence no longer in the text (it was changed
    meanwhile) leaves the text as it is, the cursor at its end."""
    start = text.find(hint.sentence)
    if start < 0:
        return text, (len(text), len(text))
    taken = text[:start] + hint.rewrite + text[start + len(hint.sentence) :]
    gap = GAP.search(hint.rewrite)
    if gap is None:
        end = start + len(hint.rewrite)
        return taken, (end, end)
    return taken, (start + gap.start(), start + gap.end())
