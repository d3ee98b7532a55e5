"""Blend the group and personal rewards with the slider α, with the anti-flattery guard.

Scales: φ is whitened over the fitting corpus (each base has unit variance), so w̄ᵀφ and ŵᵀφ are
both Bradley–Terry log-odds of preferring the answer over an average corpus answer. text_scores
are taken as log-odds too (e.g. a likelihood ratio); all three terms are centred across the
candidates, since only differences between candidates matter for the choice.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.candidate import Candidate
from assistant.reward.posterior import UserPosterior
from assistant.reward.prior import GroupPrior


def blended_coefficients(
    w_bar: np.ndarray, w_user: np.ndarray, alpha: float, protected, guard: bool = True
):
    """(1-α)w̄ + αŵ; on protected bases the result may move away from the protected direction but
    never past the group's weight. `protected` holds bools or signs: True/+1 = 'more of it' is the
    protected direction (cap from above), -1 = 'less of it' is (cap from below), 0/False = free."""
    w_bar = np.asarray(w_bar, dtype=np.float64)
    w = (1 - alpha) * w_bar + alpha * np.asarray(w_user, dtype=np.float64)
    if guard:
        sign = np.asarray(protected, dtype=np.float64)
        w = np.where(sign > 0, np.minimum(w, w_bar), np.where(sign < 0, np.maximum(w, w_bar), w))
    return w


@dataclass(frozen=True)
class ProtectedTerm:
    """Extra protected columns of φ for the candidates (e.g. agreement, flattery: see guard.py)."""

    features: np.ndarray
    """(n, K) values for the n candidates."""
    w_bar: np.ndarray
    w_user: np.ndarray
    signs: tuple[int, ...]


def candidate_style(phi: np.ndarray, protected_columns: np.ndarray) -> np.ndarray:
    """(K, J) directions v_k = Φcᵀ g_kc over these candidates (centred): w·v_k is how much the
    scores w·φ covary with protected column k among them, whatever the wording."""
    phi_c = phi - phi.mean(0)
    g_c = protected_columns - protected_columns.mean(0)
    rows = (phi_c.T @ g_c).T
    return rows[np.linalg.norm(rows, axis=1) > 1e-9]


TEXT_GUARD_RIDGE = 0.05
"""Ridge on the text term's regression on a protected column (a probability per candidate). Over
four candidates an unregularised fit deletes the text advantage of any candidate whose column is
a hair above the others' (praise p = 0.006 against 0.000). benchmarks.preference_path: the agent
follows a stated preference on held-out facets 0.421 with the ridge, 0.406 without. A candidate
that clearly praises or agrees (p ≈ 1 against 0) still loses about 94% of its text advantage."""


def without_protected_text(text_scores, protected_columns: np.ndarray) -> np.ndarray | None:
    """The text term with any positive covariance with the protected columns (over these
    candidates) regressed out (ridge: TEXT_GUARD_RIDGE): the summary-reading scorer may not
    reward flattery either."""
    if text_scores is None:
        return None
    t = np.asarray(text_scores, dtype=np.float64)
    for g in np.asarray(protected_columns, dtype=np.float64).T:
        gc = g - g.mean()
        var = float(gc @ gc)
        if var > 1e-12:
            t = t - max(0.0, float((t - t.mean()) @ gc) / (var + TEXT_GUARD_RIDGE)) * gc
    return t


def without_protected_style(
    w_bar: np.ndarray, w_user: np.ndarray, style: np.ndarray | None
) -> np.ndarray:
    """ŵ with any positive part of its deviation from w̄ along the protected style directions
    removed: rewarding what agreement or praise *looks like* is held at the group's level too."""
    if style is None or not len(style):
        return np.asarray(w_user, dtype=np.float64)
    dev = np.asarray(w_user, dtype=np.float64) - w_bar
    for _ in range(3):  # a few passes: removing one direction can re-open another
        for v in np.asarray(style, dtype=np.float64):
            unit = v / max(float(np.linalg.norm(v)), 1e-12)
            dev = dev - max(0.0, float(dev @ unit)) * unit
    return w_bar + dev


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
    extra: ProtectedTerm | None = None,
) -> list[Candidate]:
    """Score each candidate: total = (1-α)·group + α·(personal + text_term), guard applied.
    `extra` appends protected columns (agreement, flattery) to the learned bases."""
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha must be between 0 and 1 (got {alpha})")
    if text_scores is not None and len(text_scores) != len(candidates):
        raise ValueError("text_scores must have one score per candidate")
    phi = prior.features(prompt, candidates)
    w_bar, w_user, protected = prior.w_bar, posterior.mean, list(prior.protected)
    guarded_user = guarded_text = None
    if extra is not None:
        extra_phi = np.asarray(extra.features, dtype=np.float64)
        style = candidate_style(phi[:, : prior.J], extra_phi)
        held = without_protected_style(prior.w_bar, posterior.mean, style)
        phi = np.hstack([phi, extra_phi])
        guarded_user = np.concatenate([held, extra.w_user])
        guarded_text = without_protected_text(text_scores, extra_phi)
        w_bar = np.concatenate([w_bar, extra.w_bar])
        w_user = np.concatenate([w_user, extra.w_user])
        protected += list(extra.signs)
    return blend_scores(
        candidates,
        phi,
        w_bar,
        w_user,
        alpha,
        protected,
        text_scores=text_scores,
        guard=guard,
        guarded_user=guarded_user,
        guarded_text=guarded_text,
    )


def blend_scores(
    candidates: list[str],
    phi: np.ndarray,
    w_bar: np.ndarray,
    w_user: np.ndarray,
    alpha: float,
    protected,
    *,
    text_scores: list[float] | None = None,
    guard: bool = True,
    guarded_user: np.ndarray | None = None,
    guarded_text: np.ndarray | None = None,
) -> list[Candidate]:
    """The blend on precomputed φ (n, J): shared by score_candidates and the benchmarks.
    guarded_user: ŵ with protected style removed, used instead of w_user when the guard is on."""
    group = _centred(phi @ w_bar)
    personal = _centred(phi @ w_user)
    text = (
        _centred(np.asarray(text_scores, dtype=np.float64))
        if text_scores is not None
        else np.zeros(len(candidates))
    )
    plain = (1 - alpha) * group + alpha * (personal + text)
    held = guarded_user if guard and guarded_user is not None else w_user
    w_eff = blended_coefficients(w_bar, held, alpha, protected, guard)
    held_text = _centred(guarded_text) if guard and guarded_text is not None else text
    total = _centred(phi @ w_eff) + alpha * held_text
    best = int(np.argmax(total)) if len(total) else -1
    return [
        Candidate(
            text=c,
            group=float(g),
            personal=float(p),
            text_term=float(t),
            total=float(tot),
            chosen=i == best,
            guarded=bool(abs(tot - pl) > 1e-9),
            unguarded_total=float(pl),
        )
        for i, (c, g, p, t, tot, pl) in enumerate(
            zip(candidates, group, personal, text, total, plain, strict=True)
        )
    ]


def guard_changed_winner(scores: list[Candidate]) -> bool:
    """Whether the guard picked a different answer than the unguarded blend would have."""
    if not scores:
        return False
    return max(range(len(scores)), key=lambda i: scores[i].total) != max(
        range(len(scores)), key=lambda i: scores[i].unguarded_total
    )
