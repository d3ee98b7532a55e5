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
α goes up (tolerance 0.005, between any two grid points).

Beside the product lane, what moves it: "known_weights" (ŵ = the user's true weights: the slider's
mechanics without onboarding noise), "restyled_candidates" (the crowd's favourite answer and three
rule-based restylings of it: candidates of one quality that differ in style, as best-of-N from one
model), the change rate by number of answers per prompt, and with the group's weights scaled.
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
from assistant.reward.rewrite import random_style, restyle
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
    instruction: str
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
        p = groups.setdefault(text, Prompt(r["instruction"], text, [], []))
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
    kept = [p for p in prompts if p.instruction not in fitted]
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


def restyled(prompts: list[Prompt], seed: int) -> list[Prompt]:
    """Style-diverse candidates of one quality: the crowd's favourite answer of each prompt and 3
    rule-based restylings of it (what best-of-N from one model looks like; no crowd labels)."""
    rng, out = random.Random(seed), []
    for p in prompts:
        wins = np.bincount([w for w, _ in p.crowd], minlength=len(p.answers))
        best = p.answers[int(np.argmax(wins))]
        texts = [best] + [
            restyle(best, random_style(rng, 0.6), rng.randrange(1 << 30)) for _ in range(3)
        ]
        out.append(Prompt(p.instruction, p.text, list(dict.fromkeys(texts)), []))
    return [p for p in out if len(p.answers) >= 3]


def record(r: dict, lane: str, chosen: list[int], utility: np.ndarray, crowd) -> None:
    """One turn of one lane: the pick at each α against the α = 1 pick, the crowd, the user."""
    r[lane + "differs"].append([c != chosen[-1] for c in chosen])
    r[lane + "changed"].append(any(c != chosen[-1] for c in chosen[1:-1]))
    r[lane + "crowd"].append([crowd_agreement(c, crowd) for c in chosen])
    r[lane + "personal"].append([personal_agreement(c, utility) for c in chosen])


def evaluate(
    prior: GroupPrior, prompts: list[Prompt], population: list[dict], styled: list[Prompt]
) -> dict:
    """Lanes: "" = real answers, onboarded estimate ŵ (the product); "known " = real answers,
    the user's true weights as ŵ (no onboarding noise); "styled " = restyled candidates."""
    rows: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for lane, batch in (("", prompts), ("styled ", styled)):
        phis = prior.features_many(
            [p.text for p in batch for _ in p.answers], [a for p in batch for a in p.answers]
        )
        bounds = np.cumsum([0] + [len(p.answers) for p in batch])
        for user in population:
            r = rows[user["group"]]
            for k, p in enumerate(batch):
                phi = phis[bounds[k] : bounds[k + 1]]
                utility = own_judge(user, phi, p.answers)
                record(r, lane, picks(prior, user, phi, p.answers), utility, p.crowd)
                if lane:
                    continue
                r["n"].append(len(p.answers))
                known = picks(prior, user | {"w_hat": user["w"]}, phi, p.answers)
                record(r, "known ", known, utility, p.crowd)
                if user["group"] == "1 sd":
                    for scale in W_BAR_SCALES:
                        moved = picks(prior, user, phi, p.answers, scale)
                        r[f"scaled {scale:g}"].append(any(c != moved[-1] for c in moved[1:-1]))
    return {group: summarise(r) for group, r in rows.items()}


def curves(r: dict, lane: str = "") -> dict:
    crowd = np.array([[np.nan if x is None else x for x in row] for row in r[lane + "crowd"]])
    out = {
        "differs_from_alpha1": np.mean(r[lane + "differs"], axis=0),
        "crowd_agreement": np.nanmean(crowd, axis=0) if np.isfinite(crowd).any() else None,
        "personal_agreement": np.mean(r[lane + "personal"], axis=0),
    }
    return {
        "pick_change_rate": round(float(np.mean(r[lane + "changed"])), 4),
        **({} if out["crowd_agreement"] is None else {
            "monotone": is_monotone(out["crowd_agreement"], out["personal_agreement"])}),
        **{k: dict(zip(map(str, ALPHAS), np.round(v, 4).tolist(), strict=True))
           for k, v in out.items() if v is not None},
    }  # fmt: skip


