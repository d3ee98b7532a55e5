"""Consistency diagnostics (arXiv 2604.03238): genuine, non-attitude or constructed preferences.

Evidence is a set of answers to pairs, some asked more than once (order swapped, reworded, later).
Three transparent generative models are compared by likelihood, with equal prior odds:

    genuine       each pair has a preferred content; an answer follows it with prob 1-ε
    non-attitude  every answer is a coin flip
    constructed   answers follow the framing: one display position ("a" or "b") with prob q

Single answers cannot tell genuine from non-attitude (both are 50/50 a priori); repeats can, and
position streaks tell constructed apart. Down-weighting uses the posterior of each model.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

EPS = 0.15
"""A genuine answer still flips this often (near-ties, misclicks)."""
POSITION_Q = 0.85
"""How strongly a constructed answerer follows one display position."""
FLIPPED_WEIGHT = 0.25
"""Weight of each answer to a pair whose repeats disagree on content (a non-attitude on it)."""


@dataclass(frozen=True)
class Answer:
    """One answer: which pair (canonical key), content chosen (+1 first canonical response, -1 the
    other) and position chosen (+1 the one shown first, -1 the second)."""

    item: str
    content: int
    position: int
    condition: str | None = None


@dataclass(frozen=True)
class Diagnosis:
    genuine: float
    non_attitude: float
    constructed: float
    n_answers: int
    n_repeated_items: int

    @property
    def label(self) -> str:
        probs = {"genuine": self.genuine, "non-attitude": self.non_attitude}
        probs["constructed"] = self.constructed
        return max(probs, key=probs.get)


def _log_mix(a: float, b: float) -> float:
    return float(np.logaddexp(a, b) + np.log(0.5))


def diagnose(answers: list[Answer], eps: float = EPS, q: float = POSITION_Q) -> Diagnosis:
    """Posterior over the three models for one person's (or annotator's) answers."""
    by_item: dict[str, list[Answer]] = defaultdict(list)
    for a in answers:
        by_item[a.item].append(a)
    log_genuine = 0.0
    for item_answers in by_item.values():
        agree = sum(a.content > 0 for a in item_answers)
        n = len(item_answers)
        plus = agree * np.log(1 - eps) + (n - agree) * np.log(eps)
        minus = (n - agree) * np.log(1 - eps) + agree * np.log(eps)
        log_genuine += _log_mix(plus, minus)
    n = len(answers)
    first = sum(a.position > 0 for a in answers)
    log_random = n * np.log(0.5)
    log_constructed = _log_mix(
        first * np.log(q) + (n - first) * np.log(1 - q),
        (n - first) * np.log(q) + first * np.log(1 - q),
    )
    logs = np.array([log_genuine, log_random, log_constructed])
    probs = np.exp(logs - logs.max())
    probs /= probs.sum()
    repeated = sum(len(v) > 1 for v in by_item.values())
    return Diagnosis(float(probs[0]), float(probs[1]), float(probs[2]), n, repeated)


def flipped_items(answers: list[Answer]) -> set[str]:
    """Pairs whose repeated answers chose different content."""
    contents: dict[str, set[int]] = defaultdict(set)
    for a in answers:
        contents[a.item].add(a.content)
    return {item for item, seen in contents.items() if len(seen) > 1}


def answer_weights(answers: list[Answer]) -> np.ndarray:
    """Per answer: FLIPPED_WEIGHT on pairs with inconsistent repeats, scaled by P(genuine) when the
    whole pattern looks like position-following or coin-flipping (needs 2+ repeated pairs)."""
    flipped = flipped_items(answers)
    weights = np.array([FLIPPED_WEIGHT if a.item in flipped else 1.0 for a in answers])
    diagnosis = diagnose(answers)
    if diagnosis.n_repeated_items >= 2:
        weights *= max(diagnosis.genuine, 0.1)
    return weights


# ------------------------------------------------------------------ group data


def comparison_answers(comparisons) -> dict[str, list[tuple[int, Answer]]]:
    """Per annotator: (index in comparisons, Answer); ties are left out."""
    out: dict[str, list[tuple[int, Answer]]] = defaultdict(list)
    for i, c in enumerate(comparisons):
        if c.label == "tie":
            continue
        first, second = sorted((c.response_a, c.response_b))
        shown_first_won = c.label == "a"
        winner = c.response_a if shown_first_won else c.response_b
        item = f"{c.prompt}\x00{first}\x00{second}"
        answer = Answer(item, 1 if winner == first else -1, 1 if shown_first_won else -1)
        out[c.user_id].append((i, answer))
    return out


def annotator_weights(comparisons, drop_above: float = 0.9) -> tuple[np.ndarray, dict]:
    """Comparison weights for group fitting: annotators with 2+ repeated pairs whose answers are
    more likely non-attitudes or constructed than genuine (P > drop_above) are dropped (weight 0);
    flipped pairs of the rest are down-weighted. Returns (weights, report)."""
    weights = np.ones(len(comparisons))
    report = {"annotators": 0, "checked": 0, "dropped_non_attitude": 0, "dropped_constructed": 0}
    dropped: list[str] = []
    for user, pairs in comparison_answers(comparisons).items():
        report["annotators"] += 1
        answers = [a for _, a in pairs]
        d = diagnose(answers)
        if d.n_repeated_items < 2:
            continue
        report["checked"] += 1
        if d.non_attitude > drop_above or d.constructed > drop_above:
            key = (
                "dropped_non_attitude" if d.non_attitude >= d.constructed else "dropped_constructed"
            )
            report[key] += 1
            weights[[i for i, c in enumerate(comparisons) if c.user_id == user]] = 0.0
            dropped.append(user)
            continue
        flipped = flipped_items(answers)
        for i, a in pairs:
            if a.item in flipped:
                weights[i] = FLIPPED_WEIGHT
    report["dropped"] = dropped
    return weights, report
