"""A stated preference through the whole product path, on our own data (never PrefEval).

The text scorer alone can read a stated line well and the agent still lose it: the feedback
classifier may not keep the statement, directive extraction may cut it, the stance model may file
it as a view, the guard may strip the text term, and the group's quality term may outvote it.
This benchmark measures each loss on the same items, in one run.

Items: the text scorer's held-out facets (whole facets, as in its build_info), each statement with
two of its prompts; options are one answer that respects it and three that violate it (the shape
of a four-way multiple choice). The scorer is a probe trained WITHOUT those facets. A fresh user
per item states the line via send(mode="feedback") in a real LocalSession (no LLM), then:

    scorer_alone        the probe on the statement as typed
    scorer_on_summary   the probe on the summary the product kept
    agent               Personalizer.score at α=1 (guard on): what the product does
    agent_guard_off     the same with the guard off (its lane)
    agent_unridged      the guard's text regression without its ridge (before this change)
    agent_alpha0        α=0: the group alone
    kept                share of statements that left a non-empty summary

    python -m benchmarks.preference_path [--quick]
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path
from unittest import mock

import numpy as np

from app.local_session import open_session
from assistant.config import Settings
from assistant.encoder import get_encoder
from assistant.reward import blend
from assistant.reward.text_scorer.facets import heldout_facets, load_facets, make_pairs
from assistant.reward.text_scorer.fit import FitConfig, featurize_rows, fit_ensemble
from assistant.reward.text_scorer.model import TextScorer
from benchmarks import write_result
from benchmarks.prefeval_mcq import _NoLLM

LANES = ("scorer_alone", "scorer_on_summary", "agent", "agent_guard_off", "agent_unridged")


def items(seed: int, quick: bool) -> tuple[list[tuple[str, str, list[str]]], set[int]]:
    """(statement, prompt, options with the respecting answer first) for the held-out facets."""
    facets = load_facets()
    held = heldout_facets(len(facets), FitConfig().holdout, seed)
    rng = random.Random(seed)
    out = []
    for i in sorted(held):
        f = facets[i]
        if len(f.bad) < 3:
            continue
        for statement in f.statements:
            for prompt in rng.sample(list(f.prompts), min(2, len(f.prompts))):
                out.append((statement, prompt, [rng.choice(f.good), *rng.sample(list(f.bad), 3)]))
    rng.shuffle(out)
    return (out[:40] if quick else out), held


def probe_scorer(held: set[int], seed: int, quick: bool, encoder) -> TextScorer:
    config = FitConfig(members=1, epochs=10) if quick else FitConfig()
    facets = load_facets()
    rows = make_pairs(facets, seed=seed, ties=config.ties)  # the shipped recipe
    held_lines = {line for i in held for line in facets[i].statements}
    rows = [r for r in rows if r["facet"] not in held and r["line"] not in held_lines]
    xc, xr = featurize_rows(rows, encoder)
    y = np.array([r["outcome"] for r in rows], dtype=np.float32)
    return TextScorer(fit_ensemble(xc, xr, config, seed=seed, outcomes=y), encoder=encoder)


def argmax_tie(scores, rng: random.Random) -> int:
    s = np.asarray(scores, dtype=np.float64)
    return rng.choice(np.flatnonzero(s >= s.max() - 1e-12).tolist())


def run(quick: bool, seed: int = 0) -> dict:
    encoder = get_encoder()
    rows, held = items(seed, quick)
    scorer = probe_scorer(held, seed, quick, encoder)
    rng, tie = random.Random(seed + 1), random.Random(seed + 2)
    hits = {k: 0 for k in (*LANES, "agent_alpha0")}
    kept = 0
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(user="p0", data_dir=Path(tmp), cache_dir=Path(tmp) / "cache")
        session = open_session(settings, llm=_NoLLM())
        session.load()
        personalizer = session._personalizer
        personalizer.text_scorer = scorer
        try:
            for i, (statement, prompt, options) in enumerate(rows):
                order = rng.sample(range(4), 4)
                shown, gold = [options[j] for j in order], order.index(0)
                session.switch_user(f"p{i}")
                summary = session.send(statement, mode="feedback", generate=False).summary_after
                kept += bool(summary.strip())
                picks = {
                    "scorer_alone": argmax_tie(scorer.score(statement, prompt, shown), tie),
                    "scorer_on_summary": argmax_tie(scorer.score(summary, prompt, shown), tie)
                    if summary.strip()
                    else tie.randrange(4),
                }
                for lane, alpha, guard, ridge in (
                    ("agent", 1.0, True, blend.TEXT_GUARD_RIDGE),
                    ("agent_guard_off", 1.0, False, blend.TEXT_GUARD_RIDGE),
                    ("agent_unridged", 1.0, True, 0.0),
                    ("agent_alpha0", 0.0, True, blend.TEXT_GUARD_RIDGE),
                ):
                    personalizer.guard = guard
                    with mock.patch.object(blend, "TEXT_GUARD_RIDGE", ridge):
                        scored = session.score(prompt, shown, alpha=alpha)
                    picks[lane] = argmax_tie([c.total for c in scored], tie)
                personalizer.guard = True
                for lane, pick in picks.items():
                    hits[lane] += pick == gold
        finally:
            session.close()
    n = max(1, len(rows))
    return {
        "benchmark": "preference_path",
        "quick": quick,
        "n": len(rows),
        "heldout_facets": len(held),
        "chance": 0.25,
        "probe": "text scorer trained without the held-out facets",
        "accuracy": {k: round(v / n, 4) for k, v in hits.items()},
        "kept": round(kept / n, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    write_result("preference_path", run(args.quick), args.quick)


if __name__ == "__main__":
    main()
