"""Community refit: new users placed with the installation's own group vs the shipped prior.

Method. SIMULATED communities (not people) whose taste departs from the shipped prior: each member
judges by a linear function of the seven measured attributes (PReF Attributes protocol, as the
shipped prior's users do) with weights drawn around a community mean (Bradley–Terry, β = 2).
Members answer the 12 onboarding questions on the shipped prior (active selection, as in the
product), which gives each a stored posterior; assistant.reward.community refits the group from
those posteriors alone. Then NEW members of the same community are onboarded from k = 0, 5, 10
answers, once on the refit prior and once on the shipped one (same users, same answers' random
draws), and scored by pairwise accuracy against their noise-free preference on held-out pairs
(prompts neither the bank nor the members saw; 4 restyled real HH-RLHF answers each).

Worlds: "shifted" (a community that wants shorter, more formal, less humorous answers), "control"
(members spread like the shipped population, mean at its mean: a refit must not hurt), and
"flattery" (a community that rewards enthusiasm and confidence, and agreement and praise on the
guard's columns): the group's weight on every protected coordinate, i.e. the guard's cap, is
reported before and after the refit, with what the members alone would have set.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.reward.attributes import ATTRIBUTES
from assistant.reward.community import KAPPA0, MIN_USERS, NU0, refit
from assistant.reward.corpus import load_turns
from assistant.reward.guard import guard_dims
from assistant.reward.onboarding import next_question, record_answer
from assistant.reward.posterior import UserPosterior
from assistant.reward.prior import GroupPrior
from assistant.reward.simulate import build_pool, judge
from benchmarks import write_result
from benchmarks.onboarding import BETA, AttributeScale, cached_encoder, run_selection

RESULTS = Path(__file__).parent / "results"
KS = (0, 5, 10)
MEMBER_QUESTIONS = 12
WORLDS = {
    # community mean over ATTRIBUTES (standardised units), spread of individuals around it
    "shifted": ({"length": -1.0, "formality": 0.8, "humour": -0.7}, 0.4),
    "control": ({}, 0.8),
    "flattery": ({"enthusiasm": 1.2, "confidence": 1.2}, 0.4),
}
GUARD_TASTE = np.array([1.0, 1.0])
"""The flattery community's weights on [agreement, praise] (the shipped group's are below zero)."""


@dataclass(frozen=True)
class Member:
    """A simulated member: linear weights over the standardised attributes."""

    weights: np.ndarray

    def utility(self, attrs: np.ndarray) -> float:
        return float(self.weights @ attrs)

    def margin(self, attr_a: np.ndarray, attr_b: np.ndarray) -> float:
        return float(self.weights @ (attr_a - attr_b))


def members(world: str, n: int, rng: np.random.Generator) -> list[Member]:
    shift, spread = WORLDS[world]
    mean = np.array([shift.get(a, 0.0) for a in ATTRIBUTES])
    return [Member(mean + spread * rng.standard_normal(len(ATTRIBUTES))) for _ in range(n)]


def member_profile(
    prior: GroupPrior, member: Member, scale, rng: random.Random, guard_taste=None
) -> dict:
    """The stored profile after onboarding on the shipped prior: {"posterior": …, "guard": …}.
    With guard_taste, the member also judged pairs differing in agreement and praise (the
    stance model's columns, drawn here), so their guard posterior moved too."""
    post, asked = UserPosterior.from_prior(prior), []
    for _ in range(MEMBER_QUESTIONS):
        q = next_question(prior, post, asked)
        if q is None:
            break
        label = judge(member, *scale([q.a, q.b]), rng, BETA)
        post = record_answer(post, q, label)
        asked.append(q.id)
    dims = guard_dims(prior)
    cov = np.maximum(dims.sigma, np.eye(len(dims.w_bar)))  # as Personalizer.guard_posterior
    gpost = UserPosterior(dims.w_bar.copy(), cov, dims.w_bar.copy(), cov)
    if guard_taste is not None:
        diffs = np.array([[rng.gauss(0, 0.7), rng.gauss(0, 0.7)] for _ in range(MEMBER_QUESTIONS)])
        p = 1 / (1 + np.exp(-BETA * diffs @ guard_taste))
        gpost = gpost.update(diffs, np.array([float(rng.random() < x) for x in p]))
    return {"posterior": post.to_dict() | {"guard": gpost.to_dict(), "basis": prior.basis_id}}


def eval_pairs(prior: GroupPrior, seed: int, quick: bool):
    """φ differences and attribute differences of held-out pairs (prompts not in the bank)."""
    bank_prompts = {q["prompt"] for q in prior.bank}
    turns = [t for t in load_turns() if t.prompt not in bank_prompts]
    pool = build_pool(turns, 60 if quick else 150, 4, seed + 11)
    scale = AttributeScale(pool.texts)
    phi = prior.features_many([pool.prompts[p] for p in pool.prompt_of], pool.texts)
    items = np.array(pool.items)
    return phi[items[:, 0]] - phi[items[:, 1]], scale, scale(pool.texts), items


def onboard_new(prior, shipped_prior, member, scale, pairs, seed: int) -> dict:
    eval_phi, attrs, items = pairs
    utility = attrs @ member.weights
    truth = np.sign(utility[items[:, 0]] - utility[items[:, 1]])
    keep = truth != 0
    out = {}
    for name, p in (("refit", prior), ("shipped", shipped_prior)):
        acc, _ = run_selection(
            p, member, scale, eval_phi[keep], truth[keep], random.Random(seed), True, KS
        )
        out[name] = acc
    return out


def caps(shipped: GroupPrior, community) -> dict:
    """The guard's cap on each protected coordinate (= the group's weight) before and after."""
    dims = guard_dims(shipped)
    rows = {}
    for j, label in enumerate(shipped.labels):
        if shipped.protected[j]:
            rows[label] = (shipped.w_bar[j], community.bases.mean[j], community.bases.unclamped[j])
    for j, label in enumerate(dims.labels):
        rows[label] = (dims.w_bar[j], community.guard.mean[j], community.guard.unclamped[j])
    return {
        label: {
            "cap_before": round(float(b), 4),
            "cap_after": round(float(a), 4),
            "members_alone": round(float(u), 4),
        }
        for label, (b, a, u) in rows.items()
    }


def run_world(world: str, shipped: GroupPrior, pairs, scale, seed: int, quick: bool) -> dict:
    rng = np.random.default_rng(seed)
    n_members, n_new = (20, 30) if quick else (40, 80)
    taste = GUARD_TASTE if world == "flattery" else None
    crowd = members(world, n_members + n_new, rng)
    profiles = [
        member_profile(shipped, m, scale, random.Random(seed + i), taste)
        for i, m in enumerate(crowd[:n_members])
    ]
    community = refit(shipped, profiles)
    if community is None:
        raise SystemExit(f"{world}: fewer than {MIN_USERS} members with evidence")
    refit_prior = community.apply(shipped)
    per_user = [
        onboard_new(refit_prior, shipped, m, scale, pairs, seed + 1000 + i)
        for i, m in enumerate(crowd[n_members:])
    ]
    acc = {
        name: {str(k): round(float(np.mean([u[name][k] for u in per_user])), 4) for k in KS}
        for name in ("refit", "shipped")
    }
    free = [j for j in range(shipped.J) if not shipped.protected[j]]
    moved = community.bases.mean - shipped.w_bar
    return {
        "members": n_members,
        "new_users": n_new,
        "community_mean": dict(
            zip(ATTRIBUTES, np.round(members_mean(world), 2).tolist(), strict=True)
        ),
        "accuracy": acc,
        "refit_minus_shipped": {
            str(k): round(acc["refit"][str(k)] - acc["shipped"][str(k)], 4) for k in KS
        },
        "group_weight_moved_free_bases": round(float(np.linalg.norm(moved[free])), 4),
        "guard_caps": caps(shipped, community),
        "cap_never_rose": bool(
            all(c["cap_after"] <= c["cap_before"] + 1e-9 for c in caps(shipped, community).values())
        ),
    }


def members_mean(world: str) -> np.ndarray:
    return np.array([WORLDS[world][0].get(a, 0.0) for a in ATTRIBUTES])


def plot(worlds: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(worlds), figsize=(5 * len(worlds), 3.8), sharey=True)
    for ax, (name, w) in zip(np.atleast_1d(axes), worlds.items(), strict=True):
        for lane, style in (("refit", "-o"), ("shipped", "--s")):
            ax.plot(KS, [w["accuracy"][lane][str(k)] for k in KS], style, label=f"{lane} prior")
        ax.set(xlabel="onboarding answers k", title=f"{name} community (simulated)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    np.atleast_1d(axes)[0].set_ylabel("new users' held-out pairwise accuracy")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def run(quick: bool, seed: int = 0, prior_dir: Path | None = None) -> dict:
    start = time.perf_counter()
    shipped = GroupPrior.load(prior_dir, encoder=cached_encoder())
    if not shipped.bank or shipped.bank_diffs is None:
        raise SystemExit("the prior has no onboarding bank: nothing to onboard with")
    eval_phi, scale, attrs, items = eval_pairs(shipped, seed, quick)
    worlds = {
        w: run_world(w, shipped, (eval_phi, attrs, items), scale, seed + 17 * i, quick)
        for i, w in enumerate(WORLDS)
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    plot(worlds, RESULTS / ("community_quick.png" if quick else "community.png"))
    shifted = worlds["shifted"]
    return {
        "benchmark": "community",
        "quick": quick,
        "simulated": True,
        "prior": str(prior_dir) if prior_dir else "shipped",
        "prior_source": shipped.meta.get("source", ""),
        "hyperprior": {"kappa0": KAPPA0, "nu0": NU0, "min_users": MIN_USERS},
        "eval_pairs": int(len(items)),
        "shifted_refit_minus_shipped": shifted["refit_minus_shipped"],
        "control_refit_minus_shipped": worlds["control"]["refit_minus_shipped"],
        "flattery_cap_never_rose": worlds["flattery"]["cap_never_rose"],
        "worlds": worlds,
        "seconds": round(time.perf_counter() - start, 1),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="unused: members are simulated")
    parser.add_argument("--prior", type=Path, default=None, help="a saved prior (default shipped)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    result = run(args.quick, args.seed, args.prior)
    write_result("community", result, args.quick)
    return result


if __name__ == "__main__":
    main()
