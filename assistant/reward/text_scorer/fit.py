"""Train the scorer's MLP on facet pairs (Bradley-Terry), as a seeded ensemble, and build the
shipped weights with a held-out-facet accuracy beside them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from assistant.encoder import encode_unique
from assistant.reward.loss import bt_loss
from assistant.reward.model import TextEncoder, default_encoder
from assistant.reward.text_scorer.facets import (
    FACETS_PATH,
    WEIGHTS_PATH,
    TextScorerError,
    heldout_facets,
    load_facets,
    make_pairs,
)
from assistant.reward.text_scorer.features import cosine_column, lexical_features, pair_features
from assistant.reward.text_scorer.model import mlp_forward


@dataclass(frozen=True)
class FitConfig:
    hidden: int = 64
    epochs: int = 30
    lr: float = 1e-3
    weight_decay: float = 0.1
    dropout: float = 0.5
    batch_size: int = 256
    members: int = 5
    """Ensemble size: one small MLP's preferences swing from seed to seed on paraphrases."""
    holdout: float = 0.2
    """Share of facets held out (whole facets, never seen in training) to report generalisation."""
    ties: float = 0.25
    """Share of rows repeated with an unrelated line as ties (see facets.make_pairs)."""

    def __post_init__(self) -> None:
        for name in ("hidden", "epochs", "batch_size", "members"):
            if getattr(self, name) < 1:
                raise TextScorerError(f"FitConfig.{name} must be 1 or more")
        if self.lr <= 0 or self.weight_decay < 0:
            raise TextScorerError("FitConfig.lr must be > 0 and weight_decay >= 0")
        if not (0 <= self.dropout < 1 and 0 < self.holdout < 1 and 0 <= self.ties <= 1):
            raise TextScorerError(
                "FitConfig.dropout must be in [0, 1), holdout in (0, 1) and ties in [0, 1]"
            )


def featurize_rows(rows: list[dict], encoder: TextEncoder) -> tuple[np.ndarray, np.ndarray]:
    """Feature matrices (chosen, rejected) for pair rows."""
    lines = [r["line"] for r in rows]
    emb = encode_unique(encoder, lines + [r[k] for k in ("chosen", "rejected") for r in rows])
    u = emb[: len(rows)]

    def side(offset: int, key: str) -> np.ndarray:
        lex = np.stack([lexical_features(r["line"], r[key]) for r in rows])
        return pair_features(u, emb[offset : offset + len(rows)], lex)

    return side(len(rows), "chosen"), side(2 * len(rows), "rejected")


