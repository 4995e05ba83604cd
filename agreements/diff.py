"""What changed between two versions of an agreement, in a form people can read.

Clauses keep a stable key from version to version, so an edited clause shows as changed
(with the words that changed), not as one removed and another added.
"""

import difflib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ClauseText:
    key: str
    kind: str
    text: str
    minutes: int | None = None


@dataclass(frozen=True)
class ClauseChange:
    status: str  # "added", "removed", "changed" or "unchanged"
    old: ClauseText | None
    new: ClauseText | None
    words: tuple[tuple[str, str], ...] = ()  # (op, text): op is "same", "added" or "removed"

    @property
    def clause(self) -> ClauseText:
        return self.new or self.old


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Split both texts into words (and spaces) and mark what was removed and added."""
    old_words, new_words = re.findall(r"\S+|\s+", old), re.findall(r"\S+|\s+", new)
    if len(old_words) <= 1 and len(new_words) <= 1:
        # A single "word" is often a whole sentence in Chinese: compare characters instead.
        old_words, new_words = list(old), list(new)
    parts: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("same", "".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(("removed", "".join(old_words[a1:a2])))
        if b2 > b1:
            parts.append(("added", "".join(new_words[b1:b2])))
    return tuple(parts)


def diff_clauses(old: list[ClauseText], new: list[ClauseText]) -> list[ClauseChange]:
    """Every clause of `new` in order, with the removed ones of `old` after them."""
    old_by_key = {clause.key: clause for clause in old}
    new_keys = {clause.key for clause in new}
    changes = []
    for clause in new:
        before = old_by_key.get(clause.key)
        if before is None:
            changes.append(ClauseChange("added", None, clause))
        elif before == clause:
            changes.append(ClauseChange("unchanged", before, clause))
        else:
            changes.append(
                ClauseChange("changed", before, clause, word_diff(before.text, clause.text))
            )
    changes.extend(ClauseChange("removed", c, None) for c in old if c.key not in new_keys)
    return changes


def has_changes(changes: list[ClauseChange]) -> bool:
    return any(change.status != "unchanged" for change in changes)


@dataclass(frozen=True)
class Collision:
    """A clause both partners changed, each differently, since the version they started from
    (None: that side removed it)."""

    key: str
    theirs: ClauseText | None
    mine: ClauseText | None


def merge_clauses(
    base: list[ClauseText], theirs: list[ClauseText], mine: list[ClauseText]
) -> tuple[list[ClauseText], list[Collision]]:
    """Both partners' edits of `base` together: a clause only one of them changed takes that
    change, one both changed alike takes it once, and one they changed differently collides
    and keeps their (the partner's, saved first) change. Their order, then my new clauses."""
    before = {clause.key: clause for clause in base}
    their = {clause.key: clause for clause in theirs}
    my = {clause.key: clause for clause in mine}
    keys = [c.key for c in theirs] + [c.key for c in mine if c.key not in their]
    keys += [key for key in before if key not in their and key not in my]
    merged, collisions = [], []
    for key in keys:
        old, their_clause, my_clause = before.get(key), their.get(key), my.get(key)
        if my_clause in (old, their_clause):
            chosen = their_clause
        elif their_clause == old:
            chosen = my_clause
        else:
            collisions.append(Collision(key, their_clause, my_clause))
            chosen = their_clause
        if chosen is not None:
            merged.append(chosen)
    return merged, collisions


def keep_mine(clauses: list[ClauseText], mine: dict[str, ClauseText | None]) -> list[ClauseText]:
    """The merged `clauses` with my side chosen for each collision in `mine` (key: my clause,
    None where I removed it): my words in that clause's place, the clause dropped where I
    removed it, and added at the end where they had removed it."""
    chosen = [mine.get(clause.key, clause) for clause in clauses]
    present = {clause.key for clause in clauses}
    chosen += [clause for key, clause in mine.items() if key not in present]
    return [clause for clause in chosen if clause is not None]
