"""A message that goes on with the rule the user gave just before ('keep it short', then 'and a
bit funny if possible, i like jokes'): feedback too, though on its own it reads like a request."""

from __future__ import annotations

import re
from collections.abc import Sequence

_GOES_ON = re.compile(r"(?i)^\s*(?:oh,? )?(?:and|also|plus)\b,?\s+(?P<rest>\S.*)$", re.S)
_ASKS = re.compile(
    r"(?i)^(?:how|what|what's|whats|why|who|where|when|which|is|are|was|do|does|did|can|could|"
    r"would|will|should|any|tell me|show me|give me an?|write|draft|make me|suggest|recommend|"
    r"find|list|translate|summari[sz]e)\b"
)
"""A question or a task after the 'and' ('and what about austria', 'also write me a haiku')."""
_MOST_WORDS = 25


def continues_rule(text: str, messages: Sequence[dict]) -> bool:
    """The message starts with 'and', 'also' or 'plus', asks nothing, and the user's message just
    before it was lasting feedback (a user message read as feedback, kept as no one-off)."""
    m = _GOES_ON.match(text)
    if m is None or "?" in text or len(text.split()) > _MOST_WORDS:
        return False
    if _ASKS.match(m.group("rest")):
        return False
    said = [x for x in messages if x.get("role") == "user"]
    last = said[-1] if said else {}
    return last.get("kind") == "feedback" and not last.get("one_off")


def what_follows(text: str) -> str:
    """The message without the 'and', 'also' or 'plus' it opens with: 'and we need 2 bedrooms
    obviously' is read as 'we need 2 bedrooms obviously' (the line had kept its 'And')."""
    m = _GOES_ON.match(text)
    return m.group("rest") if m else text


def only_a_question(directive: str | None, text: str) -> bool:
    """Read as feedback, the message asks a question and gives no directive ('and what about
    dessert' after an answer): it is a request (found in the TUI, where it got no answer)."""
    from assistant.feedback.lasting import asks_a_question

    return not directive and asks_a_question(text)
