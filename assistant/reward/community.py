"""The installation's users as the group: empirical Bayes over their posteriors, shipped prior as
hyperprior.

Each user u holds a Laplace posterior N(m_u, S_u), computed under the prior N(p_u, P_u) they
started from (stored with it: the shipped prior, or an earlier community prior). Dividing that
prior out leaves the user's evidence in Gaussian form, precision Λ_u = S_u⁻¹ − P_u⁻¹ and
information η_u = S_u⁻¹m_u − P_u⁻¹p_u, so every user can be re-read under any candidate group
prior N(μ, Σ). EM then alternates

    E: S_u = (Σ⁻¹ + Λ_u)⁻¹,  m_u = S_u(Σ⁻¹μ + η_u)
    M: μ = (κ₀μ₀ + Σ_u m_u)/(κ₀ + M),  Σ = (ν₀Σ₀ + Σ_u [(m_u − μ)(m_u − μ)ᵀ + S_u])/(ν₀ + M)

with the shipped (μ₀, Σ₀) as hyperprior worth κ₀ and ν₀ users. Reading users under the prior
being fitted (not the one they happened to start from) keeps a refit from feeding on the previous
refit. Only coefficients are pooled, never texts. Below MIN_USERS users with evidence there is no
community term. Protected coordinates (sign +1: more agreement, flattery, or of a protected base)
of μ never exceed μ₀ (sign −1: never fall below it): the guard caps users at the group's weight,
so a community that rewards flattery must not raise the cap.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np

from assistant.reward.guard import GuardDims, guard_dims
from assistant.reward.posterior import UserPosterior
from assistant.reward.prior import GroupPrior

MIN_USERS = 5
"""No community term below this many users with evidence."""
KAPPA0 = 5.0
"""The shipped mean counts as this many users."""
NU0 = 10.0
"""The shipped covariance counts as this many users (more than the mean: J(J+1)/2 numbers)."""
MIN_EVIDENCE = 3.0
"""A user joins the pool once this much evidence (answers, feedback) has moved their posterior."""


@dataclass(frozen=True)
class Block:
    """The community's N(mean, cov) over one block of coefficients, and what the protected
    coordinates of the mean would have been without the clamp (for reports)."""

    mean: np.ndarray
    cov: np.ndarray
    unclamped: np.ndarray

    def to_dict(self) -> dict:
        return {k: getattr(self, k).tolist() for k in ("mean", "cov", "unclamped")}

    @classmethod
    def from_dict(cls, data: dict, dim: int) -> Block:
        block = cls(*(np.asarray(data[k], dtype=np.float64) for k in ("mean", "cov", "unclamped")))
        if block.mean.shape != (dim,) or block.cov.shape != (dim, dim):
            raise ValueError(f"community block has mean {block.mean.shape}; expected ({dim},)")
        return block


def evidence(post: UserPosterior, mu0: np.ndarray, sigma0: np.ndarray):
    """(Λ, η): the user's evidence with their starting prior divided out (the shipped one when
    none is stored). Negative eigenvalues are rounding (Laplace only adds precision): clipped."""
    p_mean = post.prior_mean if post.prior_mean is not None else mu0
    p_cov = post.prior_cov if post.prior_cov is not None else sigma0
    s_inv, p_inv = np.linalg.inv(post.cov), np.linalg.inv(p_cov)
    vals, vecs = np.linalg.eigh((s_inv - p_inv + (s_inv - p_inv).T) / 2)
    lam = (vecs * np.clip(vals, 0.0, None)) @ vecs.T
    return lam, s_inv @ post.mean - p_inv @ p_mean


def _clamp(mean: np.ndarray, mu0: np.ndarray, signs: np.ndarray) -> np.ndarray:
    return np.where(
        signs > 0, np.minimum(mean, mu0), np.where(signs < 0, np.maximum(mean, mu0), mean)
    )


def pool(
    users: list[UserPosterior],
    mu0: np.ndarray,
    sigma0: np.ndarray,
    signs,
    *,
    kappa0: float = KAPPA0,
    nu0: float = NU0,
    iters: int = 200,
    tol: float = 1e-7,
) -> Block:
    """EM for the group prior N(μ, Σ) of these users (module docstring), protected coordinates
    clamped at μ₀ in every M step."""
    if kappa0 <= 0 or nu0 <= 0:
        raise ValueError("kappa0 and nu0 must be positive (the shipped prior's pseudo-counts)")
    mu0, sigma0 = np.asarray(mu0, dtype=np.float64), np.asarray(sigma0, dtype=np.float64)
    signs = np.sign(np.asarray(signs, dtype=np.float64))
    lam, eta = (np.stack(x) for x in zip(*(evidence(u, mu0, sigma0) for u in users), strict=True))
    M, mu, sigma = len(users), mu0.copy(), sigma0.copy()
    raw = mu
    for _ in range(iters):
        s_inv = np.linalg.inv(sigma)
        covs = np.linalg.inv(s_inv[None] + lam)
        means = np.einsum("mij,mj->mi", covs, (s_inv @ mu)[None] + eta)
        raw = (kappa0 * mu0 + means.sum(0)) / (kappa0 + M)
        new_mu = _clamp(raw, mu0, signs)
        dev = means - new_mu
        new_sigma = (nu0 * sigma0 + dev.T @ dev + covs.sum(0)) / (nu0 + M)
        new_sigma = (new_sigma + new_sigma.T) / 2
        done = max(np.abs(new_mu - mu).max(), np.abs(new_sigma - sigma).max()) < tol
        mu, sigma = new_mu, new_sigma
        if done:
            break
    return Block(mu, sigma, raw)


@dataclass(frozen=True)
class CommunityPrior:
    """The refit group: learned bases and protected columns, from n_users of this installation."""

    bases: Block
    guard: Block
    n_users: int
    shipped: str
    """fingerprint() of the shipped prior it was refit from (a new shipped prior voids it)."""
    refit_at: str
    kappa0: float = KAPPA0
    nu0: float = NU0

    def apply(self, shipped: GroupPrior) -> GroupPrior:
        """The shipped prior with the community's w̄, Σ (bases and protected columns)."""
        dims = guard_dims(shipped)
        guard = GuardDims(
            self.guard.mean,
            self.guard.cov,
            source=f"{self.n_users} people here (refit from {dims.source or 'the shipped prior'})",
        )
        meta = {**shipped.meta, "guard": guard.to_meta(), "community": self.summary()}
        return replace(shipped, w_bar=self.bases.mean, sigma=self.bases.cov, meta=meta)

    def summary(self) -> dict:
        return {"n_users": self.n_users, "refit_at": self.refit_at}

    def to_dict(self) -> dict:
        return {
            "bases": self.bases.to_dict(),
            "guard": self.guard.to_dict(),
            "n_users": self.n_users,
            "shipped": self.shipped,
            "refit_at": self.refit_at,
            "kappa0": self.kappa0,
            "nu0": self.nu0,
        }

    @classmethod
    def from_dict(cls, data: dict, shipped: GroupPrior) -> CommunityPrior:
        """ValueError when malformed or refit from a different shipped prior."""
        try:
            if data["shipped"] != fingerprint(shipped):
                raise ValueError("the community prior was refit from another shipped prior")
            return cls(
                Block.from_dict(data["bases"], shipped.J),
                Block.from_dict(data["guard"], len(guard_dims(shipped).w_bar)),
                int(data["n_users"]),
                str(data["shipped"]),
                str(data["refit_at"]),
                float(data.get("kappa0", KAPPA0)),
                float(data.get("nu0", NU0)),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"stored community prior is malformed: {exc}") from None


