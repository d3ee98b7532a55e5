"""What a message says holds now, when the stale-line reader ended a stored line with it and the
turn stored nothing in its place: 'the office closed for good last month, everyone's fully remote
now' ended "My office is in Canary Wharf ..." but the route found no rule in it, so the summary
kept nothing of the remote work ('make that 5:40/km', 'so 3000 total now' likewise). A statement
of the message that says a value (a number, a time, 'now', 'instead', 'still', a change of
something to something) and takes nothing back is kept as said; graph.retire applies it."""

from __future__ import annotations

import re

_VALUE = re.compile(
    r"(?i)\d|\b(?:now|instead|still|these days|going forward|from now on)\b"
    r"|\b(?:changed|moved|switched|transferred|bumped|pushed|upped|dropped)\b[^.;]*\bto\b"
)
_NOT_SAID = re.compile(r"(?i)\b(?:any ?more|no longer|forget|ignore|scratch|never ?mind|nvm)\b")


def said_now(text: str) -> list[str]:
    """The message's statements that say what holds now ('The office closed for good last month,
    everyone's fully remote now.'); [] for a question, a request or a take-back."""
    from assistant.feedback.cues import asks_for_something
    from assistant.feedback.directive import extract_directive
    from assistant.summary.lines import directive_lines, sentence
    from assistant.summary.retraction import is_retraction

    if asks_for_something(text):
        return []
    said = directive_lines(extract_directive(text) or "")
    parts = [sentence(y) for x in said for y in re.split(r"(?<=[.!?])\s+", x) if y.strip()]
    return [
        x
        for x in parts
        if _VALUE.search(x) and not _NOT_SAID.search(x) and not is_retraction(x)
        and not asks_for_something(x)
    ]  # fmt: skip
