"""The slider on real answers: how often α changes the pick, and what it trades (crowd vs you).

Method. Real candidate answers: the PandaLM human-annotated test set grouped by instruction (+ its
input), 3-5 distinct 7B-model responses per prompt, with three annotators' pairwise votes on them
(the held-out crowd: the prompts the shipped prior did not fit on, when it records them). SIMULATED
users: true coefficients w at Mahalanobis distance 0.5, 1 and 2 from the group (w̄, Σ), in random
directions; what the assistant knows of them is their posterior after the 12 onboarding answers
(drawn by Bradley–Terry from w); "stated" users are 1 sd away and also state one measurable style
line in their summary ("Keep answers short", …), which enters the text term c and their own
judge. For α on a grid, each user's pick per prompt is the argmax of the product's blend
(assistant.reward.blend.blend_scores, guard on). Reported per distance: how often the pick differs
from the α = 1 pick; pick_change_rate = share of turns where it differs somewhere in α ∈ [0.1, 1)
(the target: ≥ 0.30 for users ≥ 1 sd away); crowd agreement = share of the pick's crowd-decided
pairs it won; personal agreement = share of the other candidates the user's own noise-free judge
ranks below the pick. monotone: crowd agreement never rises and personal agreement never falls as
α goes up (tolerance 0.005).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.reward.attributes import measure
from assistant.reward.blend import blend_scores
from assistant.reward.onboarding import next_question, record_answer
from assistant.reward.posterior import UserPosterior
from assistant.reward.prior import GroupPrior
from assistant.reward.style_terms import style_scores
from benchmarks.onboarding import cached_encoder

RESULTS = Path(__file__).parent / "results"
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ALPHAS = tuple(round(a / 10, 1) for a in range(11))
DISTANCES = (0.5, 1.0, 2.0)
STATED = (
    ("- Keep answers short", "length", -1),
    ("- Longer, detailed answers please", "length", 1),
    ("- Use formal wording", "formality", 1),
    ("- Be casual", "formality", -1),
)
STATED_WEIGHT = 1.5
"""A stated line counts this much in the user's own judge, per sd of the measure among answers."""
TARGET_CHANGE = 0.30
W_BAR_SCALES = (2.0, 4.0, 8.0)
"""What moves the change rate: the group's weights scaled (1 sd users, same candidates)."""
TOLERANCE = 0.005


@dataclass
class Prompt:
    text: str
    answers: list[str]
    crowd: list[tuple[int, int]]
    """(winner, loser) answer indices of the pairs the annotators' majority decided."""


def load_pandalm(data: Path) -> list[Prompt]:
    """PandaLM grouped by instruction + input; prompts with at least 3 distinct answers."""
    with gzip.open(data / "pandalm" / "testset-v1.json.gz", "rt", encoding="utf-8") as fh:
        rows = json.load(fh)
    groups: dict[str, Prompt] = {}
    for r in rows:
        text = r["instruction"] + (f"\n\n{r['input']}" if r.get("input") else "")
        p = groups.setdefault(text, Prompt(text, [], []))
        idx = []
        for resp in (r["response1"], r["response2"]):
            resp = str(resp).strip()  # a few answers were parsed as JSON booleans ("True")
            if resp not in p.answers:
                p.answers.append(resp)
            idx.append(p.answers.index(resp))
        votes = [r[f"annotator{k}"] for k in (1, 2, 3)]
        one, two = votes.count(1), votes.count(2)
        if idx[0] != idx[1] and one != two:
            p.crowd.append((idx[0], idx[1]) if one > two else (idx[1], idx[0]))
    return [p for p in groups.values() if len(p.answers) >= 3 and p.crowd]


def held_out(prompts: list[Prompt], prior: GroupPrior) -> tuple[list[Prompt], str]:
    """Prompts the prior did not fit on, when its provenance lists them; else all of them."""
    fitted = set(prior.meta.get("pandalm_fit_instructions", []))
    if not fitted:
        return prompts, "all PandaLM prompts (the prior records no PandaLM fitting split)"
    kept = [p for p in prompts if p.text.split("\n\n")[0] not in fitted]
    return kept, f"{len(kept)} PandaLM prompts the prior was not fitted on"


def onboarded(prior: GroupPrior, w_true: np.ndarray, rng: random.Random, n: int = 12):
    """The posterior mean after n onboarding answers drawn by Bradley–Terry from w_true."""
    post, asked = UserPosterior.from_prior(prior), []
    for _ in range(n):
        q = next_question(prior, post, asked)
        if q is None:
            break
        p = 1 / (1 + np.exp(-float(q.diff @ w_true)))
        post = record_answer(post, q, "a" if rng.random() < p else "b")
        asked.append(q.id)
    return post.mean


