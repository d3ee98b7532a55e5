"""One user's coefficients: Bayesian logistic regression with prior N(w̄, Σ), Laplace approximation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.reward.prior import GroupPrior


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.tanh(0.5 * x))


@dataclass(frozen=True)
class UserPosterior:
    """N(mean, cov) over the user's coefficients; prior_mean/prior_cov are the group's (for resets,
    refits after new evidence and the "how far from the group" summary)."""

    mean: np.ndarray
    cov: np.ndarray
    prior_mean: np.ndarray | None = None
    prior_cov: np.ndarray | None = None
    n_evidence: float = 0.0

    @classmethod
    def from_prior(cls, prior: GroupPrior) -> UserPosterior:
        """A new user is the group until evidence moves them."""
        return cls(prior.w_bar.copy(), prior.sigma.copy(), prior.w_bar.copy(), prior.sigma.copy())

    def update(
        self,
        diffs: np.ndarray,
        outcomes: np.ndarray,
        weights: np.ndarray | None = None,
        iters: int = 25,
    ) -> UserPosterior:
        """Condition on m comparisons: diffs (m, J) = φ(a)-φ(b), outcomes 1 (a won), 0 (b), 0.5 (tie);
        weights down-weight uncertain evidence. The current posterior acts as the prior (Laplace)."""
        diffs, outcomes, weights = _check(diffs, outcomes, weights, len(self.mean))
        if len(diffs) == 0:
            return self
        precision0 = np.linalg.inv(self.cov)
        w = self.mean.copy()
        for _ in range(iters):
            p = _sigmoid(diffs @ w)
            grad = diffs.T @ (weights * (outcomes - p)) - precision0 @ (w - self.mean)
            hess = precision0 + (diffs * (weights * p * (1 - p))[:, None]).T @ diffs
            step = np.linalg.solve(hess, grad)
            w = w + step
            if np.abs(step).max() < 1e-8:
                break
        p = _sigmoid(diffs @ w)
        hess = precision0 + (diffs * (weights * p * (1 - p))[:, None]).T @ diffs
        cov = np.linalg.inv(hess)
        return UserPosterior(
            w,
            (cov + cov.T) / 2,
            self.prior_mean,
            self.prior_cov,
            self.n_evidence + float(weights.sum()),
        )

    def to_dict(self) -> dict:
        """JSON-able form, stored in the memory profile under "posterior"."""
        out = {"mean": self.mean.tolist(), "cov": self.cov.tolist(), "n_evidence": self.n_evidence}
        if self.prior_mean is not None and self.prior_cov is not None:
            out |= {"prior_mean": self.prior_mean.tolist(), "prior_cov": self.prior_cov.tolist()}
        return out

    @classmethod
    def from_dict(cls, data: dict) -> UserPosterior:
        """Inverse of to_dict; ValueError if the stored shapes do not fit together."""
        try:
            mean = np.asarray(data["mean"], dtype=np.float64)
            cov = np.asarray(data["cov"], dtype=np.float64)
            pm = np.asarray(data["prior_mean"], dtype=np.float64) if "prior_mean" in data else None
            pc = np.asarray(data["prior_cov"], dtype=np.float64) if "prior_cov" in data else None
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"stored posterior is malformed: {exc}") from None
        if mean.ndim != 1 or cov.shape != (len(mean), len(mean)):
            raise ValueError(
                f"stored posterior has mean {mean.shape} and cov {cov.shape}; they must match"
            )
        return cls(mean, cov, pm, pc, float(data.get("n_evidence", 0.0)))

    def fits(self, prior: GroupPrior) -> bool:
        """False when the prior changed dimension since this posterior was stored (start over then)."""
        return len(self.mean) == prior.J


def _check(diffs, outcomes, weights, dim):
    diffs = np.atleast_2d(np.asarray(diffs, dtype=np.float64))
    outcomes = np.asarray(outcomes, dtype=np.float64).reshape(-1)
    if diffs.size == 0:
        return diffs.reshape(0, dim), outcomes, np.ones(0)
    if diffs.shape[1] != dim or len(outcomes) != len(diffs):
        raise ValueError(
            f"diffs must be (m, {dim}) with m outcomes; got {diffs.shape} and {outcomes.shape}"
        )
    if np.any((outcomes < 0) | (outcomes > 1)):
        raise ValueError("outcomes must be 1 (a preferred), 0 (b preferred) or 0.5 (tie)")
    weights = (
        np.ones(len(diffs))
        if weights is None
        else np.asarray(weights, dtype=np.float64).reshape(-1)
    )
    if len(weights) != len(diffs) or np.any(weights < 0):
        raise ValueError("weights must be one non-negative number per comparison")
    return diffs, outcomes, weights
