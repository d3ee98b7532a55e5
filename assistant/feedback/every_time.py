"""A rule for every answer said as a bare imperative: 'and flag anything that takes more than 45
minutes', 'please flag any recipes that contain it', 'cite everything in MLA'. The verb marks or
adds something, and what it applies to is any, every or all of a kind; nothing points at the answer
or a text in front of the user ('highlight any errors in this paragraph' asks for this answer)."""

from __future__ import annotations

import re

_EVERY_TIME = re.compile(
    r"(?i)^(?:(?:and|also|oh|ok|okay|so|plus)\W+)*(?:(?:please|pls|plz)\W+)?(?:always\W+)?"
    r"(?:flag|mark|warn me about|highlight|label|include|add|convert|bold|cite|tag|point out|"
    r"call out)\b(?:\W+[\w'-]+){0,4}?\W+(?:any|anything|every|everything|all|each|whatever)\b"
)
_AT_HAND = re.compile(
    r"(?i)\b(?:this|these|that one|those|here|below|above|attached|pasted|me|us|up|all of (?:it|them))\b|\?"
)


def asks_every_time(text: str) -> bool:
    """A bare imperative that marks or adds something to any, every or all of a kind, and points
    at nothing in front of the user: a rule for every answer, not a request."""
    said = text.strip()
    return bool(_EVERY_TIME.search(said)) and not _AT_HAND.search(said) and len(said.split()) <= 16


def rule_said(text: str) -> str | None:
    """The directive of a message read as a standing rule (classifier.sets_a_rule) where the
    directive head found none ('I think in Fahrenheit' was feedback with nothing to keep); not
    praise (the caller) or a remark."""
    from assistant.feedback.directive import extract_directive
    from assistant.summary import only_remarks

    return None if only_remarks(text) else extract_directive(text)  # 'sorry for the essay'