def summarise(r: dict) -> dict:
    changed, n = np.array(r["changed"]), np.array(r["n"])
    scaled = {f"{s:g}": round(float(np.mean(r[f"scaled {s:g}"])), 4) for s in W_BAR_SCALES
              if f"scaled {s:g}" in r}  # fmt: skip
    return {
        "turns": len(r["changed"]),
        **curves(r),
        "pick_change_rate_by_answers": {
            str(k): round(float(changed[n == k].mean()), 4) for k in sorted(set(n.tolist()))
        },
        **({"if_w_bar_scaled": scaled} if scaled else {}),
        "known_weights": curves(r, "known "),
        "restyled_candidates": curves(r, "styled "),
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

    fig, (ax1, ax2, ax3) = plt.subplots(1, 3, figsize=(16, 4.3), sharey=False)
    colors = plt.cm.viridis(np.linspace(0, 0.85, len(groups)))
    for (name, g), color in zip(groups.items(), colors, strict=True):
        for ax, lane in ((ax1, g), (ax2, g["known_weights"])):
            ax.plot(ALPHAS, list(lane["crowd_agreement"].values()), "-o", color=color, ms=3,
                    label=f"{name}: held-out crowd")  # fmt: skip
            ax.plot(ALPHAS, list(lane["personal_agreement"].values()), "--s", color=color, ms=3,
                    label=f"{name}: own judge")  # fmt: skip
        ax3.plot(ALPHAS, list(g["differs_from_alpha1"].values()), "-o", color=color, ms=3,
                 label=f"{name} (changes in [0.1,1): {g['pick_change_rate']:.0%})")  # fmt: skip
    ax1.set(xlabel="α (0 = group, 1 = you)", ylabel="agreement of the pick",
            title="What the slider trades (ŵ after 12 onboarding answers)")  # fmt: skip
    ax2.set(xlabel="α", title="... if ŵ were the user's true weights")
    ax2.sharey(ax1)
    ax3.set(xlabel="α", ylabel="pick differs from the α = 1 pick", title="Does the slider matter?")
    for ax in (ax1, ax2, ax3):
        ax.grid(alpha=0.3)
        ax.legend(fontsize=6)
    fig.suptitle("PandaLM held-out prompts, real answers; simulated users", fontsize=10)
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
    groups = evaluate(prior, prompts, population, restyled(prompts, seed))
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
        "departure_norm": departure(prior, population),
        "pick_change_rate": {name: g["pick_change_rate"] for name, g in groups.items()},
        "monotone": all(g["monotone"] for g in groups.values()),
        "known_weights": {  # the same without onboarding noise: ŵ = the user's true weights
            "pick_change_rate": {
                n: g["known_weights"]["pick_change_rate"] for n, g in groups.items()
            },
            "monotone": all(g["known_weights"]["monotone"] for g in groups.values()),
        },
        "restyled_pick_change_rate": {
            n: g["restyled_candidates"]["pick_change_rate"] for n, g in groups.items()
        },
        "target_met": all(g["pick_change_rate"] >= TARGET_CHANGE for g in far),
        "target": {"pick_change_rate_at_1sd_plus": TARGET_CHANGE},
        "groups": groups,
        "seconds": round(time.perf_counter() - start, 1),
    }


def departure(prior: GroupPrior, population: list[dict]) -> dict:
    """Mean |w − w̄| (true) and |ŵ − w̄| (the onboarded estimate) per group of users."""
    out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for u in population:
        out[u["group"]]["true"].append(np.linalg.norm(u["w"] - prior.w_bar))
        out[u["group"]]["estimate"].append(np.linalg.norm(u["w_hat"] - prior.w_bar))
    return {g: {k: round(float(np.mean(v)), 3) for k, v in d.items()} for g, d in out.items()}


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
