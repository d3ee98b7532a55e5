"""Entry points the `plural prior ...` commands call: fit from a JSONL file, or build the default."""

from __future__ import annotations

from pathlib import Path

from assistant.reward.corpus import HH_RLHF_SOURCE, load_turns
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


def cli_fit(data: Path, out: Path, *, J: int | None = None, seed: int = 0) -> GroupPrior:
    """Fit a prior from your own comparisons JSONL (see assistant.reward.data) and save it to out."""
    comparisons = load_comparisons(data)
    prior = fit_prior(comparisons, J=J, seed=seed, progress=True)
    prior.meta["source"] = str(data)
    attach_bank(prior, load_turns(), seed=seed)
    attach_guard(prior, StanceModel.load(), seed=seed)
    prior.save(out)
    return prior


def default_comparisons(seed: int = 0, n_prompts: int = DEFAULT_PROMPTS):
    """The simulated 84-user group data behind the shipped prior (deterministic in seed)."""
    turns = load_turns()
    pool = build_pool(turns, n_prompts, DEFAULT_VARIANTS, seed)
    return simulate_comparisons(simulated_users(seed), pool, seed=seed), pool


def cli_build_default(out: Path, seed: int = 0, encoder: TextEncoder | None = None) -> GroupPrior:
    """Simulate the 84 SIMULATED users over the shipped corpus, fit, attach questions, save."""
    comparisons, pool = default_comparisons(seed)
    prior = fit_prior(comparisons, seed=seed, progress=True, encoder=encoder)
    used = set(pool.prompts)
    attach_bank(prior, [t for t in load_turns() if t.prompt not in used], seed=seed)
    prior.meta["source"] = f"simulated users (PReF Attributes protocol) over {HH_RLHF_SOURCE}"
    attach_guard(prior, StanceModel.load(), seed=seed)
    prior.save(out)
    return prior
