"""A new name for someone or something the summary names ('we renamed him Pepper', "we
rebranded!! it's Petal House now"): the stored line that says what it is called, renamed."""

from __future__ import annotations

import re
from collections.abc import Sequence

_RENAMED = re.compile(
    r"(?i)\b(?:renamed|rebranded|re-?named)(?: (?:him|her|it|them|the \w+|(?:my|our) \w+))?"
    r"(?: (?:as|to))?(?: the)? (?P<n>[\w&'-]+(?: [\w&'-]+){0,2}?)(?=\s*(?:[.,;!]|now\b|lol|haha|$))"
)
_RENAMING = re.compile(
    r"(?i)\brenam\w*\b[^;]{0,60}?\b(?:he|she|it|(?:my|our) (?:new )?[a-z]+)(?:'s| is) (?:now )?(?P<n>(?-i:[A-Z])[\w'-]*)(?= now|\W*$)"
)
_ITS_NOW = re.compile(
    r"^\W*(?:(?i:we|i) (?:rebranded|renamed)\W+)?(?i:it'?s|its|it is) (?:now )?(?:called )?"
    r"(?P<n>[A-Z][\w&'-]*(?: (?:&|[A-Z][\w&'-]*))*) now\W*$"
)
_CALLED = re.compile(
    r"\b(?:called|named|name is|name's|calling (?:him|her|it|them))\s+(?P<o>[\w&'-]+(?: (?:&|[A-Z][\w&'-]*))*)"
)
_NOT_NAMES = frozenset(
    re.findall(r"\w+", "it that this him her them the a an to as now lol haha lmao tbh omg again")
)


def _new_name(line: str) -> re.Match | None:
    m = _RENAMING.search(line) or _RENAMED.search(line) or _ITS_NOW.match(line.strip())
    return None if m is None or m.group("n").split()[0].lower() in _NOT_NAMES else m


def renames(line: str) -> bool:
    """'we renamed him Pepper lol': the line gives something a new name."""
    return _new_name(line) is not None


def renamed(line: str, stored: Sequence[str]) -> str | None:
    """The newest stored line that gives one name ('Our dog's called Biscuit.'), with the new
    name the line gives it; None when the line renames nothing or no such line is stored."""
    m = _new_name(line)
    if m is None:
        return None
    named = [(x, c[0]) for x in stored for c in [list(_CALLED.finditer(x))] if len(c) == 1]
    if not named:
        return None
    old, at = named[-1]
    return old[: at.start("o")] + m.group("n") + old[at.end("o") :]


def same_but_named(old: str, new: str) -> bool:
    """ "Our dog's called pepper." after "Our dog's called biscuit.": the same line, renamed."""
    a, b = list(_CALLED.finditer(old)), list(_CALLED.finditer(new))
    if len(a) != 1 or len(b) != 1 or a[0].group("o").lower() == b[0].group("o").lower():
        return False
    return (old[: a[0].start("o")].lower(), old[a[0].end("o") :].lower()) == (
        new[: b[0].start("o")].lower(),
        new[b[0].end("o") :].lower(),
    )
