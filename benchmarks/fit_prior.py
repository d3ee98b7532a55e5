"""Fitting the group prior: time and held-out accuracy vs number of users and comparisons.

Two SIMULATED worlds, same run: "linear" (PReF Attributes users, linear in measured attributes)
and "nonlinear" (the same directions through thresholds, a preferred middle, interactions and
saturation: no linear model represents it exactly). Each user's position in the fitted basis
(posterior from their training answers) is scored on held-out prompts against the same-run
baseline: per-user L2 logistic regression on the raw inputs from the same answers (no basis).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np

from assistant.reward.corpus import load_turns
from assistant.reward.fit import fit_prior
from assistant.reward.model import Featurizer
from assistant.reward.posterior import UserPosterior
from assistant.reward.simulate import (
    build_pool,
    nonlinear_users,
    simulate_comparisons,
    simulated_users,
)
from benchmarks import write_result
from benchmarks.onboarding import cached_encoder, ridge_logistic


def held_out_accuracy(prior, train, test) -> tuple[float, float]:
    """Accuracy on held-out prompts: each user's position in the fitted basis (posterior from their
    training answers) vs the same answers fitted per user without the basis (logistic regression)."""
    hits, base_hits, n = 0.0, 0.0, 0
    for user in sorted({c.user_id for c in test}):
        tr = [c for c in train if c.user_id == user]
        te = [c for c in test if c.user_id == user and c.label != "tie"]
        if not tr or not te:
            continue
        d_tr, z_tr = diffs(prior, tr)
        d_te, z_te = diffs(prior, te)
        y_tr = np.array([c.outcome for c in tr])
        y_te = np.array([1.0 if c.label == "a" else -1.0 for c in te])
        post = UserPosterior.from_prior(prior).update(d_tr, y_tr)
        theta = ridge_logistic(z_tr, y_tr)
        hits += float(np.sum(np.sign(d_te @ post.mean) == y_te))
        base_hits += float(np.sum(np.sign(z_te @ theta) == y_te))
        n += len(te)
    return hits / n, base_hits / n


def diffs(prior, comps):
    """φ(a)−φ(b) in the prior's basis and z(a)−z(b) of its raw inputs (public prior API only)."""
    prompts = [c.prompt for c in comps] * 2
    texts = [c.response_a for c in comps] + [c.response_b for c in comps]
    z = Featurizer(prior.feature_mean, prior.feature_std, prior.encoder).transform(prompts, texts)
    phi = prior.features_many(prompts, texts)
    m = len(comps)
    z = z.astype(np.float64)
    return phi[:m] - phi[m:], z[:m] - z[m:]


def run_world(users, grid, train_pool, test_pool, seed: int, quick: bool, encoder) -> dict:
    runs = []
    for n_users, per_user in grid:
        group = users[:: len(users) // n_users][:n_users]
        train = simulate_comparisons(
            group, train_pool, per_user=per_user, shared=min(40, per_user // 2), seed=seed
        )
        test = simulate_comparisons(group, test_pool, per_user=40, shared=10, seed=seed + 1)
        start = time.perf_counter()
        prior = fit_prior(train, seed=seed, progress=False, encoder=encoder, J=6 if quick else None)
        seconds = time.perf_counter() - start
        acc, baseline = held_out_accuracy(prior, train, test)
        runs.append(
            {
                "n_users": n_users,
                "n_comparisons": len(train),
                "fit_seconds": round(seconds, 1),
                "heldout_accuracy": round(acc, 4),
                "per_user_logistic_accuracy": round(baseline, 4),
                "J": prior.J,
                "labels": prior.labels,
            }
        )
        print(json.dumps(runs[-1]), flush=True)
    last = runs[-1]
    return {
        "heldout_accuracy": last["heldout_accuracy"],
        "baseline_per_user_logistic": last["per_user_logistic_accuracy"],
        "prior_minus_per_user_logistic": round(
            last["heldout_accuracy"] - last["per_user_logistic_accuracy"], 4
        ),
        "fit_seconds": last["fit_seconds"],
        "n_users": last["n_users"],
        "n_comparisons": last["n_comparisons"],
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=None, help="unused: users are simulated")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    turns = load_turns()
    random.Random(args.seed).shuffle(turns)
    half = len(turns) // 2
    n_prompts = 100 if args.quick else 300
    train_pool = build_pool(turns[:half], n_prompts, 4, args.seed)
    test_pool = build_pool(turns[half:], n_prompts // 3, 4, args.seed + 1)
    grid = [(84, 60)] if args.quick else [(21, 150), (42, 150), (84, 50), (84, 100), (84, 150)]
    encoder = cached_encoder()
    start = time.perf_counter()
    worlds = {
        name: run_world(users, grid, train_pool, test_pool, args.seed, args.quick, encoder)
        for name, users in (
            ("linear", simulated_users(args.seed)),
            ("nonlinear", nonlinear_users(args.seed)),
        )
    }
    linear, nonlinear = worlds["linear"], worlds["nonlinear"]
    result = {
        "benchmark": "fit_prior",
        "quick": args.quick,
        "simulated": True,
        "heldout_accuracy": linear["heldout_accuracy"],
        "baseline_per_user_logistic": linear["baseline_per_user_logistic"],
        "nonlinear_heldout_accuracy": nonlinear["heldout_accuracy"],
        "nonlinear_baseline_per_user_logistic": nonlinear["baseline_per_user_logistic"],
        "fit_seconds": linear["fit_seconds"],
        "n_users": linear["n_users"],
        "n_comparisons": linear["n_comparisons"],
        "note": "headline = the largest grid point; fit_seconds includes encoding texts not "
        "already in the embedding cache; machine was shared",
        "worlds": worlds,
        "seconds": round(time.perf_counter() - start, 1),
    }
    write_result("fit_prior", result, args.quick)
    return result


if __name__ == "__main__":
    main()
