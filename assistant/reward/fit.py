"""Fit a group prior (PReF): SVD low-rank init, then joint Bradley–Terry MLE of head + user coefficients."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import torch

from assistant.reward.attributes import describe, measure_matrix
from assistant.reward.data import Comparison
from assistant.reward.loss import bt_loss, l2_penalty
from assistant.reward.model import Featurizer, PreferenceModel, TextEncoder
from assistant.reward.prior import GroupPrior

J_CANDIDATES = (2, 4, 6, 8, 10)
SATURATE_AT = 0.5
"""Each base saturates at this percentile of its fitting corpus (and 100 minus it): a linear base
read far outside the texts it was fitted on (an empty answer is "shorter" than any) is noise."""


@dataclass
class Encoded:
    """Comparisons as arrays: z(a)-z(b), user index, BT target, canonical item index and sign."""

    z_diff: np.ndarray
    users: np.ndarray
    outcomes: np.ndarray
    weights: np.ndarray
    items: np.ndarray
    signs: np.ndarray
    user_ids: list[str]
    z_texts: np.ndarray
    texts: list[str]


@dataclass(frozen=True)
class FitConfig:
    lr: float = 0.03
    l2: float = 1e-3
    max_steps: int = 600
    eval_every: int = 10
    patience: int = 5
    val_fraction: float = 0.1


def consistency_weights(comparisons: list[Comparison]) -> np.ndarray:
    """Down-weight non-attitudes: a user's repeated answers to one pair that flip count for less."""
    answers: dict[tuple, list[float]] = defaultdict(list)
    keys = []
    for c in comparisons:
        a, b = sorted((c.response_a, c.response_b))
        value = c.outcome if a == c.response_a else 1 - c.outcome
        key = (c.user_id, c.prompt, a, b)
        answers[key].append(value)
        keys.append(key)
    weights = np.ones(len(comparisons))
    for i, key in enumerate(keys):
        values = answers[key]
        if len(values) > 1:
            weights[i] = max(0.25, 1 - 2 * float(np.std(values)))  # std 0.5 = a full flip
    return weights


def encode(comparisons: list[Comparison], featurizer: Featurizer) -> Encoded:
    """Encode every distinct (prompt, response) once and build the comparison arrays."""
    pairs = list(
        dict.fromkeys((c.prompt, r) for c in comparisons for r in (c.response_a, c.response_b))
    )
    index = {p: i for i, p in enumerate(pairs)}
    z = featurizer.transform([p for p, _ in pairs], [r for _, r in pairs])
    user_ids = sorted({c.user_id for c in comparisons})
    uindex = {u: i for i, u in enumerate(user_ids)}
    ia = np.array([index[(c.prompt, c.response_a)] for c in comparisons])
    ib = np.array([index[(c.prompt, c.response_b)] for c in comparisons])
    lo, hi = np.minimum(ia, ib), np.maximum(ia, ib)
    items_keys = list(dict.fromkeys(zip(lo.tolist(), hi.tolist(), strict=True)))
    item_index = {k: i for i, k in enumerate(items_keys)}
    return Encoded(
        z_diff=z[ia] - z[ib],
        users=np.array([uindex[c.user_id] for c in comparisons]),
        outcomes=np.array([c.outcome for c in comparisons], dtype=np.float32),
        weights=consistency_weights(comparisons).astype(np.float32),
        items=np.array([item_index[k] for k in zip(lo.tolist(), hi.tolist(), strict=True)]),
        signs=np.where(ia == lo, 1.0, -1.0),
        user_ids=user_ids,
        z_texts=z,
        texts=[r for _, r in pairs],
    )


def input_basis(z_texts: np.ndarray, n_components: int = 64, emb_dim: int = 384) -> np.ndarray:
    """(D, k) basis: the top principal directions of the embeddings plus every cheap feature as is.
    Fitting in this smaller space is ~5x faster; the head maps back through its transpose."""
    emb = z_texts[:, :emb_dim].astype(np.float64)
    _, _, vt = np.linalg.svd(emb - emb.mean(0), full_matrices=False)
    k = min(n_components, len(vt))
    rest = z_texts.shape[1] - emb_dim
    basis = np.zeros((z_texts.shape[1], k + rest))
    basis[:emb_dim, :k] = vt[:k].T
    basis[emb_dim:, k:] = np.eye(rest)
    return basis


