"""Transparent measurable style attributes (lexicon, regex and length functions) of a response."""

from __future__ import annotations

import math
import re

import numpy as np

ATTRIBUTES = (
    "length",
    "formality",
    "humour",
    "elicitation",
    "politeness",
    "enthusiasm",
    "confidence",
)
"""The seven PReF "Attributes" axes; each is measured so that larger = more of it."""

# Readable names of the two directions of each attribute: (positive, negative).
DIRECTIONS = {
    "length": ("longer answers", "shorter answers"),
    "formality": ("formal wording", "casual wording"),
    "humour": ("humorous answers", "serious answers"),
    "elicitation": ("answers that ask you questions", "answers that ask no questions"),
    "politeness": ("polite answers", "blunt answers"),
    "enthusiasm": ("enthusiastic answers", "calm answers"),
    "confidence": ("confident answers", "hedged answers"),
}


def _lexicon(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(phrases) + r")\b", re.IGNORECASE)


CONTRACTIONS = _lexicon(
    r"\w+n't",
    r"\w+'re",
    r"\w+'ll",
    r"\w+'ve",
    r"I'm",
    r"it's",
    r"that's",
    r"there's",
    r"let's",
    r"what's",
    r"he's",
    r"she's",
    r"\w+'d",
)
CASUAL = _lexicon(
    "yeah",
    "yep",
    "ok",
    "okay",
    "gonna",
    "wanna",
    "kinda",
    "stuff",
    "hey",
    "so yeah",
    "cool",
    "pretty much",
)
FORMAL = _lexicon(
    "do not",
    "does not",
    "cannot",
    "will not",
    "I am",
    "it is",
    "that is",
    "you are",
    "they are",
    "therefore",
    "however",
    "furthermore",
    "regarding",
    "moreover",
    "would not",
    "is not",
)
HUMOUR = _lexicon("joke", "pun", "haha", "lol", "funny", "kidding", "laugh", "hilarious")
POLITE = _lexicon(
    "please",
    "thank you",
    "thanks",
    "sorry",
    "hello",
    "hi there",
    "appreciate",
    "kindly",
    "hope this helps",
    "my pleasure",
    "you're welcome",
)
ENTHUSIASM = _lexicon(
    "great", "awesome", "amazing", "wonderful", "love", "exciting", "fantastic", "brilliant"
)
CONFIDENT = _lexicon(
    "definitely",
    "certainly",
    "clearly",
    "absolutely",
    "without a doubt",
    "for sure",
    "always",
    "undoubtedly",
    "I am sure",
    "I'm sure",
)
HEDGES = _lexicon(
    "maybe",
    "perhaps",
    "might",
    "probably",
    "I think",
    "not sure",
    "possibly",
    "could be",
    "I guess",
    "I believe",
    "it seems",
    "not certain",
)
_WORD = re.compile(r"[A-Za-z0-9']+")
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def _count(pattern: re.Pattern[str], text: str) -> int:
    return len(pattern.findall(text))


def words(text: str) -> int:
    return len(_WORD.findall(text))


def measure(text: str) -> dict[str, float]:
    """The seven attributes of one response (raw units: log words, counts)."""
    return {
        "length": math.log1p(words(text)),
        "formality": float(
            _count(FORMAL, text) - _count(CONTRACTIONS, text) - _count(CASUAL, text)
        ),
        "humour": float(_count(HUMOUR, text)),
        "elicitation": float(text.count("?")),
        "politeness": float(_count(POLITE, text)),
        "enthusiasm": float(text.count("!") + _count(ENTHUSIASM, text)),
        "confidence": float(_count(CONFIDENT, text) - _count(HEDGES, text)),
    }


def measure_matrix(texts: list[str]) -> np.ndarray:
    """(n, 7) attribute matrix in ATTRIBUTES order."""
    return np.array([[measure(t)[a] for a in ATTRIBUTES] for t in texts], dtype=np.float64)


CHEAP_FEATURES = (
    "log_words",
    "sentences",
    "questions",
    "exclamations",
    "contractions",
    "casual",
    "formal",
    "humour_words",
    "polite_words",
    "enthusiasm_words",
    "confident_words",
    "hedges",
    "you_rate",
)


def cheap_features(text: str) -> np.ndarray:
    """Cheap measured features of a response (unstandardised; the model standardises them)."""
    n_words = words(text)
    return np.array(
        [
            math.log1p(n_words),
            len([s for s in _SENTENCE.findall(text) if s.strip()]),
            text.count("?"),
            text.count("!"),
            _count(CONTRACTIONS, text),
            _count(CASUAL, text),
            _count(FORMAL, text),
            _count(HUMOUR, text),
            _count(POLITE, text),
            _count(ENTHUSIASM, text),
            _count(CONFIDENT, text),
            _count(HEDGES, text),
            len(re.findall(r"\byou\b", text, re.IGNORECASE)) / max(n_words, 1),
        ],
        dtype=np.float64,
    )
