"""Features of a (preference line, answer) pair: MiniLM embeddings side by side, and lexical cues
for the contradictions embeddings miss ("I avoid gluten" is close to "fresh gluten bread")."""

from __future__ import annotations

import re

import numpy as np

from assistant.reward.text_scorer.lexicon import ANSWER_NEG, NEG_CUES, STOP

_WORD = re.compile(r"[a-z][a-z']*")
_CLAUSE = re.compile(r"[.;:!?]|,\s*(?:but|so|and)\s|\bbut\b")
N_LEX = 6
"""How many lexical features follow the embeddings (see lexical_features)."""


def stem(word: str) -> str:
    """A crude stem, enough to match "allergies" with "allergy" and "hiking" with "hikes"."""
    word = word.strip("'")
    for suffix in ("'s", "ies", "es", "s", "ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:6]


def line_terms(line: str) -> dict[str, float]:
    """Content stems of a preference line with their polarity: -1 in a clause against, +1 toward."""
    terms: dict[str, float] = {}
    for clause in _CLAUSE.split(line.lower().replace("-", " - ")):
        words = _WORD.findall(clause)
        sign = -1.0 if any(w in NEG_CUES or w.endswith("n't") for w in words) else 1.0
        for word in words:
            if word in STOP or word in NEG_CUES or len(word) < 3:
                continue
            key = stem(word)
            terms[key] = min(terms.get(key, sign), sign)
    return terms


def answer_terms(text: str) -> dict[str, float]:
    """Content stems of an answer: -1 where negated next to it ("gluten-free", "no cheese"), else +1."""
    words = _WORD.findall(text.lower().replace("-", " "))
    out: dict[str, float] = {}
    for i, word in enumerate(words):
        if word in STOP or word in ANSWER_NEG or len(word) < 3:
            continue
        near = words[max(0, i - 2) : i] + words[i + 1 : i + 2]
        sign = -1.0 if any(n in ANSWER_NEG for n in near) else 1.0
        key = stem(word)
        out[key] = min(out.get(key, sign), sign)
    return out


def lexical_features(line: str, answer: str) -> np.ndarray:
    """[agreement, overlap, line is against, answer negates, against-overlap, toward-overlap]."""
    lt, at = line_terms(line), answer_terms(answer)
    shared = [s for s in lt if s in at]
    agree = sum(lt[s] * at[s] for s in shared)
    against = sum(1 for s in shared if lt[s] < 0 and at[s] > 0)
    toward = sum(1 for s in shared if lt[s] > 0 and at[s] > 0)
    neg_line = float(any(v < 0 for v in lt.values()))
    neg_answer = float(any(v < 0 for v in at.values()))
    return np.array(
        [
            np.tanh(agree),
            np.tanh(len(shared)),
            neg_line,
            neg_answer,
            np.tanh(against),
            np.tanh(toward),
        ],
        dtype=np.float32,
    )


def pair_features(u: np.ndarray, v: np.ndarray, lex: np.ndarray) -> np.ndarray:
    """Features of (line, answer) rows: [u, u*v, |u-v|, cos, lexical cues]. The answer never
    enters alone: the score is about the answer against the line, and with the answer's own
    embedding as input the scorer learned that some items are good in themselves (duck over
    cannelloni for a vegetarian)."""
    cos = np.sum(u * v, axis=1, keepdims=True)
    return np.concatenate([u, u * v, np.abs(u - v), cos, lex], axis=1).astype(np.float32)


def cosine_column(n_features: int) -> int:
    """Where the cosine sits in a pair_features row of this width (the baseline build reports)."""
    return n_features - 1 - N_LEX
