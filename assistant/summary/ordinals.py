"""'Forget the second one', 'drop the first thing I said': a take-back that points at a stored
line by its place in the summary, spelled out so the take-back names what it takes back."""

from __future__ import annotations

import re
from collections.abc import Sequence

_NTH = re.compile(
    r"(?i)^\W*(?:(?:ok|okay|actually|oh|and|also|you can|please|pls)\W+)*(?:forget|scratch|drop|"
    r"ignore|scrap|cancel|remove|delete|undo) (?:about )?the (?P<n>first|second|third|1st|2nd|3rd) "
    r"(?:one|thing|rule|point|bit|request|line)(?: i (?:said|asked for|mentioned|gave you))?\W*$"
)
_PLACES = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2}


def nth_taken_back(line: str, stored: Sequence[str]) -> str | None:
    """'Forget the second one.' with three stored lines → 'Forget: <the second line>'; None when
    the line points at no place or the summary has no line there."""
    m = _NTH.match(line.strip())
    at = _PLACES[m.group("n").lower()] if m else -1
    if m is None or at >= len(stored) or len(stored) < 2:
        return None
    return f"Forget: {stored[at].rstrip('.')}."
