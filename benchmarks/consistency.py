"""Consistency diagnostics: flagging non-attitudes (AUROC) and fitting a prior on contaminated data.

SIMULATED annotators: genuine (the 84 PReF "Attributes" users, Bradley–Terry on measured
attributes), non-attitude (coin flips) and constructed (follow one display position 85% of the
time). Each answers pairs of which some are re-asked, half with the order swapped. Reported: AUROC
of P(non-attitude) separating non-attitude annotators from the rest, and the held-out accuracy of
genuine users placed on a prior fitted on the contaminated population with vs without the
diagnostics (10 answers each, then pairwise accuracy on 60 unseen pairs).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np

from assistant.reward.consistency import comparison_answers, diagnose
from assistant.reward.corpus import load_turns
from assistant.reward.data import Comparison
from assistant.reward.fit import FitConfig, fit_prior
from assistant.reward.posterior import UserPosterior
from assistant.reward.simulate import build_pool, judge, simulated_users
from benchmarks.onboarding import cached_encoder

RESULTS = Path(__file__).parent / "results"


def answer(kind: str, user, pool, i: int, j: int, rng: random.Random, side: str) -> str:
    if kind == "genuine":
        return judge(user, pool.attributes[i], pool.attributes[j], rng)
    if kind == "non-attitude":
        return rng.choice("ab")
    return side if rng.random() < 0.85 else ("b" if side == "a" else "a")


def annotate(kind, user_id, user, pool, n_items, n_repeats, rng) -> list[Comparison]:
    """n_items pairs, n_repeats of them asked again (half swapped, half same order)."""
    items = rng.sample(pool.items, n_items)
    side = rng.choice("ab")
    asked = [(i, j, None) for i, j in items]
    asked += [
        (j, i, "swapped") if k % 2 == 0 else (i, j, "reworded")
        for k, (i, j) in enumerate(items[:n_repeats])
    ]
    out = []
    for i, j, condition in asked:
        label = answer(kind, user, pool, i, j, rng, side)
        prompt = pool.prompts[pool.prompt_of[i]]
        out.append(Comparison(user_id, prompt, pool.texts[i], pool.texts[j], label, condition))
    return out


def population(pool, seed: int, n_junk: int, n_items: int, n_repeats: int):
    """Genuine users + n_junk non-attitude + n_junk constructed annotators; kind per user id."""
    rng = random.Random(seed)
    users = simulated_users(seed)
    data, kinds = [], {}
    for u in users:
        data += annotate("genuine", u.user_id, u, pool, n_items, n_repeats, rng)
        kinds[u.user_id] = "genuine"
    for kind in ("non-attitude", "constructed"):
        for k in range(n_junk):
            uid = f"{kind}-{k}"
            data += annotate(kind, uid, None, pool, n_items, n_repeats, rng)
            kinds[uid] = kind
    return data, kinds, users


def auroc(scores: list[float], positive: list[bool]) -> float:
    s, y = np.asarray(scores), np.asarray(positive)
    pos, neg = s[y], s[~y]
    greater = (pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean()
    return float(greater)


def heldout_accuracy(prior, users, pool, rng, n_train=10, n_test=60) -> float:
    """Genuine users placed by n_train answers on the prior, scored on n_test unseen pairs."""
    phi = prior.features_many([pool.prompts[p] for p in pool.prompt_of], pool.texts)
    accs = []
    for user in users:
        pairs = rng.sample(pool.items, n_train + n_test)
        labels = [judge(user, pool.attributes[i], pool.attributes[j], rng) for i, j in pairs]
        diffs = np.array([phi[i] - phi[j] for i, j in pairs])
        y = np.array([{"a": 1.0, "b": 0.0, "tie": 0.5}[x] for x in labels])
        post = UserPosterior.from_prior(prior).update(diffs[:n_train], y[:n_train])
        pred, truth = diffs[n_train:] @ post.mean, y[n_train:]
        decided = truth != 0.5
        accs.append(float(np.mean((pred[decided] > 0) == (truth[decided] > 0.5))))
    return float(np.mean(accs))


def run(quick: bool, seed: int = 0) -> dict:
    start = time.perf_counter()
    turns = load_turns()
    random.Random(seed).shuffle(turns)
    half = len(turns) // 2
    fit_pool = build_pool(turns[:half], 60 if quick else 200, 4, seed)
    eval_pool = build_pool(turns[half:], 40 if quick else 120, 4, seed + 1)
    n_junk = 42
    data, kinds, users = population(
        fit_pool, seed, n_junk, 40 if quick else 100, 8 if quick else 20
    )
    flags = {u: diagnose([a for _, a in pairs]) for u, pairs in comparison_answers(data).items()}
    ids = sorted(flags)
    auc = auroc([flags[u].non_attitude for u in ids], [kinds[u] == "non-attitude" for u in ids])
    labels_right = np.mean(
        [flags[u].label == {"genuine": "genuine"}.get(kinds[u], kinds[u]) for u in ids]
    )
    config = FitConfig(max_steps=250 if quick else 600)
    encoder = cached_encoder()
    test_users = users[::4]
    acc = {}
    meta = {}
    for with_diag in (True, False):
        prior = fit_prior(
            data,
            J=6,
            seed=seed,
            progress=False,
            encoder=encoder,
            config=config,
            diagnostics=with_diag,
        )
        acc[with_diag] = heldout_accuracy(prior, test_users, eval_pool, random.Random(seed + 7))
        meta[with_diag] = prior.meta.get("consistency")
    return {
        "benchmark": "consistency",
        "quick": quick,
        "annotators": {k: sum(v == k for v in kinds.values()) for k in set(kinds.values())},
        "auroc_non_attitude": round(auc, 4),
        "label_accuracy": round(float(labels_right), 4),
        "heldout_accuracy_with": round(acc[True], 4),
        "heldout_accuracy_without": round(acc[False], 4),
        "fit_report_with": meta[True],
        "seconds": round(time.perf_counter() - start, 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI-sized run (< 60 s)")
    parser.add_argument("--data", type=Path, default=None, help="unused: annotators are simulated")
    args = parser.parse_args(argv)
    result = run(args.quick)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "consistency.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
