"""A quality floor under any model: is a draft degenerate (empty, looping, echoing the request, in
another script than the request)? Such drafts never win when a sane one exists, and never count as
evidence about the user."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_WORD = re.compile(r"\w+", re.UNICODE)


def _script(text: str) -> str | None:
    """The dominant writing system of the letters in a text ('LATIN', 'CYRILLIC', 'CJK', ...)."""
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            script = (
                "CJK" if name.startswith(("CJK", "HIRAGANA", "KATAKANA")) else name.split(" ")[0]
            )
            counts[script] += 1
    return counts.most_common(1)[0][0] if counts else None


def repeated_share(words: list[str], n: int = 4) -> float:
    """Share of word n-grams that are repeats of an earlier one: 0 for fresh text, → 1 for a loop."""
    grams = [tuple(words[i : i + n]) for i in range(len(words) - n + 1)]
    if len(grams) < 4:
        return 0.0
    return 1.0 - len(set(grams)) / len(grams)


def loops(text: str) -> bool:
    """A looping draft: many repeated 4-grams, or one sentence said three times or more."""
    words = [w.lower() for w in _WORD.findall(text)]
    if repeated_share(words) > 0.35:
        return True
    sentences = [s.strip().lower() for s in re.split(r"(?<=[.!?\n])\s+", text) if len(s) > 12]
    return any(n >= 3 for n in Counter(sentences).values())


def degenerate_reason(text: str, prompt: str = "") -> str | None:
    """Why a draft is not worth showing, or None when it is sane."""
    body = (text or "").strip()
    words = _WORD.findall(body)
    if len(words) < 2:
        return "empty"
    if loops(body):
        return "loops"
    p_words = [w.lower() for w in _WORD.findall(prompt or "")]
    if p_words and len(words) <= len(p_words) + 3:
        shared = Counter(w.lower() for w in words) & Counter(p_words)
        if sum(shared.values()) >= 0.8 * len(words):
            return "echoes the request"
    asked, said = _script(prompt or ""), _script(body)
    if (
        asked
        and said
        and asked != said
        and not re.search(r"\b(translat|in \w+ish|in \w+ese)", prompt, re.I)
    ):
        return "another language"
    return None


def is_degenerate(text: str, prompt: str = "") -> bool:
    return degenerate_reason(text, prompt) is not None