def fingerprint(prior: GroupPrior) -> str:
    """Identifies a shipped prior: its basis, labels and coefficients."""
    h = hashlib.sha1(json.dumps(prior.labels).encode())
    for a in (prior.projection, prior.offset, prior.w_bar, prior.sigma):
        h.update(np.ascontiguousarray(a, dtype=np.float64).tobytes())
    return h.hexdigest()[:16]


def user_posteriors(
    profiles: Iterable[dict], shipped: GroupPrior, min_evidence: float = MIN_EVIDENCE
) -> list[tuple[UserPosterior, UserPosterior | None]]:
    """(bases, protected columns) posteriors of the users with enough evidence; profiles without
    one, with too little evidence, or stored on other bases are skipped. Texts are never read."""
    out = []
    k = len(guard_dims(shipped).w_bar)
    basis = getattr(shipped, "basis_id", None)
    for profile in profiles:
        stored = (profile or {}).get("posterior") or {}
        if basis is not None and stored.get("basis") != basis:
            continue  # stored on other bases: it means nothing here (the personalizer agrees)
        try:
            post = UserPosterior.from_dict(stored)
            gpost = UserPosterior.from_dict(stored["guard"]) if "guard" in stored else None
        except ValueError:
            continue
        if not post.fits(shipped) or post.n_evidence < min_evidence:
            continue
        out.append((post, gpost if gpost is not None and len(gpost.mean) == k else None))
    return out


def refit(
    shipped: GroupPrior,
    profiles: Iterable[dict],
    *,
    min_users: int = MIN_USERS,
    kappa0: float = KAPPA0,
    nu0: float = NU0,
    min_evidence: float = MIN_EVIDENCE,
) -> CommunityPrior | None:
    """The community prior of these users' profiles; None below min_users users with evidence."""
    users = user_posteriors(profiles, shipped, min_evidence)
    if len(users) < max(1, min_users):
        return None
    bases = pool(
        [u for u, _ in users], shipped.w_bar, shipped.sigma, shipped.protected,
        kappa0=kappa0, nu0=nu0,
    )  # fmt: skip
    dims = guard_dims(shipped)
    guarded = [g for _, g in users if g is not None]
    guard = (
        pool(guarded, dims.w_bar, dims.sigma, dims.signs, kappa0=kappa0, nu0=nu0)
        if guarded
        else Block(dims.w_bar.copy(), dims.sigma.copy(), dims.w_bar.copy())
    )
    return CommunityPrior(
        bases, guard, len(users), fingerprint(shipped), time.strftime("%Y-%m-%d %H:%M"),
        kappa0, nu0,
    )  # fmt: skip