def fit(
    xc: np.ndarray,
    xr: np.ndarray,
    config: FitConfig = FitConfig(),
    *,
    seed: int = 0,
    outcomes: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """One MLP trained with bt_loss on s(chosen) - s(rejected): outcome 1 (chosen wins, the
    default for every row) or 0.5 (a tie)."""
    if xc.shape != xr.shape or len(xc) == 0:
        raise TextScorerError("fit needs equally shaped, non-empty chosen/rejected features")
    y = np.ones(len(xc), dtype=np.float32) if outcomes is None else outcomes.astype(np.float32)
    if y.shape != (len(xc),):
        raise TextScorerError("fit needs one outcome per pair")
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # a tiny MLP: extra threads only contend (and vary the result)
    try:
        return _train(xc, xr, torch.from_numpy(y), config, seed)
    finally:
        torch.set_num_threads(threads)


def _train(
    xc: np.ndarray, xr: np.ndarray, y: torch.Tensor, config: FitConfig, seed: int
) -> dict[str, np.ndarray]:
    torch.manual_seed(seed)
    both = np.concatenate([xc, xr])
    mean, std = both.mean(0), both.std(0) + 1e-6
    tc = torch.from_numpy((xc - mean) / std)
    tr = torch.from_numpy((xr - mean) / std)
    model = torch.nn.Sequential(
        torch.nn.Dropout(config.dropout),
        torch.nn.Linear(xc.shape[1], config.hidden),
        torch.nn.ReLU(),
        torch.nn.Linear(config.hidden, 1),
    )
    opt = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    gen = torch.Generator().manual_seed(seed)
    for _ in range(config.epochs):
        for idx in torch.randperm(len(tc), generator=gen).split(config.batch_size):
            margin = (model(tc[idx]) - model(tr[idx])).reshape(-1)
            loss = bt_loss(margin, y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    first, last = model[1], model[3]
    return {
        "mean": mean.astype(np.float32),
        "std": std.astype(np.float32),
        "w1": first.weight.detach().numpy().T.copy(),
        "b1": first.bias.detach().numpy().copy(),
        "w2": last.weight.detach().numpy().T.copy(),
        "b2": last.bias.detach().numpy().copy(),
    }


def fit_ensemble(
    xc: np.ndarray,
    xr: np.ndarray,
    config: FitConfig = FitConfig(),
    *,
    seed: int = 0,
    outcomes: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Average `config.members` MLPs trained with seeds seed, seed+1, ... Members share the input
    normalisation, so the average is itself one wider MLP (hidden layers side by side, output
    weights divided by the count) and loads and scores like a single model."""
    fits = [fit(xc, xr, config, seed=seed + m, outcomes=outcomes) for m in range(config.members)]
    return {
        "mean": fits[0]["mean"],
        "std": fits[0]["std"],
        "w1": np.concatenate([f["w1"] for f in fits], axis=1),
        "b1": np.concatenate([f["b1"] for f in fits]),
        "w2": np.concatenate([f["w2"] for f in fits], axis=0) / config.members,
        "b2": np.mean([f["b2"] for f in fits], axis=0),
    }


def pairwise_accuracy(params: dict[str, np.ndarray], xc: np.ndarray, xr: np.ndarray) -> float:
    """Share of pairs where the chosen answer scores strictly higher."""
    return float(np.mean(mlp_forward(params, xc) > mlp_forward(params, xr)))


def build(
    out: Path = WEIGHTS_PATH,
    *,
    facets_path: Path = FACETS_PATH,
    seed: int = 0,
    encoder: TextEncoder | None = None,
    config: FitConfig = FitConfig(),
) -> dict[str, Any]:
    """Train on our facets (a held-out share of whole facets first, to report generalisation and
    the cosine baseline on the same pairs), then on all of them; write the weights and a
    build_info.json beside them. Seeded: the same inputs give the same bytes."""
    facets = load_facets(facets_path)
    if not facets:
        raise TextScorerError(f"no facets in {facets_path}: nothing to train on")
    rows = make_pairs(facets, seed=seed, ties=config.ties)
    xc, xr = featurize_rows(rows, encoder if encoder is not None else default_encoder())
    y = np.array([r["outcome"] for r in rows], dtype=np.float32)
    won = y == 1.0
    facet_of = np.array([r["facet"] for r in rows])
    held = heldout_facets(len(facets), config.holdout, seed)
    n_held = len(held)
    in_held = np.isin(facet_of, sorted(held))
    test = in_held & won  # held-out facets are scored on their own lines, not on their ties
    held_lines = {line for i in held for line in facets[i].statements}
    unseen = in_held | np.array([r["line"] in held_lines for r in rows])  # nor as a tie's line
    params = fit_ensemble(xc, xr, config, seed=seed, outcomes=y)
    info: dict[str, Any] = {
        "facets": len(facets),
        "pairs": int(won.sum()),
        "ties": int((~won).sum()),
        "seed": seed,
        "config": asdict(config),
        "heldout_facets": int(n_held),
        "train_pairwise_accuracy": round(pairwise_accuracy(params, xc[won], xr[won]), 4),
    }
    if unseen.all():  # too few facets to hold any out and still train
        info["heldout_facets_pairwise_accuracy"] = None
    else:
        probe = fit_ensemble(xc[~unseen], xr[~unseen], config, seed=seed, outcomes=y[~unseen])
        cos = cosine_column(xc.shape[1])
        info["heldout_facets_pairwise_accuracy"] = round(
            pairwise_accuracy(probe, xc[test], xr[test]), 4
        )
        info["heldout_facets_cosine_accuracy"] = round(
            float(np.mean(xc[test, cos] > xr[test, cos])), 4
        )
        ties = in_held & ~won  # ~0.5 when held-out items are not good or bad in themselves
        if ties.any():
            share = pairwise_accuracy(probe, xc[ties], xr[ties])
            info["heldout_ties_chosen_share"] = round(share, 4)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, **{k: v.astype(np.float32) for k, v in params.items()})
    out.with_name("build_info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info