def users(prior: GroupPrior, n: int, seed: int) -> list[dict]:
    """Per distance n users (w, ŵ), plus n 'stated' users 1 sd away with a style line."""
    rng, py = np.random.default_rng(seed), random.Random(seed)
    chol = np.linalg.cholesky(prior.sigma)
    out = []
    for d in DISTANCES:
        for _ in range(n):
            z = rng.standard_normal(prior.J)
            w = prior.w_bar + d * chol @ (z / np.linalg.norm(z))
            out.append({"group": f"{d:g} sd", "w": w, "w_hat": onboarded(prior, w, py)})
    for k in range(n):
        z = rng.standard_normal(prior.J)
        w = prior.w_bar + chol @ (z / np.linalg.norm(z))
        line, axis, sign = STATED[k % len(STATED)]
        user = {"group": "stated", "w": w, "w_hat": onboarded(prior, w, py)}
        out.append(user | {"summary": line, "axis": axis, "sign": sign})
    return out


def own_judge(user: dict, phi: np.ndarray, answers: list[str]) -> np.ndarray:
    """The user's own utility for each answer: true weights, plus their stated line measured."""
    u = phi @ user["w"]
    if "axis" in user:
        m = np.array([measure(a)[user["axis"]] for a in answers])
        u = u + STATED_WEIGHT * user["sign"] * (m - m.mean()) / max(m.std(), 1e-9)
    return u


def picks(
    prior: GroupPrior, user: dict, phi: np.ndarray, answers: list[str], scale: float = 1.0
) -> list[int]:
    """The pick at each α of ALPHAS (the product's blend, guard on). scale ≠ 1: what if the group
    weighed its bases `scale` times as strongly (the user's departure from it unchanged)."""
    text = style_scores(user["summary"], answers).tolist() if "summary" in user else None
    w_bar = scale * prior.w_bar
    w_hat = user["w_hat"] + w_bar - prior.w_bar
    out = []
    for a in ALPHAS:
        scored = blend_scores(answers, phi, w_bar, w_hat, a, prior.protected, text_scores=text)
        out.append(next(i for i, c in enumerate(scored) if c.chosen))
    return out


def crowd_agreement(pick: int, crowd: list[tuple[int, int]]) -> float | None:
    decided = [w == pick for w, lo in crowd if pick in (w, lo)]
    return float(np.mean(decided)) if decided else None


def personal_agreement(pick: int, utility: np.ndarray) -> float:
    others = np.delete(utility, pick)
    return float(
        np.mean(np.where(others < utility[pick], 1.0, np.where(others == utility[pick], 0.5, 0.0)))
    )


def evaluate(prior: GroupPrior, prompts: list[Prompt], population: list[dict]) -> dict:
    phis = prior.features_many(
        [p.text for p in prompts for _ in p.answers], [a for p in prompts for a in p.answers]
    )
    bounds = np.cumsum([0] + [len(p.answers) for p in prompts])
    rows: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for user in population:
        r = rows[user["group"]]
        for k, p in enumerate(prompts):
            phi = phis[bounds[k] : bounds[k + 1]]
            chosen = picks(prior, user, phi, p.answers)
            utility = own_judge(user, phi, p.answers)
            r["differs"].append([c != chosen[-1] for c in chosen])
            r["changed"].append(any(c != chosen[-1] for c in chosen[1:-1]))
            r["crowd"].append([crowd_agreement(c, p.crowd) for c in chosen])
            r["personal"].append([personal_agreement(c, utility) for c in chosen])
            r["n"].append(len(p.answers))
            known = picks(prior, user | {"w_hat": user["w"]}, phi, p.answers)
            r["changed known"].append(any(c != known[-1] for c in known[1:-1]))
            if user["group"] == "1 sd":
                for scale in W_BAR_SCALES:
                    moved = picks(prior, user, phi, p.answers, scale)
                    r[f"scaled {scale:g}"].append(any(c != moved[-1] for c in moved[1:-1]))
    return {group: summarise(r) for group, r in rows.items()}


def summarise(r: dict) -> dict:
    crowd = np.array([[np.nan if x is None else x for x in row] for row in r["crowd"]])
    curve = {
        "differs_from_alpha1": np.mean(r["differs"], axis=0),
        "crowd_agreement": np.nanmean(crowd, axis=0),
        "personal_agreement": np.mean(r["personal"], axis=0),
    }
    changed, n = np.array(r["changed"]), np.array(r["n"])
    return {
        "turns": len(r["changed"]),
        "pick_change_rate": round(float(np.mean(r["changed"])), 4),
        "pick_change_rate_known_weights": round(float(np.mean(r["changed known"])), 4),
        "pick_change_rate_by_answers": {
            str(k): round(float(changed[n == k].mean()), 4) for k in sorted(set(n.tolist()))
        },
        **(
            {
                "if_w_bar_scaled": {
                    f"{s:g}": round(float(np.mean(r[f"scaled {s:g}"])), 4) for s in W_BAR_SCALES
                }
            }
            if f"scaled {W_BAR_SCALES[0]:g}" in r
            else {}
        ),
        "monotone": is_monotone(curve["crowd_agreement"], curve["personal_agreement"]),
        **{
            k: dict(zip(map(str, ALPHAS), np.round(v, 4).tolist(), strict=True))
            for k, v in curve.items()
        },
    }


