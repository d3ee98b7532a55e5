"""Onboarding: pairwise accuracy after k answers, active vs random vs oracle vs per-user baseline.

Two SIMULATED worlds, same run: "linear" (the PReF Attributes users, Bradley–Terry on a linear
function of measured attributes: a world the factorised model can represent) and "nonlinear"
(the same directions judged through thresholds, a preferred middle, interactions and saturation:
assistant.reward.simulate.nonlinear_users; no linear model represents it exactly). In each world a
prior is fitted on three quarters of the users (or `--prior DIR` is loaded: any saved prior with an
onboarding bank) and the held-out quarter is onboarded. Accuracy is against each user's noise-free
preference on pairs from prompts that neither the prior nor the bank saw. Baselines from the same
run: random questions from the same bank, per-user logistic regression on the raw inputs from the
same answers, and the oracle (the user's coefficients fitted on 300 of their own comparisons, in
the prior's basis; `oracle_raw_logistic`: the same 300 without the basis).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import numpy as np
from platformdirs import user_cache_dir

from assistant.reward.attributes import measure_matrix
from assistant.reward.corpus import load_turns
from assistant.reward.fit import FitConfig, fit_prior
from assistant.reward.model import DiskCachedEncoder, Featurizer
from assistant.reward.onboarding import Question, attach_bank, next_question, record_answer
from assistant.reward.posterior import UserPosterior
from assistant.reward.prior import GroupPrior
from assistant.reward.simulate import (
    Pool,
    build_pool,
    judge,
    nonlinear_users,
    simulate_comparisons,
    simulated_users,
)
from benchmarks import result_path, write_result

RESULTS = Path(__file__).parent / "results"
KS = (0, 1, 3, 5, 10, 20)
BETA = 2.0
TARGETS = {"k10_fraction_of_oracle": 0.95, "active_minus_random_k5": 0.05}


def cached_encoder() -> DiskCachedEncoder:
    """Embeddings are a pure function of text and the packaged model: cache them across runs."""
    return DiskCachedEncoder(Path(user_cache_dir("plural")) / "reward_embeddings.npz")


def split_world(seed: int, quick: bool):
    """Disjoint prompts for fitting / questions / evaluation; a seeded quarter of users held out
    (the same positions in both worlds: nonlinear user k has linear user k's directions)."""
    turns = load_turns()
    random.Random(seed).shuffle(turns)
    n = len(turns)
    order = list(range(len(simulated_users(seed))))
    # a seeded random quarter: users[::4] held out a structured subset whose mean opposes the rest
    random.Random(seed + 1).shuffle(order)
    held = order[: len(order) // 4]
    train = order[len(order) // 4 :]
    users = {"linear": simulated_users(seed), "nonlinear": nonlinear_users(seed)}
    split = {w: ([us[i] for i in train], [us[i] for i in held]) for w, us in users.items()}
    sizes = (120, 40, 40) if quick else (300, 120, 150)
    fit_pool = build_pool(turns[: n // 2], sizes[0], 4, seed)
    bank_turns = turns[n // 2 : 3 * n // 4]
    eval_pool = build_pool(turns[3 * n // 4 :], sizes[2], 4, seed + 1)
    return split, fit_pool, bank_turns, sizes[1], eval_pool


class AttributeScale:
    """Attributes standardised over the evaluation texts (centred: thresholds and a preferred
    middle are meant relative to an ordinary answer)."""

    def __init__(self, texts: list[str]):
        self._raw: dict[str, np.ndarray] = {}
        raw = self.measure(texts)
        self.mean, self.std = raw.mean(0), raw.std(0).clip(min=1e-6)

    def measure(self, texts: list[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in self._raw]
        if todo:
            self._raw.update(zip(todo, measure_matrix(todo), strict=True))
        return np.array([self._raw[t] for t in texts]).reshape(len(texts), -1)

    def __call__(self, texts: list[str]) -> np.ndarray:
        return (self.measure(texts) - self.mean) / self.std


def accuracy(pred: np.ndarray, truth: np.ndarray) -> float:
    """Pairwise accuracy; a predicted tie counts half."""
    return float(np.mean(np.where(pred == 0, 0.5, (np.sign(pred) == truth).astype(float))))


def ridge_logistic(x: np.ndarray, y: np.ndarray, lam: float = 1.0, iters: int = 30) -> np.ndarray:
    """Per-user, non-factorised baseline: L2 logistic regression on raw input differences
    (Newton; each step solved in the smaller of the sample and feature spaces)."""
    n, d = x.shape
    theta = np.zeros(d)
    if n == 0:
        return theta
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(x @ theta)))
        grad = x.T @ (y - p) - lam * theta
        xs = x * np.sqrt(p * (1 - p))[:, None]
        if n < d:  # (λI + XsᵀXs)⁻¹g = (g − Xsᵀ(λI + XsXsᵀ)⁻¹Xs g) / λ
            step = (grad - xs.T @ np.linalg.solve(lam * np.eye(n) + xs @ xs.T, xs @ grad)) / lam
        else:
            step = np.linalg.solve(xs.T @ xs + lam * np.eye(d), grad)
        theta += step
        if np.abs(step).max() < 1e-8:
            break
    return theta


def user_answers(user, texts_a, texts_b, scale: AttributeScale, rng) -> np.ndarray:
    attrs_a, attrs_b = scale(texts_a), scale(texts_b)
    labels = [judge(user, a, b, rng, BETA) for a, b in zip(attrs_a, attrs_b, strict=True)]
    return np.array([{"a": 1.0, "b": 0.0, "tie": 0.5}[x] for x in labels])


class Features:
    """φ (the prior's bases) and z (its raw inputs) for texts; public prior API only, so any saved
    prior works."""

    def __init__(self, prior: GroupPrior):
        self.prior = prior
        self.raw = Featurizer(prior.feature_mean, prior.feature_std, prior.encoder)
        self._pools: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def pool(self, pool: Pool) -> tuple[np.ndarray, np.ndarray]:
        if id(pool) not in self._pools:
            prompts = [pool.prompts[p] for p in pool.prompt_of]
            self._pools[id(pool)] = (
                self.prior.features_many(prompts, pool.texts),
                self.raw.transform(prompts, pool.texts).astype(np.float64),
            )
        return self._pools[id(pool)]

    def question_z(self, q: Question) -> np.ndarray:
        z = self.raw.transform([q.prompt, q.prompt], [q.a, q.b]).astype(np.float64)
        return z[0] - z[1]


def bank_question(prior: GroupPrior, index: int, number: int) -> Question:
    row = prior.bank[index]
    return Question(row["id"], row["prompt"], row["a"], row["b"], prior.bank_diffs[index], number)


def run_selection(prior, user, scale, eval_phi, truth, rng, active: bool, ks):
    """Ask up to max(ks) questions; accuracy of the posterior mean after each k in ks."""
    post, asked, acc, answers = UserPosterior.from_prior(prior), [], {}, []
    order = rng.sample(range(len(prior.bank)), len(prior.bank))
    for k in range(max(ks) + 1):
        if k in ks:
            acc[k] = accuracy(eval_phi @ post.mean, truth)
        if k == max(ks):
            break
        q = next_question(prior, post, asked) if active else bank_question(prior, order[k], k + 1)
        if q is None:  # the bank is used up: later ks keep the last posterior
            acc.update({later: accuracy(eval_phi @ post.mean, truth) for later in ks if later > k})
            break
        y = user_answers(user, [q.a], [q.b], scale, rng)[0]
        post = record_answer(post, q, {1.0: "a", 0.0: "b", 0.5: "tie"}[y])
        asked.append(q.id)
        answers.append((q, y))
    return acc, answers


def evaluate_user(prior, feats: Features, user, world, seed: int, ks) -> dict:
    fit_pool, eval_pool, scale = world
    rng = random.Random(seed)
    items = np.array(eval_pool.items)
    attrs = scale(eval_pool.texts)
    utility = np.array([user.utility(x) for x in attrs])
    truth = np.sign(utility[items[:, 0]] - utility[items[:, 1]])
    keep = truth != 0
    phi, z = feats.pool(eval_pool)
    eval_phi = (phi[items[:, 0]] - phi[items[:, 1]])[keep]
    eval_z = (z[items[:, 0]] - z[items[:, 1]])[keep]
    truth = truth[keep]
    active, _ = run_selection(prior, user, scale, eval_phi, truth, random.Random(seed), True, ks)
    rand, answers = run_selection(
        prior, user, scale, eval_phi, truth, random.Random(seed + 7), False, ks
    )
    baseline = {}
    for k in ks:
        x = np.array([feats.question_z(q) for q, _ in answers[:k]]).reshape(-1, eval_z.shape[1])
        theta = ridge_logistic(x, np.array([y for _, y in answers[:k]]))
        baseline[k] = accuracy(eval_z @ theta, truth)
    oracle, oracle_raw = oracle_accuracy(
        prior, feats, user, fit_pool, scale, eval_phi, eval_z, truth, rng
    )
    return {
        "active": active,
        "random": rand,
        "per_user_logistic": baseline,
        "oracle": dict.fromkeys(ks, oracle),
        "oracle_raw_logistic": dict.fromkeys(ks, oracle_raw),
    }


def oracle_accuracy(prior, feats, user, pool, scale, eval_phi, eval_z, truth, rng, n=300):
    """The best this basis allows: the user's coefficients fitted on n of their own comparisons;
    and a per-user logistic regression on the raw inputs from the same n (no basis)."""
    phi, z = feats.pool(pool)
    picks = rng.sample(pool.items, min(n, len(pool.items)))
    a, b = np.array([i for i, _ in picks]), np.array([j for _, j in picks])
    y = user_answers(user, [pool.texts[i] for i in a], [pool.texts[j] for j in b], scale, rng)
    post = UserPosterior.from_prior(prior).update(phi[a] - phi[b], y)
    theta = ridge_logistic(z[a] - z[b], y)
    return accuracy(eval_phi @ post.mean, truth), accuracy(eval_z @ theta, truth)


def plot(worlds: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(worlds), figsize=(6 * len(worlds), 4), sharey=True)
    for ax, (name, acc) in zip(np.atleast_1d(axes), worlds.items(), strict=True):
        for method, curve in acc.items():
            ks = sorted(curve)
            style = "--" if method.startswith("oracle") else "-"
            ax.plot(ks, [curve[k] for k in ks], style, marker="o", label=method)
        ax.set(
            xlabel="answered questions k",
            ylabel="held-out pairwise accuracy",
            title=f"Onboarding, {name} world (simulated users)",
        )
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def world_prior(train_users, fit_pool, bank_turns, bank_size, seed, quick, prior_dir, encoder):
    """The prior the world's users are onboarded on: loaded from prior_dir (its own bank), or
    fitted on the world's training users with a bank from prompts kept apart for it."""
    if prior_dir is not None:
        prior = GroupPrior.load(prior_dir, encoder=encoder)
        if not prior.bank or prior.bank_diffs is None:
            raise SystemExit(f"the prior in {prior_dir} has no onboarding bank (bank.jsonl)")
        return prior
    comparisons = simulate_comparisons(train_users, fit_pool, seed=seed)
    config = FitConfig(max_steps=250) if quick else None
    prior = fit_prior(comparisons, seed=seed, progress=False, encoder=encoder, config=config)
    return attach_bank(prior, bank_turns, n=bank_size, seed=seed)


def summarise(per_user: list[dict], ks) -> dict:
    acc = {
        m: {k: round(float(np.mean([r[m][k] for r in per_user])), 4) for k in ks}
        for m in per_user[0]
    }
    k10, k5 = min(10, max(ks)), min(5, max(ks))
    fraction = acc["active"][k10] / acc["oracle"][k10]
    gain = acc["active"][k5] - acc["random"][k5]
    return {
        "accuracy": {m: {str(k): v for k, v in curve.items()} for m, curve in acc.items()},
        "k10_fraction_of_oracle": round(fraction, 4),
        "active_minus_random_k5": round(gain, 4),
        "active_minus_per_user_logistic_k10": round(
            acc["active"][k10] - acc["per_user_logistic"][k10], 4
        ),
        "met": {
            "k10_fraction_of_oracle": fraction >= TARGETS["k10_fraction_of_oracle"],
            "active_minus_random_k5": gain >= TARGETS["active_minus_random_k5"],
        },
        "_curves": acc,
    }


def run(quick: bool, seed: int = 0, prior_dir: Path | None = None) -> dict:
    start = time.perf_counter()
    split, fit_pool, bank_turns, bank_size, eval_pool = split_world(seed, quick)
    scale = AttributeScale(eval_pool.texts)
    encoder = cached_encoder()
    worlds, curves = {}, {}
    for name, (train_users, test_users) in split.items():
        prior = world_prior(
            train_users, fit_pool, bank_turns, bank_size, seed, quick, prior_dir, encoder
        )
        ks = tuple(k for k in KS if k <= len(prior.bank))
        feats = Features(prior)
        world = (fit_pool, eval_pool, scale)
        per_user = [
            evaluate_user(prior, feats, u, world, seed + i, ks) for i, u in enumerate(test_users)
        ]
        summary = summarise(per_user, ks)
        curves[name] = summary.pop("_curves")
        worlds[name] = {
            "n_test_users": len(test_users),
            "n_train_users": len(train_users),
            "J": prior.J,
            "labels": prior.labels,
            "bank_size": len(prior.bank),
            **summary,
        }
    RESULTS.mkdir(parents=True, exist_ok=True)
    plot(curves, result_path("onboarding", quick, ".png"))
    linear = worlds["linear"]
    return {
        "benchmark": "onboarding",
        "quick": quick,
        "simulated": True,
        "prior": str(prior_dir) if prior_dir else "fitted in this run on each world's train users",
        "k10_fraction_of_oracle": linear["k10_fraction_of_oracle"],
        "active_minus_random_k5": linear["active_minus_random_k5"],
        "nonlinear_k10_fraction_of_oracle": worlds["nonlinear"]["k10_fraction_of_oracle"],
        "nonlinear_active_minus_random_k5": worlds["nonlinear"]["active_minus_random_k5"],
        "targets": TARGETS,
        "worlds": worlds,
        "seconds": round(time.perf_counter() - start, 1),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=None, help="unused: the benchmark simulates its users"
    )
    parser.add_argument(
        "--prior", type=Path, default=None, help="onboard on this saved prior and its bank"
    )
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    result = run(args.quick, args.seed, args.prior)
    write_result("onboarding", result, args.quick)
    return result


if __name__ == "__main__":
    main()
