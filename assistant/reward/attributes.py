"""Transparent measurable style attributes (lexicon, regex and length functions) of a response."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

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

LABELS = {
    "length": "longer ↔ shorter answers",
    "formality": "formal ↔ casual wording",
    "humour": "humorous ↔ serious answers",
    "elicitation": "asks you questions ↔ asks none",
    "politeness": "polite ↔ blunt answers",
    "enthusiasm": "enthusiastic ↔ calm answers",
    "confidence": "confident ↔ hedged answers",
}
"""A base's label names its positive end first (the panel draws the bar from the other end)."""
PROTECTED_ATTRIBUTES = ("confidence", "enthusiasm")
"""Directions where a user may not pull the reward above the group: unearned confidence, flattery."""
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


def describe(
    corr: np.ndarray, threshold: float = 0.4
) -> tuple[list[str], list[tuple[str, str]], list[bool]]:
    """Label each base by its strongest attribute correlation (corr: (J, 7)); "(loosely)" when it
    is below threshold. Protected when that attribute is a guarded one and the link is strong."""
    labels, directions, protected = [], [], []
    for j, row in enumerate(corr):
        attr = ATTRIBUTES[int(np.abs(row).argmax())]
        strong = abs(row).max() >= threshold
        label = LABELS[attr] + ("" if strong else " (loosely)")
        labels.append(label if label not in labels else f"{label} ({j + 1})")
        directions.append(DIRECTIONS[attr])
        protected.append(bool(strong and attr in PROTECTED_ATTRIBUTES))
    return labels, directions, protected


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
    "empty",
    "repeated_share",
    "echo_share",
    "foreign_script",
    "novel_words",
)
"""Style counts; shares that expose a degenerate answer (nothing said, a loop, the request given
back, another writing system than the request's), used unstandardised (DEGENERACY_FEATURES: a
corpus of sane answers has almost no spread in them); and how much new, readable content the
answer adds (novel_words, the best single predictor of the PandaLM crowd's choice)."""
DEGENERACY_FEATURES = ("empty", "repeated_share", "echo_share", "foreign_script")
_ANY_WORD = re.compile(r"\w+", re.UNICODE)


def _grams(tokens: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def repeated_share(text: str, n: int = 3) -> float:
    """Share of word n-grams that repeat an earlier one: ~0 for fresh text, → 1 for a loop."""
    grams = _grams([w.lower() for w in _ANY_WORD.findall(text)], n)
    return 1.0 - len(set(grams)) / len(grams) if len(grams) >= 3 else 0.0


def echo_share(text: str, prompt: str, n: int = 3) -> float:
    """Share of the answer's word n-grams that are copied from the request (shorter answers:
    their words): 1 when the request is handed back."""
    answer = [w.lower() for w in _ANY_WORD.findall(text)]
    asked = [w.lower() for w in _ANY_WORD.findall(prompt)]
    if not answer or not asked:
        return 0.0
    k = min(n, len(answer))
    grams, seen = _grams(answer, k), set(_grams(asked, k))
    return sum(g in seen for g in grams) / len(grams)


def _letter_script(ch: str) -> str:
    if ch.isascii():
        return "LATIN"
    name = unicodedata.name(ch, "")
    return "CJK" if name.startswith(("CJK", "HIRAGANA", "KATAKANA")) else name.split(" ")[0]


def script_of(text: str) -> str | None:
    """The writing system most of the letters belong to ('LATIN', 'CYRILLIC', 'CJK', ...)."""
    counts = Counter(_letter_script(ch) for ch in text if ch.isalpha())
    return counts.most_common(1)[0][0] if counts else None


def foreign_script(text: str, prompt: str) -> float:
    """Share of the answer's letters outside the request's writing system (Latin by default)."""
    expected = script_of(prompt) or "LATIN"
    scripts = [_letter_script(ch) for ch in text if ch.isalpha()]
    return sum(s != expected for s in scripts) / len(scripts) if scripts else 0.0


def novel_words(text: str, prompt: str) -> float:
    """log(1 + distinct words of the answer that are not in the request and are written in the
    request's writing system): nothing for an empty answer, an echo or another language, little
    for a loop, more for an answer that says more."""
    expected = script_of(prompt) or "LATIN"
    asked = {w.lower() for w in _ANY_WORD.findall(prompt)}
    new = {
        w.lower()
        for w in _ANY_WORD.findall(text)
        if w.lower() not in asked
        and all(_letter_script(ch) == expected for ch in w if ch.isalpha())
    }
    return math.log1p(len(new))


def cheap_features(text: str, prompt: str = "") -> np.ndarray:
    """Cheap measured features of a response to a prompt (unstandardised; the model standardises
    the style counts)."""
    n_words = len(_ANY_WORD.findall(text))  # any script: an answer in Cyrillic is not "short"
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
            float(not _ANY_WORD.search(text)),
            repeated_share(text),
            echo_share(text, prompt),
            foreign_script(text, prompt),
            novel_words(text, prompt),
        ],
        dtype=np.float64,
    )
