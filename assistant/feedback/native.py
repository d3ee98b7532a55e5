"""A switch of answer language asked for in that language ('respóndeme en español por favor',
'auf Deutsch bitte'): a lasting rule, stored as an English line the summary's slots can read."""

from __future__ import annotations

import re

_LANGUAGE_OF = {
    "español": "Spanish", "espanol": "Spanish", "castellano": "Spanish",
    "français": "French", "francais": "French", "deutsch": "German",
    "italiano": "Italian", "português": "Portuguese", "portugues": "Portuguese",
    "nederlands": "Dutch", "svenska": "Swedish", "norsk": "Norwegian", "dansk": "Danish",
    "polski": "Polish", "türkçe": "Turkish", "turkce": "Turkish",
}  # fmt: skip
_SWITCH = re.compile(
    r"(?<!\w)(?:en|in|auf|em|på|po|na|im)\s+(?:el\s+|la\s+)?("
    + "|".join(_LANGUAGE_OF)
    + r")(?!\w)",
    re.I,
)
_MAX_WORDS = 10


def language_rule(text: str) -> str | None:
    """'Answer in Spanish.' for a short message that asks, in Spanish, for Spanish answers; None
    for anything else (a question or a longer message in that language is a request written in it)."""
    low = text.strip().lower()
    found = _SWITCH.search(low)
    if not found or "?" in low or len(low.split()) > _MAX_WORDS:
        return None
    return f"Answer in {_LANGUAGE_OF[found.group(1)]}."
