"""Entry points the `plural prior ...` commands call: fit from a JSONL file, or build the default."""

from __future__ import annotations

import contextlib
from pathlib import Path

import numpy as np

from assistant.reward.attributes import words
from assistant.reward.corpus import HH_RLHF_SOURCE, load_turns
from assistant.reward.crowd import (
    PANDALM_SOURCE,
    SIGMA_QUALITY_RATIO,
    accuracy,
    add_quality_base,
    carry_quality_base,
    load_pandalm,
    split_by_instruction,
)
from assistant.reward.data import load_comparisons
from assistant.reward.fit import fit_prior
from assistant.reward.guard import attach_guard
from assistant.reward.model import TextEncoder
from assistant.reward.onboarding import attach_bank
from assistant.reward.prior import GroupPrior
from assistant.reward.simulate import build_pool, simulate_comparisons, simulated_users
from assistant.reward.stance_model import StanceModel

DEFAULT_PROMPTS = 300
DEFAULT_VARIANTS = 4
DEFAULT_J = 7
"""One base per simulated attribute: the simulated users are rank 7 by construction (picking J on
validation once gave 8, one of them a dead "mixed style" base)."""
GROUP = (
    "group average and answer quality: real crowd (PandaLM); "
    "style directions and spread: 84 simulated users"
)


def cli_fit(data: Path, out: Path, *, J: int | None = None, seed: int = 0) -> GroupPrior:
    """Fit a prior from your own comparisons JSONL (see assistant.reward.data) and save it to out."""
    comparisons = load_comparisons(data)
    prior = fit_prior(comparisons, J=J, seed=seed, progress=True)
    prior.meta["source"] = str(data)
    prior.meta["group"] = f"your own group's comparisons ({Path(data).name})"
    with contextlib.suppress(FileNotFoundError):  # no shipped prior: the group's own bases only
        carry_quality_base(prior, GroupPrior.load())
    attach_bank(prior)
    attach_guard(prior, StanceModel.load(), seed=seed)
    prior.save(out)
    return prior


def default_comparisons(seed: int = 0, n_prompts: int = DEFAULT_PROMPTS):
    """The simulated 84-user group data behind the shipped prior's style bases (seeded)."""
    turns = load_turns()
    pool = build_pool(turns, n_prompts, DEFAULT_VARIANTS, seed)
    return simulate_comparisons(simulated_users(seed), pool, seed=seed), pool


def held_out_report(prior: GroupPrior, held) -> dict:
    """The group term w̄ᵀφ on held-out instructions, beside 'the longer answer wins'."""
    n = len(held)
    phi = prior.features_many(
        [p.prompt for p in held] * 2, [p.a for p in held] + [p.b for p in held]
    )
    outcomes = np.array([p.outcome for p in held])
    longer = np.array([np.sign(words(p.a) - words(p.b)) for p in held], dtype=float)
    return {
        "n": n,
        "instructions": len({p.instruction for p in held}),
        "crowd_accuracy": round(accuracy((phi[:n] - phi[n:]) @ prior.w_bar, outcomes), 4),
        "longer_wins": round(accuracy(longer, outcomes), 4),
    }


def cli_build_default(
    out: Path, seed: int = 0, encoder: TextEncoder | None = None, data: Path | None = None
) -> GroupPrior:
    """Style bases from the 84 SIMULATED users; the group's weights and an answer quality base from
    REAL crowd judgements (PandaLM, fitted on 70% of its instructions); hand-written onboarding
    questions; guard columns. Needs ../shared/data (FileNotFoundError saying so otherwise)."""
    pairs, counts = load_pandalm(data)  # first: fail before minutes of simulation
    fit_pairs, held = split_by_instruction(pairs, seed=seed)
    comparisons, _ = default_comparisons(seed)
    prior = fit_prior(comparisons, J=DEFAULT_J, seed=seed, progress=True, encoder=encoder)
    style = dict(prior.meta)
    simulated_mean = prior.w_bar.copy()
    crowd = add_quality_base(prior, fit_pairs, seed=seed)
    crowd["held_out"] = held_out_report(prior, held)
    crowd["pandalm_items"] = counts
    prior.meta = {
        "group": GROUP,
        "source": f"{PANDALM_SOURCE}; simulated users over {HH_RLHF_SOURCE}",
        "provenance": {
            "w_bar": f"real: Bradley–Terry fit to the majority of 3 annotators, {PANDALM_SOURCE}",
            "quality_base": "real: fitted on the same PandaLM pairs (measured inputs only)",
            "style_bases": "simulated: 84 users of PReF's Attributes protocol over HH-RLHF turns",
            "sigma_style": "simulated: covariance of the 84 simulated users' coefficients",
            "sigma_quality": f"set by hand: {SIGMA_QUALITY_RATIO} x the crowd's weight",
            "simulated_w_bar_style": np.round(simulated_mean, 4).tolist(),
        },
        "pandalm_fit_instructions": sorted({p.instruction for p in fit_pairs}),
        "crowd": crowd,
        "style_fit": style,
        "seed": seed,
    }
    attach_bank(prior)
    attach_guard(prior, StanceModel.load(), seed=seed)
    prior.save(out)
    return prior