def is_monotone(crowd, personal, tol: float = TOLERANCE) -> bool:
    """Crowd agreement never rises and personal agreement never falls as α goes up, by more than
    tol between ANY two grid points (a slow drift of small steps counts too)."""
    c, p = np.asarray(crowd, float), np.asarray(personal, float)
    rise = np.max(c[1:] - np.minimum.accumulate(c)[:-1], initial=0.0)
    fall = np.max(np.maximum.accumulate(p)[:-1] - p[1:], initial=0.0)
    return bool(rise <= tol and fall <= tol)


def plot(groups: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
    for (name, g), color in zip(
        groups.items(), plt.cm.viridis(np.linspace(0, 0.85, len(groups))), strict=True
    ):
        ax1.plot(ALPHAS, list(g["crowd_agreement"].values()), "-o", color=color, ms=3,
                 label=f"{name}: crowd")  # fmt: skip
        ax1.plot(ALPHAS, list(g["personal_agreement"].values()), "--s", color=color, ms=3,
                 label=f"{name}: own judge")  # fmt: skip
        ax2.plot(ALPHAS, list(g["differs_from_alpha1"].values()), "-o", color=color, ms=3,
                 label=f"{name} (changes in [0.1,1): {g['pick_change_rate']:.0%})")  # fmt: skip
    ax1.set(xlabel="α (0 = group, 1 = you)", ylabel="agreement of the pick",
            title="What the slider trades (PandaLM answers)")  # fmt: skip
    ax2.set(xlabel="α", ylabel="pick differs from the α = 1 pick", title="Does the slider matter?")
    for ax in (ax1, ax2):
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def run(data: Path, quick: bool, seed: int = 0, prior_dir: Path | None = None) -> dict:
    start = time.perf_counter()
    if not (data / "pandalm" / "testset-v1.json.gz").is_file():
        return {
            "benchmark": "slider",
            "skipped": f"no PandaLM data under {data} (../shared absent)",
        }
    prior = GroupPrior.load(prior_dir, encoder=cached_encoder())
    prompts, split = held_out(load_pandalm(data), prior)
    if quick:
        prompts = random.Random(seed).sample(prompts, min(40, len(prompts)))
    population = users(prior, 12 if quick else 40, seed)
    groups = evaluate(prior, prompts, population)
    RESULTS.mkdir(parents=True, exist_ok=True)
    plot(groups, RESULTS / ("slider_quick.png" if quick else "slider.png"))
    far = [g for name, g in groups.items() if name in ("1 sd", "2 sd", "stated")]
    return {
        "benchmark": "slider",
        "quick": quick,
        "simulated_users": True,
        "prior": str(prior_dir) if prior_dir else "shipped",
        "prior_source": prior.meta.get("source", ""),
        "prompts": split if not quick else f"{len(prompts)} of " + split,
        "answers_per_prompt": round(float(np.mean([len(p.answers) for p in prompts])), 2),
        "w_bar_norm": round(float(np.linalg.norm(prior.w_bar)), 4),
        "departure_norm": {  # |ŵ − w̄|: how far the assistant's estimate of each user is
            g: round(
                float(
                    np.mean(
                        [
                            np.linalg.norm(u["w_hat"] - prior.w_bar)
                            for u in population
                            if u["group"] == g
                        ]
                    )
                ),
                4,
            )
            for g in groups
        },  # fmt: skip
        "pick_change_rate": {name: g["pick_change_rate"] for name, g in groups.items()},
        "monotone": all(g["monotone"] for g in groups.values()),
        "target_met": all(g["pick_change_rate"] >= TARGET_CHANGE for g in far),
        "target": {"pick_change_rate_at_1sd_plus": TARGET_CHANGE},
        "groups": groups,
        "seconds": round(time.perf_counter() - start, 1),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    parser.add_argument("--prior", type=Path, default=None, help="a saved prior (default shipped)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    result = run(args.data, args.quick, args.seed, args.prior)
    if "skipped" not in result:
        name = "slider_quick.json" if args.quick else "slider.json"
        (RESULTS / name).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
