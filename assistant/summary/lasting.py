"""Is a directive lasting (how this person wants answers in general) or a fix of the last
output? The rule for callers without the feedback classifier's lasting head."""

from __future__ import annotations

import re

from assistant.summary.axes import classify
from assistant.summary.lines import directive_lines

_PERSIST = re.compile(
    r"\b(always|never|from now on|in (the )?future|in general|generally|every time|any time|"
    r"all (of )?your (answers|replies|responses)|your (answers|replies|responses)|answers|replies|responses)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(
    r"\b(i|i'm|i am|i've|my|me)\b.{0,40}\b(prefer|like|love|enjoy|hate|dislike|can't stand|avoid|"
    r"allergic|vegan|vegetarian|intolerant|use|am|'m|have)\b|\b(i'm|i am) (a|an|not)\b",
    re.IGNORECASE,
)


def is_lasting(directive: str, text: str = "") -> bool:
    """Does a directive describe how this person wants answers in general (remember it), or only
    how to fix the last output ("make this one a table", "redo it with prices")? Style and content axes, first-person
    preferences and persistence words ("always", "from now on") make it lasting. (The feedback
    classifier's lasting head decides in the product; this is the rule for callers without it.)"""
    said = f"{text} {directive}"
    about_me = re.match(r"\s*(i|i'm|i've|i'd|my|me|we|our)\b", directive, re.IGNORECASE)
    if about_me or _PERSIST.search(said) or _FIRST_PERSON.search(said):
        return True
    return any(
        not axis.startswith("topic:")
        for line in directive_lines(directive)
        for axis, _polarity in classify(line)
    )
