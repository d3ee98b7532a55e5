"""Bare items that open a sentence are its subject: 'Bread, pasta, rice and potatoes are off the
menu for me' is one line, not 'Bread.' and 'Potatoes are off the menu for me.'."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.feedback.cues import COMPARATIVES, IMPERATIVES, words

COPULAS = {
    "is",
    "are",
    "was",
    "were",
    "am",
    "be",
    "been",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
}
PRONOUNS = {"i", "we", "you", "it", "they", "he", "she", "this", "that", "there"}
_JOINS = (",", "and", "or")

Clause = tuple[str, str, str]
"""(clause with fillers stripped, separator before it, raw clause)."""


def join_subject_lists(pairs: list[Clause], bare: Callable[[str], bool]) -> list[Clause]:
    """Glue the bare items (`bare(clause)`) at the start of a sentence, joined by ',', 'and' or
    'or', to the clause that follows them, when that clause continues the sentence (it does not
    open with an imperative, a pronoun or a comparative: 'great, but a bit shorter' stays two)."""
    out: list[Clause] = []
    held: list[Clause] = []
    for clause, sep, raw in pairs:
        starts = not out and not held or bool(re.search(r"[.!?;\n]", sep))
        if starts and held:
            out.extend(held)
            held = []
        joined_on = sep.strip().lower() in _JOINS
        if bare(clause) and (starts or held and joined_on):
            held.append((clause, sep, raw))
            continue
        first = words(clause)[:1]
        if (
            held
            and joined_on
            and first
            and first[0] not in (IMPERATIVES | PRONOUNS | COMPARATIVES | {"a", "now"})
        ):
            lead = held[0][0] + "".join(s + c for c, s, _ in held[1:])
            whole = held[0][2] + "".join(s + r for _, s, r in held[1:])
            out.append((lead + sep + clause, held[0][1], whole + sep + raw))
        else:
            out.extend(held)
            out.append((clause, sep, raw))
        held = []
    return out + held
