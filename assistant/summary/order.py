"""Order and count slots: 'three options', 'code first, explanation after'."""

from __future__ import annotations

import re

_COUNT = re.compile(
    r"\b(one|single|two|three|four|five|\d+|a few|several|multiple|fewer|more)\s+(?:best\s+)?"
    r"(?:options?|choices?|recommendations?|alternatives?|suggestions?|picks?)\b"
)
_ORDER = (
    re.compile(
        r"\b(\w+),? (?:first|(?:at|to) the (?:top|start|beginning|front)|up front|upfront)\b"
    ),
    re.compile(r"\b([a-z][\w-]*) (?:before|then) (?:the |a |an )?([a-z][\w-]*)"),
    re.compile(
        r"\b([a-z][\w-]*) (?:after|(?:at|to) the (?:end|bottom)|last\b(?!\s+(?:week|month|year|"
        r"night|time|summer|winter|spring|autumn|fall)))\b"
    ),
)

_POINTERS = frozenset({"that", "this", "the", "your", "my", "it", "and", "or", "but", "so"})
"""'that last answer', 'the first one': a pointer at an answer, not what comes first or last."""


def order_and_count(low: str) -> list[tuple[str, str]]:
    """'three options' → options: 3; 'code first, explanation after' and 'the explanation before
    the code' → order:code|explanation with what comes first as the value."""
    found = []
    m = _COUNT.search(low)
    if m:
        n = {"one": "1", "single": "1", "two": "2", "three": "3", "four": "4", "five": "5"}
        found.append(("options", n.get(m.group(1), m.group(1))))
    first, pair, last = (
        m if m and m.group(1) not in _POINTERS else None for m in (p.search(low) for p in _ORDER)
    )
    if pair:
        a, b = pair.group(1), pair.group(2)
        found.append((f"order:{'|'.join(sorted((a, b)))}", a))
    elif first and last:
        a, b = first.group(1), last.group(1)
        found.append((f"order:{'|'.join(sorted((a, b)))}", a))
    elif first or last:
        m = first or last
        found.append((f"order:{m.group(1)}", "first" if first else "last"))
    return found
