"""What a request says before its question that changes a stored line by the slot rules
('bumped it up to 5 runs a week now, any tips?' after 'I run 3 times a week.'): the update kept
before the question is answered."""

from __future__ import annotations

import re

from assistant.feedback.directive import _joined, _sentence, lines_with_kinds
from assistant.feedback.request_facts import _ASKED_AFTER


def update_in_request(text: str, summary: str) -> str | None:
    """What a request says before its question that, by the slot rules, changes a stored line
    ('bumped it up to 5 runs a week now, any tips?' after 'I run 3 times a week.'), its lines
    without their asides ('wait berlin is wrong, ...') where they still change it; else None."""
    from assistant.feedback.cues import only_this_answer
    from assistant.summary.merge import changes_stored_by_rule

    if not summary.strip() or only_this_answer(text):
        return None
    said = [
        _sentence(_ASKED_AFTER.split(x)[0])
        for x in re.split(r"(?<=[.!?])\s+", text.strip())
        if x and not x.rstrip().endswith("?")
    ]
    said += [_sentence(_ASKED_AFTER.split(text.strip())[0])] if not said else []
    found = [x for x in said if x and len(x) < len(text) and changes_stored_by_rule(summary, x)]
    found = [
        y for x in found for y, _ in lines_with_kinds(x) if changes_stored_by_rule(summary, y)
    ] or found
    return _joined(found) if found else None
