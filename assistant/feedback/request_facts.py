"""What a request also says for good about the user ('I'm vegan, what's a good lunch?'): the
facts remembered before it is answered."""

from __future__ import annotations

import re

from assistant.feedback.directive import _joined, _lines, _sentence
from assistant.summary.slots import OTHER_PERSON, slots

_DURABLE = re.compile(
    r"\b(?:allerg\w*|intoleran\w*|coeliac|celiac|diabetic|diabetes|pregnant|wheelchair|"
    r"dyslexi\w*|adhd|autis\w*|deaf|hard of hearing|blind|colou?r ?blind|vegan|vegetarian|"
    r"pescatarian|(?:gluten|dairy|nut|lactose|sugar)[- ]free|lactose|halal|kosher|"
    r"(?:doesn'?t|does not|can'?t|cannot|won'?t|don'?t|do not|never) (?:eat|drink)s?)\b",
    re.I,
)
_NUMBERS = ("age:", "count:", "amount:")
_LASTING_ABOUT = re.compile(
    r"\b(?:called|named|name is|works (?:as|at|in|nights|days|from home)|is an? \w+ (?:nurse|"
    r"teacher|doctor|engineer|student))\b",
    re.I,
)
"""A person's name or work, said in a request ('my husband Raj works nights as an ER nurse')."""
_ABOUT_OTHER = re.compile(rf"(?i:^(?:she|he)(?:'s)?\b)|{OTHER_PERSON.pattern}")
_USER_SLOTS = {"diet", "location", "age", "job", "name"}
_ASKED_AFTER = re.compile(
    r",\s*(?=(?:what|what's|how|where|which|who|when|why|can|could|would|should|do|does|is|are|"
    r"any)\b)|\s+and (?:i |we )?(?:want|need|would like|'d like|am looking|'m looking)\b",
    re.I,
)


def facts_in_request(text: str) -> str | None:
    """What a request also says for good about the user ('I'm vegan, what's a good lunch?' →
    'I'm vegan.'): facts and names that fill a slot about them (diet, home, age, job, name, a
    person's age) or name an allergy or condition; None when it says nothing of the kind."""
    found = [
        _sentence(_ASKED_AFTER.split(line)[0])
        for line, kind in _lines(text)
        if kind in ("fact", "name", "slot")
        and "?" not in line
        and (
            _DURABLE.search(line)
            or any(s.name in _USER_SLOTS or s.name.startswith(_NUMBERS) for s in slots(line))
            or (
                _ABOUT_OTHER.search(line) and (_LASTING_ABOUT.search(line) or _DURABLE.search(line))
            )
        )
    ]
    found = [x for x in found if x]
    return _joined(found) if found else None


def update_in_request(text: str, summary: str) -> str | None:
    """What a request says before its question that, by the slot rules, changes a stored line
    ('bumped it up to 5 runs a week now, any tips?' after 'I run 3 times a week.'); else None."""
    from assistant.summary.merge import changes_stored_by_rule

    if not summary.strip():
        return None
    said = [
        _sentence(_ASKED_AFTER.split(x)[0])
        for x in re.split(r"(?<=[.!?])\s+", text.strip())
        if x and not x.rstrip().endswith("?")
    ]
    said += [_sentence(_ASKED_AFTER.split(text.strip())[0])] if not said else []
    found = [x for x in said if x and len(x) < len(text) and changes_stored_by_rule(summary, x)]
    return _joined(found) if found else None
