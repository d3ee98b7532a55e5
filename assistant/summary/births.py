"""A child born ('baby number three arrived on tuesday', 'we just had a baby!!') after the
summary counted the children ('I have two kids, 4 and 8.'): the new count, said with the news."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.summary.slots import slots

_BORN = re.compile(
    r"(?i)\bbaby (?:number|no\.?|#) ?(?P<n>\w+)|\b(?:we|i) (?:just )?had (?:a|our|my) "
    r"(?:baby|son|daughter|little (?:boy|girl))\b|\b(?:baby|newborn|little one)(?: [\w-]+)? "
    r"(?:arrived|was born|is here|came)\b|\b(?:mum|mom|mother|dad|father|parent) of (?P<m>\w+)\b"
)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_WORDS = {v: k for k, v in _NUMBERS.items()}


def with_new_count(line: str, stored: Sequence[str]) -> str | None:
    """'Baby number three arrived on tuesday.' after "I've got two kids, Ava and Sam." → 'Baby
    number three arrived on tuesday, so 3 kids now.' (the count line it replaces); None when
    nobody is born or no count of children is stored."""
    m = _BORN.search(line)
    counted = [(x, s) for x in stored for s in slots(x) if s.name == "count:kids"]
    if m is None or not counted or "kids now" in line:
        return None
    said = (m.group("n") or m.group("m") or "").lower()
    old, was = counted[-1][0], int(counted[-1][1].value)
    n = int(said) if said.isdigit() else _NUMBERS.get(said, was + 1)
    if n <= was:
        return None
    at = re.search(rf"\b(?:{was}|{_WORDS.get(was, was)})\b", old)  # 'mum of two: Leo is 6'
    if at and n in _WORDS:  # the children it names stay: 'mum of three: Leo is 6'
        new = str(n) if at.group(0).isdigit() else _WORDS[n]
        news = line.strip().rstrip(".!")
        return (
            f"{old[: at.start()]}{new}{old[at.end() :].rstrip('.')}; {news[:1].lower()}{news[1:]}."
        )
    return f"{line.rstrip('.!')}, so {n} kids now."
