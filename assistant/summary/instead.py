"""What the user says to do instead, beside what they reject: 'Use Catalan instead of Spanish'
keeps only the new value once the old one is replaced, and 'Just plain paragraphs.' said after
'Stop using headers.' goes when that rule is taken back."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.summary.relation_cues import stems
from assistant.summary.slots import slots

_JUST = re.compile(r"^(?:just|only|instead)\b(?:\s+\S+){1,4}$", re.I)


def instead_after(lines: Sequence[str], gone: Sequence[tuple[str, str]]) -> list:
    """'Just plain paragraphs.' said after 'Stop using headers.': what to do instead goes when
    the rule before it is taken back."""
    out = []
    for old, relation in gone:
        at = lines.index(old) + 1 if relation == "retracts" and old in lines else 0
        if 0 < at < len(lines) and _JUST.match(lines[at].rstrip(".!")):
            out.append((lines[at], "retracts"))
    return out


_INSTEAD_OF = re.compile(
    r"(?:,\s*not|,?\s+(?:instead of|rather than))\s+(?:the\s+)?(?P<old>[\w' -]{2,30}?)\s*(?=[.,;!]|$)",
    re.I,
)


def without_old_value(line: str, replaced: Sequence[str]) -> str:
    """'Use Catalan instead of Spanish.' once 'Answer in Spanish.' is replaced, or when the old
    value is of the same slot: 'Use Catalan.' (the old value stays in the history)."""
    m = _INSTEAD_OF.search(line)
    if not m:
        return line
    rest = line[: m.start()] + line[m.end() :]
    named = {x.name for x in slots(m.group("old"))}
    same_slot = bool(named) and named <= {x.name for x in slots(rest)}  # 'Catalan, not Spanish'
    return (
        rest.strip()
        if same_slot or any(stems(m.group("old")) & stems(o) for o in replaced)
        else line
    )
