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
    # the language named in another one: German, Dutch, Spanish, Portuguese, French
    "englisch": "English", "französisch": "French", "spanisch": "Spanish",
    "italienisch": "Italian", "niederländisch": "Dutch", "portugiesisch": "Portuguese",
    "engels": "English", "frans": "French", "duits": "German", "spaans": "Spanish",
    "italiaans": "Italian", "inglés": "English", "ingles": "English", "francés": "French",
    "alemán": "German", "portugués": "Portuguese", "inglês": "English", "francês": "French",
    "alemão": "German", "espanhol": "Spanish", "anglais": "English", "allemand": "German",
    "espagnol": "Spanish", "italien": "Italian", "néerlandais": "Dutch",
}  # fmt: skip
_SWITCH = re.compile(
    r"(?<!\w)(?:en|in|auf|em|på|po|na|im)\s+(?:el\s+|la\s+|het\s+)?("
    + "|".join(_LANGUAGE_OF)
    + r")(?!\w)",
    re.I,
)
_MAX_WORDS = 10
_ENGLISH = re.compile(r"\b(?:the|and|is|i|you|my|please|answer|reply|live|with|to|on)\b")


def language_rule(text: str) -> str | None:
    """'Answer in Spanish.' for a short message that asks, in Spanish, for Spanish answers; None
    for anything else (a question or a longer message in that language is a request written in it)."""
    low = text.strip().lower()
    found = _SWITCH.search(low)
    if not found or "?" in low or len(low.split()) > _MAX_WORDS or len(_ENGLISH.findall(low)) > 1:
        return None  # 'I live in Frans street' is English
    return f"Answer in {_LANGUAGE_OF[found.group(1)]}."
