"""What the user has at hand for the ask in front of them ('dinner ideas for tonight? we have
chicken thighs and rice', 'any ideas for dinner tonight? something with lentils maybe'): context
for this answer, not a fact to keep."""

from __future__ import annotations

import re

_ON_HAND = re.compile(
    r"(?i)^(?:and |but |oh )?(?:(?:we|i) (?:have|got|'ve got)|(?:we've|i've|ive) got|"
    r"there'?s|something (?:with|like)|maybe )|\bmaybe$|\b(?:in the fridge|left ?overs?)\b"
)
_FOR_NOW = re.compile(
    r"(?i)\b(?:tonight|today|this (?:evening|afternoon|morning)|right now|for (?:dinner|lunch|"
    r"breakfast) (?:tonight|today))\b"
)


def for_this_ask(piece: str, text: str) -> bool:
    """The piece says what is at hand or an option, in a message that asks for now."""
    return bool(_ON_HAND.search(piece.strip()) and _FOR_NOW.search(text))
