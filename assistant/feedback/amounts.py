"""A short message that gives a stored line a new amount ('ok 20, compromise'), with any rule
said beside it ('make that 1500 — and I'm in Canada so CAD')."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.feedback.directive import find_directive
from assistant.feedback.roles import named
from assistant.summary.lines import directive_lines
from assistant.summary.quantities import new_amount
from assistant.summary.references import sets_a_number
from assistant.summary.slots import slots


def amount_and_rules(summary_lines: Sequence[str], text: str) -> str | None:
    """new_amount (the stored line with its new number), then each line of the message's
    directive that names a slot and is not that number again; None when no amount is new, or
    when the message names someone the line does not ('Swim lessons for Poppy are Tuesdays at
    4.' is no new year for 'Harry is in Year 2.')."""
    bumped = new_amount(summary_lines, text)
    who = named(text)
    if not bumped or who and who not in bumped:
        return None
    said = directive_lines(find_directive(text) or "")
    rest = [
        x for x in said if slots(x) and not sets_a_number(x) and not new_amount(summary_lines, x)
    ]
    return " ".join([bumped, *rest])
