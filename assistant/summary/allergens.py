"""A corrected allergen: 'turns out jess isnt allergic to peanuts at all, its tree nuts' after
'My friend jess is allergic to peanuts.' gives 'My friend jess is allergic to tree nuts.' (who
and what kind of line stay; only the wrong allergen goes)."""

from __future__ import annotations

import re
from collections.abc import Sequence

_THING = r"(?P<{}>[a-z][a-z'-]*(?: [a-z][a-z'-]*){{0,2}}?)"
_ITS = (
    r"(?:it'?s|its|it is|it was|they'?re|it turned out to be)\s+(?:actually\s+|really\s+|just\s+)?"
)
_END = r"(?=\s*(?:[.,;:!?]|$|\bshe\b|\bhe\b|\bthey\b|\bi\b|\bthat\b|\bwhich\b|\bthough\b|\bbtw\b))"
_SAID = [
    re.compile(rf"\b{_ITS}{_THING.format('b')},?\s+(?:and\s+)?not\s+{_THING.format('a')}{_END}"),
    re.compile(
        rf"\b(?:not|isn'?t|aren'?t|wasn'?t)\s+(?:really\s+|actually\s+)?(?:allergic to\s+)?"
        rf"{_THING.format('a')}(?:\s+at all)?(?:\s+after all)?\s*[,.;:!-]*\s*(?:but\s+)?{_ITS}"
        rf"{_THING.format('b')}{_END}"
    ),
    re.compile(
        rf"\b(?:the\s+)?{_THING.format('a')}\s+(?:thing\s+|one\s+)?(?:was|is)\s+(?:a\s+)?"
        rf"(?:false alarm|mistake|misdiagnosis|wrong)\s*[,.;:!-]*\s*(?:and\s+)?{_ITS}"
        rf"{_THING.format('b')}{_END}"
    ),
]
_ALLERGY = re.compile(r"(?i)\b(?:allerg\w*|intoleran\w*|sensitiv\w*|reacts?|anaphyla\w*)\b")
_NOT_A_THING = frozenset({"it", "that", "this", "them", "me", "him", "her", "fine", "ok", "okay"})


def _key(word: str) -> str:
    return re.sub(r"(?:es|s)$", "", word.lower()) if len(word) > 3 else word.lower()


def corrected(text: str) -> tuple[str, str] | None:
    """(wrong, right) the message says of an allergen: ('peanuts', 'tree nuts') of "it's tree
    nuts, not peanuts"; None when it says no such correction."""
    low = re.sub(r"\s+", " ", text.lower())
    for pattern in _SAID:
        m = pattern.search(low)
        if m and not {m.group("a"), m.group("b")} & _NOT_A_THING and m.group("a") != m.group("b"):
            return m.group("a"), m.group("b")
    return None


def allergen_fixed(
    before: Sequence[str], lines: list[str], text: str
) -> tuple[list[str], list[tuple[str, str]]]:
    """(lines, edits): the one stored allergy line that names the wrong allergen, with the right
    one in its place (also when the merge took the line); lines the message added that only
    repeat the correction go. Nothing when no stored line, or more than one, names it."""
    from assistant.summary.list_items import put_back
    from assistant.summary.stale import stems

    said = corrected(text)
    if said is None:
        return lines, []
    wrong, right = said
    last = _key(wrong.split()[-1])
    hits = [
        (x, m)
        for x in before
        if _ALLERGY.search(x)
        for m in [re.search(rf"(?i)\b{re.escape(last)}\w*", x)]
        if m and not re.search(rf"(?i)\b{re.escape(_key(right.split()[-1]))}", x)
    ]
    if len(hits) != 1:
        return lines, []
    old, m = hits[0]
    plural = m.group(0).lower().endswith("s") or not right.endswith("s")
    new = old[: m.start()] + (right if plural else right[:-1]) + old[m.end() :]
    named = {last, _key(right.split()[-1])}

    def restated(x: str) -> bool:  # 'Peanuts are actually fine for him.', 'My partner is Ingrid.'
        return bool({_key(w) for w in re.findall(r"[a-z]+", x.lower())} & named) or (
            stems(x) <= stems(new)
        )

    return put_back(list(before), lines, [(old, new)], restated), [(old, new)]
