"""How much a stated preference weighs against the group's answer-quality term: the scale of the
text term in r_α and the text scorer's relevance gate, chosen on our own data (never PrefEval).

The text scorer's output is a tanh in [-1, 1]; the quality base is a Bradley–Terry log-odds fitted
on real crowd judgements (w̄ ≈ 1.6 on unit-variance features). Added as they are, the quality term
outvotes a stated preference whenever the answers differ in length or detail. Two lanes, one run:

- follows: held-out facets of the text scorer's own training data (a probe trained on the other
  facets, as in its build_info): does the answer that respects the stated line win?
- quality: PandaLM pairs from the instructions the prior was FITTED on (its held-out part is left
  alone), with an unrelated stated preference in the summary: does the crowd's choice still win?

Every (gate, weight) in the grid is scored on both lanes; `chosen` is the pair with the best mean
(ties: the earlier one). The shipped values (text_scorer.model.RELEVANCE_GATE, weight 1) are set from
it by hand; `shipped` and `no_gate` are their lanes in the same run.

    python -m benchmarks.text_weight [--data DIR] [--quick]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import numpy as np

from assistant.reward.crowd import load_pandalm, split_by_instruction
from assistant.reward.model import default_encoder
from assistant.reward.prior import GroupPrior
from assistant.reward.text_scorer.facets import heldout_facets, load_facets, make_pairs
from assistant.reward.text_scorer.fit import FitConfig, featurize_rows, fit_ensemble
from assistant.reward.text_scorer.model import RELEVANCE_GATE, TextScorer
from benchmarks import write_result

GRID = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 1e6)
GATES = (None, (0.05, 0.15), (0.10, 0.25), (0.15, 0.30), (0.20, 0.35))


def quality_diff(prior: GroupPrior, prompt: str, a: str, b: str) -> float:
    """w̄ᵀ(φ(a) − φ(b)): the group term's preference for a (a fresh user's personal term at α=1)."""
    phi = prior.features(prompt, [a, b])
    return float((phi[0] - phi[1]) @ prior.w_bar)


def text_diff(scorer: TextScorer, line: str, prompt: str, a: str, b: str) -> float:
    s = scorer.score_lines([line], prompt, [a, b])
    return float(s[0] - s[1])


def accuracy(text: np.ndarray, quality: np.ndarray, weight: float) -> float:
    """Share of pairs the first answer wins (a tie counts half)."""
    total = weight * text + quality if weight < 1e5 else text + 1e-9 * quality
    return float(np.mean((total > 0) + 0.5 * (total == 0)))


def run(data: Path | None, quick: bool, seed: int = 0) -> dict:
    encoder = default_encoder()
    prior = GroupPrior.load(encoder=encoder)
    facets = load_facets()
    config = FitConfig(members=1, epochs=10) if quick else FitConfig()
    rows = make_pairs(facets, seed=seed, ties=config.ties)  # the shipped recipe, ties included
    held = heldout_facets(len(facets), config.holdout, seed)
    held_lines = {line for i in held for line in facets[i].statements}
    train = [r for r in rows if r["facet"] not in held and r["line"] not in held_lines]
    test = [r for r in rows if r["facet"] in held and r["outcome"] == 1.0]
    rng = random.Random(seed)
    test = rng.sample(test, min(len(test), 150 if quick else 600))
    xc, xr = featurize_rows(train, encoder)
    y = np.array([r["outcome"] for r in train], dtype=np.float32)
    scorer = TextScorer(fit_ensemble(xc, xr, config, seed=seed, outcomes=y), encoder=encoder)
    pairs, _ = load_pandalm(data)
    fitted, _ = split_by_instruction(pairs, seed=seed)
    fitted = rng.sample(fitted, min(len(fitted), 80 if quick else len(fitted)))
    lines = sorted({r["line"] for r in test})
    # oriented so the crowd's choice is first
    crowd = [(p.prompt, p.a, p.b) if p.outcome > 0.5 else (p.prompt, p.b, p.a) for p in fitted]
    stated = [rng.choice(lines) for _ in crowd]
    follow_q = np.array(
        [quality_diff(prior, r["prompt"], r["chosen"], r["rejected"]) for r in test]
    )
    quality_q = np.array([quality_diff(prior, *c) for c in crowd])
    lanes = []
    for gate in GATES:
        scorer.gate = gate
        follow_t = np.array(
            [text_diff(scorer, r["line"], r["prompt"], r["chosen"], r["rejected"]) for r in test]
        )
        quality_t = np.array([text_diff(scorer, s, *c) for s, c in zip(stated, crowd, strict=True)])
        for w in GRID:
            follows, quality = accuracy(follow_t, follow_q, w), accuracy(quality_t, quality_q, w)
            lanes.append(
                {
                    "gate": list(gate) if gate else None,
                    "weight": "text only" if w >= 1e5 else w,
                    "follows": round(follows, 4),
                    "quality": round(quality, 4),
                    "mean": round((follows + quality) / 2, 4),
                }
            )
    best = max(lanes, key=lambda lane: lane["mean"])  # max keeps the first of equals
    shipped = list(RELEVANCE_GATE)
    return {
        "benchmark": "text_weight",
        "quick": quick,
        "follows_pairs": len(test),
        "quality_pairs": len(crowd),
        "probe": "text scorer trained without the held-out facets",
        "chosen": best,
        "shipped": next(x for x in lanes if x["gate"] == shipped and x["weight"] == 1.0),
        "no_gate": next(x for x in lanes if x["gate"] is None and x["weight"] == 1.0),
        "lanes": lanes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=None, help="folder with pandalm/ (../shared/data)"
    )
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    try:
        result = run(args.data, args.quick)
    except FileNotFoundError as exc:
        result = {"benchmark": "text_weight", "skipped": str(exc)}
    write_result("text_weight", result, args.quick)


if __name__ == "__main__":
    main()
