"""Which clauses of a message belong together. Bare items that open a sentence are its subject:
'Bread, pasta, rice and potatoes are off the menu for me' is one line, not 'Bread.' and
'Potatoes are off the menu for me.'; 'use fahrenheit and pounds' and 'honest but kind' too."""

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


def two_words(a: str, b: str) -> bool:
    """'honest but kind': two short sides of one wish, not two clauses."""
    return len(a.split()) <= 2 and len(words(b)) - ("please" in words(b)) <= 2


_SUBJECT_VERB = re.compile(r"(?:she|he|i|we|they|it)(?:'s|\u2019s|'re|'m| is| are| am)\s", re.I)


def bare_value(clause: str, sep: str) -> bool:
    """'pounds' in 'use fahrenheit and pounds': a value with no verb of its own, after 'and'."""
    return (
        sep.strip().lower() in ("and", "—", "–", "-")
        and len(clause.split()) <= 3
        and words(clause)[0] not in IMPERATIVES
        and not _SUBJECT_VERB.match(clause)  # 'and she's vegan' has a verb of its own
    )
