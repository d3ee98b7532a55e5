"""The deadline slot: the date something is due ('My thesis is due May 15th', 'new deadline is
June 2', 'I pushed the exam to February'); a new date for it replaces the old one."""

from __future__ import annotations

import re

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = rf"(?:{_MONTH}(?:\s+{_DAY}\b)?|{_DAY}(?:\s+of)?\s+{_MONTH}|the\s+{_DAY}\b)"
_WHEN = re.compile(
    rf"\b(?:due|deadline(?:'s| is)?|(?:pushed|moved|postponed|rescheduled|shifted|bumped)"
    rf"(?:\s+[\w']+){{0,4}}?\s+(?:back\s+)?(?:to|till|until|for)|in|on|by|is)\s+(?:on\s+)?({_DATE})"
)
_DUE_THING = re.compile(
    r"\b(?:due|deadline|exam|submission|submit|defen[cs]e|interview|presentation|viva|"
    r"pushed|postponed|rescheduled)\b"
)


def deadline_of(low: str) -> str | None:
    """The due date a lowercased line gives, or None: 'may 15th' of 'my thesis is due may 15th'."""
    if not _DUE_THING.search(low):
        return None
    m = _WHEN.search(low)
    return re.sub(r"\s+", " ", m.group(1)) if m else None