def reduce(data: Encoded, basis: np.ndarray) -> Encoded:
    """The same comparisons with inputs expressed in the reduced basis."""
    return Encoded(
        **{
            **data.__dict__,
            "z_diff": (data.z_diff @ basis).astype(np.float32),
            "z_texts": data.z_texts @ basis,
        }
    )


def svd_init(
    data: Encoded, idx: np.ndarray, n_bases: int, ridge: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """Low-rank init: SVD of the users × items matrix (missing imputed as 0 = no preference),
    then a ridge map from z-differences to the item factors. Returns (head (J, D), user coefs)."""
    n_users, n_items = len(data.user_ids), int(data.items.max()) + 1
    total, count = np.zeros((n_users, n_items)), np.zeros((n_users, n_items))
    signed = data.signs[idx] * (2 * data.outcomes[idx] - 1)
    np.add.at(total, (data.users[idx], data.items[idx]), signed)
    np.add.at(count, (data.users[idx], data.items[idx]), 1)
    matrix = total / np.maximum(count, 1)
    u, s, vt = np.linalg.svd(matrix, full_matrices=False)
    k = min(n_bases, len(s))
    user_coefs = np.zeros((n_users, n_bases))
    user_coefs[:, :k] = u[:, :k] * np.sqrt(s[:k])
    item_factors = vt[:k].T * np.sqrt(s[:k])
    # One canonical z-difference per item, oriented like the matrix columns.
    item_z = np.zeros((n_items, data.z_diff.shape[1]))
    item_z[data.items[idx]] = data.z_diff[idx] * data.signs[idx, None]
    seen = np.bincount(data.items[idx], minlength=n_items) > 0
    zs, gs = item_z[seen], item_factors[seen]
    head = np.zeros((n_bases, zs.shape[1]))
    head[:k] = np.linalg.solve(zs.T @ zs + ridge * np.eye(zs.shape[1]), zs.T @ gs).T
    return head, user_coefs


def split(n: int, fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    n_val = max(1, int(n * fraction))
    return order[n_val:], order[:n_val]


def _tensors(data: Encoded, idx: np.ndarray) -> tuple[torch.Tensor, ...]:
    return (
        torch.from_numpy(data.z_diff[idx]).float(),
        torch.from_numpy(data.users[idx]).long(),
        torch.from_numpy(data.outcomes[idx]).float(),
        torch.from_numpy(data.weights[idx]).float(),
    )


def train(
    model: PreferenceModel, data: Encoded, train_idx, val_idx, config: FitConfig, progress=None
) -> dict:
    """Full-batch Adam on BT loss + L2; keeps the parameters with the best validation loss."""
    zt, ut, yt, wt = _tensors(data, train_idx)
    zv, uv, yv, wv = _tensors(data, val_idx)
    opt = torch.optim.Adam(model.parameters(), lr=config.lr)
    best, best_state, bad, history = float("inf"), None, 0, []
    for step in range(config.max_steps):
        opt.zero_grad()
        loss = bt_loss(model(zt, ut), yt, wt)
        (
            loss + config.l2 * l2_penalty(model.head.weight, model.user_coefs) / len(data.user_ids)
        ).backward()
        opt.step()
        if step % config.eval_every:
            continue
        with torch.no_grad():
            val = float(bt_loss(model(zv, uv), yv, wv))
        history.append({"step": step, "train_loss": loss.item(), "val_loss": val})
        if progress is not None:
            progress(config.eval_every)
        if val < best - 1e-4:
            best, bad = val, 0
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        else:
            bad += 1
            if bad >= config.patience:
                break
    if best_state is not None:
        model.load_state_dict(best_state)
    return {"val_loss": best, "history": history}


def accuracy(model: PreferenceModel, data: Encoded, idx: np.ndarray) -> float:
    """Pairwise accuracy on decided (non-tie) comparisons."""
    idx = idx[data.outcomes[idx] != 0.5]
    z, u, y, _ = _tensors(data, idx)
    with torch.no_grad():
        pred = model(z, u) > 0
    return float((pred == (y > 0.5)).float().mean()) if len(idx) else float("nan")


def fit_model(
    data: Encoded, n_bases: int, train_idx, val_idx, config: FitConfig, seed: int, progress=None
):
    torch.manual_seed(seed)
    model = PreferenceModel(data.z_diff.shape[1], n_bases, len(data.user_ids))
    head, coefs = svd_init(data, train_idx, n_bases)
    with torch.no_grad():
        # A little noise breaks the symmetry of the bases the SVD left at zero.
        model.head.weight.copy_(
            torch.from_numpy(head).float() + 1e-3 * torch.randn(n_bases, head.shape[1])
        )
        model.user_coefs.copy_(torch.from_numpy(coefs).float() + 1e-2 * torch.randn(*coefs.shape))
    result = train(model, data, train_idx, val_idx, config, progress)
    result["val_accuracy"] = accuracy(model, data, val_idx)
    return model, result


def varimax(loadings: np.ndarray, iters: int = 100, tol: float = 1e-8) -> np.ndarray:
    """Orthogonal rotation R (k × k) making loadings @ R load each column on few rows."""
    p, k = loadings.shape
    rotation, last = np.eye(k), 0.0
    for _ in range(iters):
        rotated = loadings @ rotation
        u, s, vt = np.linalg.svd(
            loadings.T @ (rotated**3 - rotated @ np.diag((rotated**2).sum(0)) / p)
        )
        rotation = u @ vt
        if s.sum() - last < tol:
            break
        last = s.sum()
    return rotation


def _corr(phi: np.ndarray, attrs: np.ndarray) -> np.ndarray:
    a = (phi - phi.mean(0)) / phi.std(0).clip(min=1e-9)
    b = (attrs - attrs.mean(0)) / attrs.std(0).clip(min=1e-9)
    return a.T @ b / len(a)


def readable_basis(head: np.ndarray, coefs: np.ndarray, z_texts: np.ndarray, attrs: np.ndarray):
    """Whiten φ over the corpus, rotate (varimax on attribute correlations) and orient each base so
    positive = more of its strongest attribute. Returns projection, offset, coefs, correlations."""
    phi = z_texts @ head.T
    mean = phi.mean(0)
    evals, evecs = np.linalg.eigh(np.cov(phi.T) + 1e-9 * np.eye(len(head)))
    inv_sqrt = evecs @ np.diag(evals.clip(min=1e-9) ** -0.5) @ evecs.T
    sqrt = evecs @ np.diag(evals.clip(min=1e-9) ** 0.5) @ evecs.T
    white = (phi - mean) @ inv_sqrt
    rotation = varimax(_corr(white, attrs).T)
    transform = inv_sqrt @ rotation  # φ_new = (φ - mean) @ transform
    corr = _corr(white @ rotation, attrs)
    signs = np.sign(corr[np.arange(len(corr)), np.abs(corr).argmax(1)])
    transform, corr = transform * signs, corr * signs[:, None]
    projection = transform.T @ head
    new_coefs = coefs @ (sqrt @ rotation) * signs  # w·φ unchanged up to a constant
    return projection, -(mean @ transform), new_coefs, corr


def population(
    coefs: np.ndarray, shrink: float = 0.1, floor: float = 1e-2
) -> tuple[np.ndarray, np.ndarray]:
    """w̄ and a regularised Σ (shrunk toward its diagonal, floored) of the users' coefficients."""
    w_bar = coefs.mean(0)
    cov = np.cov(coefs.T) if len(coefs) > 1 else np.eye(coefs.shape[1])
    cov = (1 - shrink) * cov + shrink * np.diag(np.diag(cov)) + floor * np.eye(len(w_bar))
    return w_bar, cov


def live_bases(sigma: np.ndarray, min_ratio: float = 0.35) -> np.ndarray:
    """Indices of the bases whose spread is at least min_ratio of the median base's (a "dead"
    base, σ 0.25 beside ~1.1, is a direction the group does not vary along)."""
    sd = np.sqrt(np.diag(sigma))
    return np.flatnonzero(sd >= min_ratio * np.median(sd))


def fit_prior(
    comparisons: list[Comparison],
    *,
    J: int | None = None,
    seed: int = 0,
    progress: bool = True,
    encoder: TextEncoder | None = None,
    config: FitConfig | None = None,
    diagnostics: bool = True,
) -> GroupPrior:
    """Fit base functions and the population's coefficients; J=None picks J on validation.
    diagnostics: drop annotators whose answers look like non-attitudes or framing-following and
    down-weight their flipped pairs (assistant.reward.consistency); counts go to meta."""
    if len({c.user_id for c in comparisons}) < 2:
        raise ValueError("group data needs comparisons from at least 2 users to fit a prior")
    config = config or FitConfig()
    start = time.perf_counter()
    pairs = list(
        dict.fromkeys((c.prompt, r) for c in comparisons for r in (c.response_a, c.response_b))
    )
    featurizer = Featurizer.fitted([r for _, r in pairs], encoder, [p for p, _ in pairs])
    full = encode(comparisons, featurizer)
    report: dict = {}
    if diagnostics:
        from assistant.reward.consistency import annotator_weights

        weights, report = annotator_weights(comparisons)
        full.weights = (full.weights * weights).astype(np.float32)
    else:
        full.weights = np.ones_like(full.weights)
    basis = input_basis(full.z_texts)
    data = reduce(full, basis)
    train_idx, val_idx = split(len(comparisons), config.val_fraction, seed)
    candidates = (J,) if J else J_CANDIDATES
    bar = _progress_bar(len(candidates) * config.max_steps, progress)
    fits = {}
    for n_bases in candidates:
        fits[n_bases] = fit_model(
            data, n_bases, train_idx, val_idx, config, seed, bar.update if bar else None
        )
    if bar:
        bar.close()
    best_loss = min(r["val_loss"] for _, r in fits.values())
    chosen = min(k for k, (_, r) in fits.items() if r["val_loss"] <= best_loss + 0.005)
    model, result = fits[chosen]
    attrs = measure_matrix(data.texts)
    head = model.head.weight.detach().double().numpy() @ basis.T  # back to the full input space
    projection, offset, coefs, corr = readable_basis(
        head, model.user_coefs.detach().double().numpy(), full.z_texts, attrs
    )
    dropped = set(report.get("dropped", []))
    kept = [i for i, u in enumerate(data.user_ids) if u not in dropped]
    w_bar, sigma = population(coefs[kept] if len(kept) >= 2 else coefs)
    live = live_bases(sigma)  # a base the users barely differ on only adds noise to the panel
    projection, offset, corr, w_bar = projection[live], offset[live], corr[live], w_bar[live]
    sigma = sigma[np.ix_(live, live)]
    labels, directions, protected = describe(corr)
    corpus_phi = full.z_texts @ projection.T + offset
    bounds = np.percentile(corpus_phi, [SATURATE_AT, 100 - SATURATE_AT], axis=0)
    meta = {
        "n_users": len(data.user_ids),
        "n_comparisons": len(comparisons),
        "J": len(live),
        "J_fitted": chosen,
        "seed": seed,
        "val_loss": {str(k): round(r["val_loss"], 4) for k, (_, r) in fits.items()},
        "val_accuracy": {str(k): round(r["val_accuracy"], 4) for k, (_, r) in fits.items()},
        "fit_seconds": round(time.perf_counter() - start, 1),
        "consistency": {k: v for k, v in report.items() if k != "dropped"} or "off",
    }
    return GroupPrior(
        labels=labels,
        directions=directions,
        w_bar=w_bar,
        sigma=sigma,
        protected=protected,
        projection=projection,
        offset=offset,
        feature_mean=featurizer.mean,
        feature_std=featurizer.std,
        attribute_corr=corr,
        meta=meta,
        bounds=bounds,
        encoder=encoder,
    )


def _progress_bar(total: int, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="fitting group prior", unit="step")
