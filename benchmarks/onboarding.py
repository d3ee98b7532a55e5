"""Onboarding: pairwise accuracy after k answers, active vs random vs oracle vs per-user baseline."""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np
from platformdirs import user_cache_dir

from assistant.reward.attributes import measure_matrix
from assistant.reward.corpus import load_turns
from assistant.reward.fit import fit_prior
from assistant.reward.model import DiskCachedEncoder
from assistant.reward.onboarding import Question, attach_bank, next_question, record_answer
from assistant.reward.posterior import UserPosterior
from assistant.reward.simulate import build_pool, judge, simulate_comparisons, simulated_users

RESULTS = Path(__file__).parent / "results"
KS = (0, 1, 3, 5, 10, 20)
BETA = 2.0


def cached_encoder() -> DiskCachedEncoder:
    """Embeddings are a pure function of text and the packaged model: cache them across runs."""
    return DiskCachedEncoder(Path(user_cache_dir("plural")) / "reward_embeddings.npz")


def split_world(seed: int, quick: bool):
    """Disjoint prompts for fitting / questions / evaluation; 1 in 4 users held out."""
    turns = load_turns()
    random.Random(seed).shuffle(turns)
    n = len(turns)
    users = simulated_users(seed)
    # a seeded random quarter: users[::4] held out a structured subset whose mean opposes the rest
    random.Random(seed + 1).shuffle(users)
    test_users = users[: len(users) // 4]
    train_users = users[len(users) // 4 :]
    sizes = (120, 40, 60) if quick else (300, 120, 150)
    fit_pool = build_pool(turns[: n // 2], sizes[0], 4, seed)
    bank_turns = turns[n // 2 : 3 * n // 4]
    eval_pool = build_pool(turns[3 * n // 4 :], sizes[2], 4, seed + 1)
    return train_users, test_users, fit_pool, bank_turns, sizes[1], eval_pool


def attribute_scale(texts: list[str]) -> np.ndarray:
    return measure_matrix(texts).std(0).clip(min=1e-6)


def accuracy(pred: np.ndarray, truth: np.ndarray) -> float:
    """Pairwise accuracy; a predicted tie counts half."""
    return float(np.mean(np.where(pred == 0, 0.5, (np.sign(pred) == truth).astype(float))))


def ridge_logistic(x: np.ndarray, y: np.ndarray, lam: float = 1.0, iters: int = 30) -> np.ndarray:
    """Per-user, non-factorised baseline: L2 logistic regression on raw input differences."""
    theta = np.zeros(x.shape[1])
    if len(x) == 0:
        return theta
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(x @ theta)))
        grad = x.T @ (y - p) - lam * theta
        hess = (x * (p * (1 - p))[:, None]).T @ x + lam * np.eye(x.shape[1])
        theta += np.linalg.solve(hess, grad)
    return theta


def user_answers(user, texts_a, texts_b, scale, rng):
    attrs_a = measure_matrix(texts_a) / scale
    attrs_b = measure_matrix(texts_b) / scale
    labels = [judge(user, a, b, rng, BETA) for a, b in zip(attrs_a, attrs_b, strict=True)]
    return np.array([{"a": 1.0, "b": 0.0, "tie": 0.5}[x] for x in labels])


def run_selection(prior, user, scale, eval_phi, truth, rng, active: bool):
    """Ask up to max(KS) questions; accuracy of the posterior mean after each k in KS."""
    post, asked, acc, answers = UserPosterior.from_prior(prior), [], {}, []
    order = rng.sample(range(len(prior.bank)), len(prior.bank))
    for k in range(max(KS) + 1):
        if k in KS:
            acc[k] = accuracy(eval_phi @ post.mean, truth)
        if k == max(KS):
            break
        if active:
            q = next_question(prior, post, asked)
        else:
            row = prior.bank[order[k]]
            q = Question(
                row["id"], row["prompt"], row["a"], row["b"], prior.bank_diffs[order[k]], k + 1
            )
        y = user_answers(user, [q.a], [q.b], scale, rng)[0]
        choice = {1.0: "a", 0.0: "b", 0.5: "tie"}[y]
        post = record_answer(post, q, choice)
        asked.append(q.id)
        answers.append((q, y))
    return acc, answers


def evaluate_user(prior, user, world, seed):
    _, _, fit_pool, _, _, eval_pool = world
    rng = random.Random(seed)
    scale = attribute_scale(eval_pool.texts)
    items = np.array(eval_pool.items)
    true_w = user.weights()
    attrs = measure_matrix(eval_pool.texts) / scale
    truth = np.sign((attrs[items[:, 0]] - attrs[items[:, 1]]) @ true_w)
    keep = truth != 0
    phi, z = world_features(prior, eval_pool)
    eval_phi = (phi[items[:, 0]] - phi[items[:, 1]])[keep]
    eval_z = (z[items[:, 0]] - z[items[:, 1]])[keep]
    truth = truth[keep]
    active, _ = run_selection(prior, user, scale, eval_phi, truth, random.Random(seed), True)
    rand, answers = run_selection(
        prior, user, scale, eval_phi, truth, random.Random(seed + 7), False
    )
    baseline = {}
    for k in KS:
        x = np.array([prior_inputs(prior, q) for q, _ in answers[:k]]).reshape(k, eval_z.shape[1])
        theta = ridge_logistic(x, np.array([y for _, y in answers[:k]]))
        baseline[k] = accuracy(eval_z @ theta, truth)
    oracle = oracle_accuracy(prior, user, fit_pool, scale, eval_phi, truth, rng)
    return {
        "active": active,
        "random": rand,
        "per_user_logistic": baseline,
        "oracle": dict.fromkeys(KS, oracle),
    }


_FEATURE_CACHE: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def world_features(prior, pool):
    key = id(pool)
    if key not in _FEATURE_CACHE:
        prompts = [pool.prompts[p] for p in pool.prompt_of]
        z = prior._featurizer.transform(prompts, pool.texts).astype(np.float64)
        _FEATURE_CACHE[key] = (z @ prior.projection.T + prior.offset, z)
    return _FEATURE_CACHE[key]


def prior_inputs(prior, q):
    z = prior._featurizer.transform([q.prompt, q.prompt], [q.a, q.b]).astype(np.float64)
    return z[0] - z[1]


def oracle_accuracy(prior, user, pool, scale, eval_phi, truth, rng, n=300):
    """The best this basis allows: the user's coefficients fitted on n of their own comparisons."""
    phi, _ = world_features(prior, pool)
    picks = rng.sample(pool.items, min(n, len(pool.items)))
    a, b = np.array([i for i, _ in picks]), np.array([j for _, j in picks])
    y = user_answers(user, [pool.texts[i] for i in a], [pool.texts[j] for j in b], scale, rng)
    post = UserPosterior.from_prior(prior).update(phi[a] - phi[b], y)
    return accuracy(eval_phi @ post.mean, truth)


def plot(acc: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    for method, curve in acc.items():
        ks = sorted(curve)
        ax.plot(ks, [curve[k] for k in ks], marker="o", label=method)
    ax.set(
        xlabel="answered questions k",
        ylabel="held-out pairwise accuracy",
        title="Onboarding (simulated users)",
    )
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--data", type=Path, default=None, help="unused: the benchmark simulates its users"
    )
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    world = split_world(args.seed, args.quick)
    train_users, test_users, fit_pool, bank_turns, bank_size, _ = world
    encoder = cached_encoder()
    comparisons = simulate_comparisons(train_users, fit_pool, seed=args.seed)
    prior = fit_prior(comparisons, seed=args.seed, progress=False, encoder=encoder)
    attach_bank(prior, bank_turns, n=bank_size, seed=args.seed)
    per_user = [evaluate_user(prior, u, world, args.seed + i) for i, u in enumerate(test_users)]
    acc = {
        m: {k: round(float(np.mean([r[m][k] for r in per_user])), 4) for k in KS}
        for m in per_user[0]
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    plot(acc, RESULTS / "onboarding.png")
    result = {
        "benchmark": "onboarding",
        "quick": args.quick,
        "simulated": True,
        "n_test_users": len(test_users),
        "n_train_users": len(train_users),
        "J": prior.J,
        "labels": prior.labels,
        "accuracy": {m: {str(k): v for k, v in curve.items()} for m, curve in acc.items()},
        "k10_fraction_of_oracle": round(acc["active"][10] / acc["oracle"][10], 4),
        "active_minus_random_k5": round(acc["active"][5] - acc["random"][5], 4),
        "targets": {"k10_fraction_of_oracle": 0.95, "active_minus_random_k5": 0.05},
        "seconds": round(time.perf_counter() - start, 1),
    }
    (RESULTS / "onboarding.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
