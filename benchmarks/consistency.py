"""Consistency diagnostics: flagging non-attitudes (AUROC) and fitting a prior on contaminated data.

SIMULATED annotators in two worlds, same run. Each annotator answers pairs of which some are
re-asked, half with the order swapped, half in the same order.

matched       the detector's own generative story: genuine = the 84 PReF "Attributes" users
              (Bradley–Terry, β = 2), non-attitude = fair coin flips, constructed = follow one
              display position 85% of the time (the detector assumes exactly 0.85).
misspecified  the same people, drawn differently from what the detector assumes: genuine users
              are noisier (β per user uniform in [0.6, 2]) and lapse to the first-shown answer 10%
              of the time; non-attitudes are biased coins (P(first shown) uniform in [0.3, 0.7])
              that repeat their earlier choice on 40% of re-asks (anchoring); constructed
              annotators follow one position with q uniform in [0.6, 0.8].

Reported per world: AUROC of P(non-attitude) separating non-attitude annotators from the rest,
AUROC of 1 − P(genuine) separating all junk from genuine, label accuracy, who the group fit drops
(by true kind), and the held-out accuracy of genuine users placed on a prior fitted on the
contaminated population with vs without the diagnostics (10 answers each, then 60 unseen pairs
from other prompts, scored against each user's noise-free preference and against their own noisy
answers), with a paired bootstrap interval on the difference.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.reward.consistency import annotator_weights, comparison_answers, diagnose
from assistant.reward.corpus import load_turns
from assistant.reward.data import Comparison
from assistant.reward.fit import FitConfig, fit_prior
from assistant.reward.posterior import UserPosterior
from assistant.reward.simulate import SimUser, build_pool, preference_probability, simulated_users
from benchmarks import write_result
from benchmarks.onboarding import cached_encoder

RESULTS = Path(__file__).parent / "results"


@dataclass(frozen=True)
class World:
    """How each kind of annotator answers (ranges are per-annotator uniform draws)."""

    genuine_beta: tuple[float, float] = (2.0, 2.0)
    genuine_first_lapse: float = 0.0
    """P(a genuine annotator just takes the first-shown answer)."""
    noise_first: tuple[float, float] = (0.5, 0.5)
    """P(a non-attitude annotator takes the first-shown answer)."""
    noise_anchor: float = 0.0
    """P(a non-attitude annotator repeats their earlier choice on a re-ask)."""
    constructed_q: tuple[float, float] = (0.85, 0.85)


WORLDS = {
    "matched": World(),
    "misspecified": World(
        genuine_beta=(0.6, 2.0),
        genuine_first_lapse=0.10,
        noise_first=(0.3, 0.7),
        noise_anchor=0.4,
        constructed_q=(0.6, 0.8),
    ),
}


@dataclass(frozen=True)
class Annotator:
    user_id: str
    kind: str
    """genuine | non-attitude | constructed"""
    user: SimUser | None
    beta: float = 2.0
    lapse: float = 0.0
    first: float = 0.5
    """P(first shown): the non-attitude's bias, or the constructed annotator's position rate."""
    anchor: float = 0.0

    def answer(self, attr_a, attr_b, rng: random.Random, earlier: int | None = None) -> str:
        """'a' or 'b' for attributes shown in this order. earlier: the text index (0 = a, 1 = b
        as shown now) this annotator chose when the pair was asked before, if it was."""
        if self.kind == "genuine":
            if abs(self.user.margin(attr_a, attr_b)) < 1e-9:
                return "tie"  # nothing this user cares about differs
            if rng.random() < self.lapse:
                return "a"
            p = preference_probability(self.user, attr_a, attr_b, self.beta)
            return "a" if rng.random() < p else "b"
        if self.kind == "non-attitude" and earlier is not None and rng.random() < self.anchor:
            return "ab"[earlier]
        return "a" if rng.random() < self.first else "b"


def make_annotators(world: World, seed: int, n_junk: int) -> list[Annotator]:
    rng = random.Random(seed + 101)
    out = [
        Annotator(
            u.user_id, "genuine", u, rng.uniform(*world.genuine_beta), world.genuine_first_lapse
        )
        for u in simulated_users(seed)
    ]
    for k in range(n_junk):
        out.append(
            Annotator(
                f"non-attitude-{k}", "non-attitude", None, first=rng.uniform(*world.noise_first),
                anchor=world.noise_anchor,
            )
        )  # fmt: skip
    for k in range(n_junk):
        q = rng.uniform(*world.constructed_q)
        out.append(
            Annotator(
                f"constructed-{k}", "constructed", None, first=q if rng.random() < 0.5 else 1 - q
            )
        )
    return out


def annotate(annotator: Annotator, pool, n_items: int, n_repeats: int, rng) -> list[Comparison]:
    """n_items pairs, n_repeats of them asked again (half swapped, half same order)."""
    items = rng.sample(pool.items, n_items)
    asked = [(i, j, None) for i, j in items]
    asked += [
        (j, i, "swapped") if k % 2 == 0 else (i, j, "reworded")
        for k, (i, j) in enumerate(items[:n_repeats])
    ]
    chose: dict[frozenset, int] = {}
    out = []
    for i, j, condition in asked:
        key = frozenset((i, j))
        earlier = None if key not in chose else (0 if chose[key] == i else 1)
        label = annotator.answer(pool.attributes[i], pool.attributes[j], rng, earlier)
        chose.setdefault(key, i if label == "a" else j)
        prompt = pool.prompts[pool.prompt_of[i]]
        out.append(
            Comparison(annotator.user_id, prompt, pool.texts[i], pool.texts[j], label, condition)
        )
    return out


def population(annotators, pool, seed: int, n_items: int, n_repeats: int) -> list[Comparison]:
    rng = random.Random(seed)
    return [c for a in annotators for c in annotate(a, pool, n_items, n_repeats, rng)]


def auroc(scores: list[float], positive: list[bool]) -> float:
    s, y = np.asarray(scores), np.asarray(positive)
    pos, neg = s[y], s[~y]
    greater = (pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean()
    return float(greater)


def heldout_accuracy(prior, annotators, pool, seed: int, n_train=10, n_test=60) -> dict:
    """Per genuine user: placed by n_train of their (noisy) answers on the prior, then pairwise
    accuracy on n_test unseen pairs, against their noise-free preference and their own answers.
    The same pairs and answers for every prior (seeded per user)."""
    phi = prior.features_many([pool.prompts[p] for p in pool.prompt_of], pool.texts)
    truth_acc, answer_acc = [], []
    for k, a in enumerate(annotators):
        rng = random.Random(seed * 1000 + k)
        pairs = rng.sample(pool.items, n_train + n_test)
        labels = [a.answer(pool.attributes[i], pool.attributes[j], rng) for i, j in pairs]
        diffs = np.array([phi[i] - phi[j] for i, j in pairs])
        y = np.array([{"a": 1.0, "b": 0.0, "tie": 0.5}[x] for x in labels])
        post = UserPosterior.from_prior(prior).update(diffs[:n_train], y[:n_train])
        pred = diffs[n_train:] @ post.mean
        margin = np.array([a.user.margin(pool.attributes[i], pool.attributes[j]) for i, j in pairs])
        true = margin[n_train:]
        decided = true != 0
        truth_acc.append(float(np.mean((pred[decided] > 0) == (true[decided] > 0))))
        said = y[n_train:] != 0.5
        answer_acc.append(float(np.mean((pred[said] > 0) == (y[n_train:][said] > 0.5))))
    return {"truth": np.array(truth_acc), "answers": np.array(answer_acc)}


def paired_interval(diff: np.ndarray, seed: int, n: int = 2000) -> list[float]:
    """95% bootstrap interval of the mean of a per-user paired difference."""
    rng = np.random.default_rng(seed)
    means = diff[rng.integers(0, len(diff), size=(n, len(diff)))].mean(1)
    return [round(float(np.quantile(means, 0.025)), 4), round(float(np.quantile(means, 0.975)), 4)]


def detection(data: list[Comparison], annotators: list[Annotator]) -> dict:
    kinds = {a.user_id: a.kind for a in annotators}
    flags = {u: diagnose([a for _, a in pairs]) for u, pairs in comparison_answers(data).items()}
    ids = sorted(flags)
    _, report = annotator_weights(data)
    dropped = set(report["dropped"])
    return {
        "auroc_non_attitude": round(
            auroc([flags[u].non_attitude for u in ids], [kinds[u] == "non-attitude" for u in ids]),
            4,
        ),
        "auroc_junk": round(
            auroc([1 - flags[u].genuine for u in ids], [kinds[u] != "genuine" for u in ids]), 4
        ),
        "label_accuracy": round(float(np.mean([flags[u].label == kinds[u] for u in ids])), 4),
        "dropped_by_kind": {
            kind: sum(1 for u in dropped if kinds[u] == kind)
            for kind in ("genuine", "non-attitude", "constructed")
        },
    }


def run_world(world: World, fit_pool, eval_pool, seed: int, quick: bool, encoder) -> dict:
    annotators = make_annotators(world, seed, n_junk=42)
    data = population(annotators, fit_pool, seed, 40 if quick else 100, 8 if quick else 20)
    result = {
        "annotators": {
            k: sum(a.kind == k for a in annotators)
            for k in ("genuine", "non-attitude", "constructed")
        },
        **detection(data, annotators),
    }
    config = FitConfig(max_steps=250 if quick else 600)
    genuine = [a for a in annotators if a.kind == "genuine"]
    acc = {}
    for with_diag in (True, False):
        prior = fit_prior(
            data, J=6, seed=seed, progress=False, encoder=encoder, config=config,
            diagnostics=with_diag,
        )  # fmt: skip
        acc[with_diag] = heldout_accuracy(prior, genuine, eval_pool, seed + 7)
        if with_diag:
            result["fit_report_with"] = prior.meta.get("consistency")
    for key in ("truth", "answers"):
        diff = acc[True][key] - acc[False][key]
        suffix = "" if key == "truth" else "_vs_own_answers"
        result[f"heldout_accuracy_with{suffix}"] = round(float(acc[True][key].mean()), 4)
        result[f"heldout_accuracy_without{suffix}"] = round(float(acc[False][key].mean()), 4)
        result[f"with_minus_without{suffix}"] = round(float(diff.mean()), 4)
        result[f"with_minus_without{suffix}_95ci"] = paired_interval(diff, seed)
    result["met"] = {
        "auroc_non_attitude_ge_0.9": result["auroc_non_attitude"] >= 0.9,
        "with_gt_without": result["with_minus_without"] > 0,
    }
    return result


def run(quick: bool, seed: int = 0) -> dict:
    start = time.perf_counter()
    turns = load_turns()
    random.Random(seed).shuffle(turns)
    half = len(turns) // 2
    fit_pool = build_pool(turns[:half], 60 if quick else 200, 4, seed)
    eval_pool = build_pool(turns[half:], 40 if quick else 120, 4, seed + 1)
    encoder = cached_encoder()
    worlds = {
        name: run_world(world, fit_pool, eval_pool, seed, quick, encoder)
        for name, world in WORLDS.items()
    }
    matched, mis = worlds["matched"], worlds["misspecified"]
    return {
        "benchmark": "consistency",
        "quick": quick,
        "simulated": True,
        "auroc_non_attitude": matched["auroc_non_attitude"],
        "misspecified_auroc_non_attitude": mis["auroc_non_attitude"],
        "heldout_accuracy_with": matched["heldout_accuracy_with"],
        "heldout_accuracy_without": matched["heldout_accuracy_without"],
        "misspecified_heldout_accuracy_with": mis["heldout_accuracy_with"],
        "misspecified_heldout_accuracy_without": mis["heldout_accuracy_without"],
        "targets": {"auroc_non_attitude": 0.9, "with_minus_without": "> 0"},
        "worlds": worlds,
        "world_definitions": {
            name: {k: v for k, v in world.__dict__.items()} for name, world in WORLDS.items()
        },
        "seconds": round(time.perf_counter() - start, 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI-sized run")
    parser.add_argument("--data", type=Path, default=None, help="unused: annotators are simulated")
    args = parser.parse_args(argv)
    result = run(args.quick)
    RESULTS.mkdir(parents=True, exist_ok=True)
    write_result("consistency", result, args.quick)


if __name__ == "__main__":
    main()
