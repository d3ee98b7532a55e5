"""Blend the group and personal rewards with the slider α, with the anti-flattery guard.

Scales: φ is whitened over the fitting corpus (each base has unit variance), so w̄ᵀφ and ŵᵀφ are
both Bradley–Terry log-odds of preferring the answer over an average corpus answer. text_scores
are taken as log-odds too (e.g. a likelihood ratio); all three terms are centred across the
candidates, since only differences between candidates matter for the choice.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.reward.posterior import UserPosterior
from assistant.reward.prior import GroupPrior


@dataclass(frozen=True)
class CandidateScore:
    text: str
    group: float
    personal: float
    text_term: float
    total: float
    guarded: bool
    """True when the guard changed this candidate's total."""
    unguarded_total: float


def blended_coefficients(
    w_bar: np.ndarray, w_user: np.ndarray, alpha: float, protected, guard: bool = True
):
    """(1-α)w̄ + αŵ; on protected bases the result may go down but never above the group's."""
    w = (1 - alpha) * np.asarray(w_bar) + alpha * np.asarray(w_user)
    if guard:
        mask = np.asarray(protected, dtype=bool)
        w = np.where(mask, np.minimum(w, w_bar), w)
    return w


def _centred(values: np.ndarray) -> np.ndarray:
    return values - values.mean() if len(values) else values


def score_candidates(
    prior: GroupPrior,
    posterior: UserPosterior,
    alpha: float,
    prompt: str,
    candidates: list[str],
    *,
    text_scores: list[float] | None = None,
    guard: bool = True,
) -> list[CandidateScore]:
    """Score each candidate: total = (1-α)·group + α·(personal + text_term), guard applied."""
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha must be between 0 and 1 (got {alpha})")
    if text_scores is not None and len(text_scores) != len(candidates):
        raise ValueError("text_scores must have one score per candidate")
    phi = prior.features(prompt, candidates)
    group = _centred(phi @ prior.w_bar)
    personal = _centred(phi @ posterior.mean)
    text = (
        _centred(np.asarray(text_scores, dtype=np.float64))
        if text_scores is not None
        else np.zeros(len(candidates))
    )
    plain = (1 - alpha) * group + alpha * (personal + text)
    w_eff = blended_coefficients(prior.w_bar, posterior.mean, alpha, prior.protected, guard)
    total = _centred(phi @ w_eff) + alpha * text
    return [
        CandidateScore(
            c, float(g), float(p), float(t), float(tot), bool(abs(tot - pl) > 1e-9), float(pl)
        )
        for c, g, p, t, tot, pl in zip(candidates, group, personal, text, total, plain, strict=True)
    ]


def guard_changed_winner(scores: list[CandidateScore]) -> bool:
    """Whether the guard picked a different answer than the unguarded blend would have."""
    if not scores:
        return False
    return max(range(len(scores)), key=lambda i: scores[i].total) != max(
        range(len(scores)), key=lambda i: scores[i].unguarded_total
    )
